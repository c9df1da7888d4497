import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { at, iso, testConfig } from '../helpers/network';
import { findingEventSchema } from '../../shared/api';
import { ADMIN, startTestServer } from '../helpers/server';
import { next, sleep, socketPool, subscribe } from '../helpers/sockets';

const finding = { node: 'ENG', indicator: 'load', period: iso(at(3) + 20 * 60_000), published: 40, summed: 43, source: 'England row' };

test('data-quality findings: the admin records them, anyone who reads sees them beside the sums, and they survive a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-findings-'));
  let server = await startTestServer(testConfig(), { now: at(5), dir });
  try {
    const post = (token: string, body: unknown) => request(server.url).post('/api/findings').set('Authorization', `Bearer ${token}`).send(body as object);
    const reporter = await server.token('reporter', 'U1');
    expect((await post(reporter, { findings: [finding] })).status).toBe(403); // only the admin
    const unknown = await post(ADMIN, { findings: [finding, { ...finding, node: 'NOPE' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: 'findings.1.node', message: 'unknown node "NOPE"' }]);
    const bad = await post(ADMIN, { findings: [{ ...finding, published: 'lots' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('findings.0.published');
    expect((await request(server.url).get('/api/findings').expect(200)).body.findings).toEqual([]); // all or nothing: nothing kept
    expect((await post(ADMIN, { findings: [finding] }).expect(200)).body).toEqual({ accepted: 1 });

    const expected = [{ ...finding, period: iso(at(3)), difference: 3 }];
    expect((await request(server.url).get('/api/findings?node=ENG').expect(200)).body.findings).toEqual(expected);
    expect((await request(server.url).get('/api/findings?node=R1').expect(200)).body.findings).toEqual([]);
    expect((await request(server.url).get('/api/nodes/ENG').expect(200)).body.dataQuality).toEqual(expected);
    await server.stop();
    server = await startTestServer(testConfig(), { now: at(6), dir });
    expect((await request(server.url).get('/api/findings').expect(200)).body.findings).toEqual(expected);
    // The sum stays the sum: a finding never writes a value.
    expect((await request(server.url).get('/api/series?node=ENG&indicator=load').expect(200)).body.points).toEqual([]);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('findings refused with a 4xx naming the field, and nothing recorded', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(testConfig(), { now: at(5) });
  });
  afterAll(() => server.stop());

  const posted: Array<{ why: string; change: Record<string, unknown>; status: number; path: string }> = [
    { why: 'published equal to summed is no difference', change: { published: 43 }, status: 422, path: 'findings.0.summed' },
    { why: 'a unit (leaf) has no summed total', change: { node: 'U1' }, status: 422, path: 'findings.0.node' },
    { why: 'a period that has not begun', change: { period: iso(at(30)) }, status: 422, path: 'findings.0.period' },
    { why: 'a negative published count', change: { published: -5 }, status: 422, path: 'findings.0.published' },
    { why: 'a negative summed count', change: { summed: -1 }, status: 422, path: 'findings.0.summed' },
    { why: 'an unknown indicator', change: { indicator: 'nope' }, status: 422, path: 'findings.0.indicator' },
  ];
  it.each(posted)('POST: $why → $status at $path', async ({ change, status, path }) => {
    const res = await request(server.url).post('/api/findings').set('Authorization', `Bearer ${ADMIN}`).send({ findings: [{ ...finding, ...change }] });
    expect(res.status).toBe(status);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    expect((await request(server.url).get('/api/findings').expect(200)).body.findings).toEqual([]);
  });

  const queried: Array<{ why: string; query: string; status: number; path: string }> = [
    { why: 'an unknown indicator', query: 'indicator=nope', status: 404, path: 'indicator' },
    { why: 'an unknown node', query: 'node=NOPE', status: 404, path: 'node' },
  ];
  it.each(queried)('GET: $why → $status naming $path', async ({ query, status, path }) => {
    const res = await request(server.url).get(`/api/findings?${query}`);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.error.issues)).toContain(`"${path}"`);
  });
});

test("a newly recorded finding is pushed to the room of its node, and only there", async () => {
  const server = await startTestServer(testConfig(), { now: at(5) });
  const pool = socketPool();
  try {
    const england = pool.connect(server.url);
    await subscribe(england, 'ENG');
    const region = pool.connect(server.url);
    await subscribe(region, 'R1');
    let regionHeard = 0;
    region.on('finding', () => regionHeard++);
    const pushed = next<unknown>(england, 'finding');
    await request(server.url).post('/api/findings').set('Authorization', `Bearer ${ADMIN}`).send({ findings: [finding] }).expect(200);
    expect(findingEventSchema.parse(await pushed).finding).toEqual({ ...finding, period: iso(at(3)), difference: 3 });
    // The room of R1 shows R1's figures, where this finding is not.
    await sleep(200); // time for a stray event to arrive
    expect(regionHeard).toBe(0);
  } finally {
    pool.closeAll();
    await server.stop();
  }
});
