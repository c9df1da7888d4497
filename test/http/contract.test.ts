import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { api, pathOf, type RouteDef, type RouteName } from '../../shared/contract/routes';
import { createHttpApp } from '../../server/http/app';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/**
 * The contract test: every route of shared/contract/routes.ts is called, and every answer (success
 * and refusal alike) must parse with the schema the table gives for its status.
 */
let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  tokens.U1 = await server.token('reporter', 'U1');
  tokens.D1 = await server.token('coordinator', 'D1');
  tokens.D2 = await server.token('coordinator', 'D2');
});
afterAll(() => server.stop());

interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  /** Whose token: a name in `tokens`, null for none; the admin's when not given. */
  as?: string | null;
  status: number;
}

const answered = new Map<RouteName, Set<number>>();
async function check(name: RouteName, call: Call) {
  const route: RouteDef = api[name];
  const url = `/api${pathOf(route, call.params)}${call.query ? `?${new URLSearchParams(call.query).toString()}` : ''}`;
  let req = request(server.url)[route.method](url);
  const token = call.as === undefined ? ADMIN : call.as === null ? null : tokens[call.as]!;
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  const res = call.body === undefined ? await req : await req.send(call.body as object);
  expect({ url, status: res.status }).toEqual({ url, status: call.status });
  const schema = route.responses[res.status];
  expect(schema).toBeDefined();
  const parsed = schema!.safeParse(route.produces ? res.text : res.body);
  if (!parsed.success) throw new Error(`${route.method.toUpperCase()} ${url} → ${res.status} does not parse: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  answered.set(name, (answered.get(name) ?? new Set()).add(res.status));
  return res;
}

// In order: readings open E1 (held by U1), which later calls read and act on.
const CALLS: [RouteName, Call][] = [
  ['health', { as: null, status: 200 }],
  ['postReadings', { as: 'U1', body: reading('U1', 'load', 0, 12), status: 200 }],
  ['postReadings', { body: { readings: [reading('U2', 'load', 0, 3), reading('U3', 'occupied', 0, 5)] }, status: 200 }],
  ['postReadings', { body: { unit: 'U1' }, status: 400 }],
  ['postReadings', { body: reading('NOPE', 'load', 0, 1), status: 422 }],
  ['whoami', { status: 200 }],
  ['whoami', { as: null, status: 401 }],
  ['hierarchy', { status: 200 }],
  ['indicators', { status: 200 }],
  ['node', { params: { id: 'D1' }, status: 200 }],
  ['node', { params: { id: 'NOPE' }, status: 404 }],
  ['series', { query: { node: 'D1', indicator: 'load' }, status: 200 }],
  ['series', { query: { node: 'D1' }, status: 400 }],
  ['episodes', { query: { node: 'ENG' }, status: 200 }],
  ['episodes', { query: { limit: '0' }, status: 400 }],
  ['episode', { params: { id: 'E1' }, status: 200 }],
  ['episode', { params: { id: 'E999' }, status: 404 }],
  ['recordFindings', { body: { findings: [{ node: 'ENG', indicator: 'load', period: '2026-01-05T00:00:00Z', published: 20, summed: 15 }] }, status: 200 }],
  ['findings', { query: { node: 'ENG' }, status: 200 }],
  ['policy', { params: { version: 1 }, status: 200 }],
  ['policy', { params: { version: 99 }, status: 404 }],
  ['events', { query: { limit: '5' }, status: 200 }],
  ['acknowledge', { params: { id: 'E1' }, as: 'D2', body: {}, status: 403 }],
  ['acknowledge', { params: { id: 'E1' }, as: 'D1', body: { note: 'on it' }, status: 200 }],
  ['note', { params: { id: 'E1' }, as: 'D1', body: { note: 'beds found' }, status: 200 }],
  ['note', { params: { id: 'E1' }, as: 'D1', body: {}, status: 400 }],
  ['issueToken', { body: { role: 'reporter', node: 'U2' }, status: 201 }],
  ['issueToken', { body: { role: 'reporter', node: 'D1' }, status: 422 }],
  ['tokens', { status: 200 }],
  ['tokens', { as: 'U1', status: 403 }],
  ['revokeToken', { params: { id: 'tok_nope' }, status: 404 }],
  ['webhooks', { status: 200 }],
  ['webhooks', { as: 'U1', status: 403 }],
  ['addWebhook', { body: { name: 'district-one', node: 'D1', url: 'http://127.0.0.1:9/hook', secretEnv: 'HOOK_SECRET' }, status: 201 }],
  ['addWebhook', { body: { name: 'district-one', node: 'D2', url: 'http://127.0.0.1:9/hook' }, status: 409 }],
  ['addWebhook', { body: { name: 'nowhere', node: 'NOPE', url: 'http://127.0.0.1:9/hook' }, status: 422 }],
  ['addWebhook', { body: { name: 'bad', node: 'D1', url: 'ftp://x' }, status: 400 }],
  ['addWebhook', { body: { name: 'worse', node: 'D1', url: 'nope' }, status: 400 }], // not a URL at all: a 400 naming url, not a 500
  ['webhookDeliveries', { query: { receiver: 'district-one', limit: '10' }, status: 200 }],
  ['webhookDeliveries', { query: { status: 'lost' }, status: 400 }],
  ['removeWebhook', { params: { name: 'district-one' }, status: 200 }],
  ['removeWebhook', { params: { name: 'district-one' }, status: 404 }],
  ['stateAt', { query: { at: '2026-01-05T01:00:00Z' }, status: 200 }],
  ['stateAt', { query: { at: 'noon' }, status: 400 }],
  ['stateAt', { query: { at: '2020-01-05T01:00:00Z' }, status: 404 }],
  ['nodeAt', { params: { id: 'ENG' }, query: { at: '2026-01-05T01:00:00Z' }, status: 200 }],
  ['nodeAt', { params: { id: 'NOPE' }, query: { at: '2026-01-05T01:00:00Z' }, status: 404 }],
  ['nodeAt', { params: { id: 'ENG' }, query: { at: 'noon' }, status: 400 }],
  ['timeline', { query: { buckets: '10' }, status: 200 }],
  ['timeline', { query: { buckets: '0' }, status: 400 }],
  ['report', { query: { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z' }, status: 200 }],
  ['report', { query: { from: '2026-01-05T00:00:00Z', to: '2026-01-04T00:00:00Z' }, status: 400 }],
  ['report', { query: { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z', node: 'NOPE' }, status: 404 }],
  ['startWhatif', { body: { from: '2026-01-05T00:00:00Z', to: '2026-01-05T00:00:00Z', policy: { allowances: { unit: 'long' } } }, status: 400 }],
  ['startWhatif', { body: { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z', policy: { indicators: { NOPE: {} } } }, status: 422 }],
  ['startWhatif', { as: null, body: { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z', policy: {} }, status: 401 }],
  ['whatif', { params: { id: 'NOPE' }, status: 404 }],
  ['cancelWhatif', { params: { id: 'NOPE' }, status: 404 }],
  ['openapi', { as: null, status: 200 }],
  ['reference', { as: null, status: 200 }],
];

describe('the contract', () => {
  test('every answer of every route parses with the schema the table gives for its status', async () => {
    for (const [name, call] of CALLS) await check(name, call);
    const issued = await check('issueToken', { body: { role: 'coordinator', node: 'R1' }, status: 201 });
    await check('revokeToken', { params: { id: issued.body.id as string }, status: 200 });
    const whatif = await check('startWhatif', { body: { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z', policy: { allowances: { unit: '8h' } } }, status: 200 });
    await check('whatif', { params: { id: whatif.body.id as string }, status: 200 });
    await check('cancelWhatif', { params: { id: whatif.body.id as string }, status: 200 });
    const missing = (Object.keys(api) as RouteName[]).filter((name) => ![...(answered.get(name) ?? [])].some((status) => status < 300));
    expect(missing).toEqual([]);
  });

  test('a resolved episode takes no acknowledgement and no note (one scope rule, shared/scope.ts)', async () => {
    server.clock.now = at(1) + 60_000;
    await check('postReadings', { as: 'U1', body: reading('U1', 'load', 1, 2), status: 200 });
    await check('episode', { params: { id: 'E1' }, status: 200 }).then((res) => expect(res.body.status).toBe('resolved'));
    const refused = await check('note', { params: { id: 'E1' }, as: 'D1', body: { note: 'after the fact' }, status: 409 });
    expect(refused.body.error.message).toMatch(/resolved/);
    // Out of scope is said first: D2 hears 403, not that it is resolved.
    await check('note', { params: { id: 'E1' }, as: 'D2', body: { note: 'x' }, status: 403 });
  });
});

/** Every route express serves under /api: the app's own and the /api router's, as `get /api/episodes/:id`. */
function expressRoutes(app: Express): string[] {
  type Layer = { name: string; route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] } };
  const list = (layers: Layer[], prefix: string): string[] =>
    layers.flatMap((layer) => {
      if (layer.route) return Object.keys(layer.route.methods).map((method) => `${method} ${prefix}${layer.route!.path}`);
      return layer.name === 'router' && layer.handle.stack ? list(layer.handle.stack, '/api') : [];
    });
  return list((app as unknown as { router: { stack: Layer[] } }).router.stack, '').filter((route) => route.includes('/api/'));
}

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1 with every $ref resolved (@seriousme/openapi-schema-validator)', async () => {
    const res = await request(server.url).get('/api/openapi.json').expect(200);
    const file = join(server.dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.body));
    const cli = join(__dirname, '../../node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const verdict = JSON.parse(execFileSync(process.execPath, [cli, file], { encoding: 'utf8' })) as { valid: boolean };
    expect(verdict).toEqual({ valid: true });
    // And the validator does refuse a broken one, so the check above can fail.
    writeFileSync(file, JSON.stringify({ ...res.body, paths: { '/x': { get: { responses: { 200: { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } } } }));
    expect(() => execFileSync(process.execPath, [cli, file], { encoding: 'utf8', stdio: 'pipe' })).toThrow();
  });

  test('has every route express serves, each with responses, and nothing express does not serve', async () => {
    const document = (await request(server.url).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { responses: object }>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = expressRoutes(createHttpApp(server.room, join(server.dir, 'no-client')));
    expect(served.length).toBeGreaterThan(15);
    // /metrics is outside /api and the route table, documented beside it, and served by the running server.
    expect(documented).toContain('get /metrics');
    expect([...served].sort()).toEqual(documented.filter((route) => route !== 'get /metrics').sort());
    await request(server.url).get('/metrics').set('Authorization', `Bearer ${ADMIN}`).expect(200).expect('Content-Type', /text\/plain/);
    for (const methods of Object.values(document.paths)) for (const operation of Object.values(methods)) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
  });

  test('the reference page renders the document locally, with no script and nothing from elsewhere', async () => {
    const page = await request(server.url).get('/api/reference').expect(200).expect('Content-Type', /html/);
    expect(page.text).toContain('/api/episodes/{id}/acknowledge');
    expect(page.text).toContain('id="schema-Episode"');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!json-schema\.org)/);
  });
});
