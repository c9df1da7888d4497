/**
 * Hostile and random requests at every route, with every kind of token: the server answers each one
 * with a 2xx or a 4xx, never a 5xx. Seeded, so a failure can be replayed. FUZZ_REQUESTS sets the count, FUZZ_SEED the seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Running } from '../../server/main';
import { iso, T0, testConfig } from '../helpers/network';

jest.setTimeout(180_000);
const ADMIN = 'fuzz-admin-token-0123456789';
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);

/** mulberry32: a small seeded generator, so a run can be repeated. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

const HOSTILE_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'ENG', 'U1', 'D1', 'load', 'occ', 'E1', 'E999999',
  '0000-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00', '2000-01-01T00:00:00Z', iso(T0), 'not a date', '-1', '0', '1e309', 'NaN', 'Infinity',
  'x'.repeat(10_000), '%00', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE events; --", '🏥'.repeat(50), '\ud800', 'true', 'null', '[]', '{}',
];
const HOSTILE_NUMBERS = [0, -0, 1, -1, 0.5, 1e12, -1e12, 1e13, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 5e-324];

function hostileValue(r: ReturnType<typeof random>, depth = 0): unknown {
  switch (r.int(depth > 3 ? 4 : 7)) {
    case 0: return r.pick(HOSTILE_STRINGS);
    case 1: return r.pick(HOSTILE_NUMBERS);
    case 2: return r.pick([true, false, null]);
    case 3: return r.pick(HOSTILE_STRINGS).slice(0, 20);
    case 4: return Array.from({ length: r.int(4) }, () => hostileValue(r, depth + 1));
    case 5: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(HOSTILE_STRINGS).slice(0, 30), hostileValue(r, depth + 1)]));
    default: return { readings: Array.from({ length: r.int(3) }, () => hostileValue(r, depth + 1)) };
  }
}

const goodReading = () => ({ unit: 'U1', indicator: 'load', ts: iso(T0), value: 5 });
/** A valid body with one field made hostile, or one left out, or one added. */
function mutated(r: ReturnType<typeof random>, base: Record<string, unknown>): Record<string, unknown> {
  const body = { ...base };
  const keys = Object.keys(body);
  const choice = r.int(3);
  if (choice === 0 && keys.length > 0) body[r.pick(keys)] = hostileValue(r);
  else if (choice === 1 && keys.length > 0) delete body[r.pick(keys)];
  else body[r.pick(HOSTILE_STRINGS).slice(0, 20) || 'extra'] = hostileValue(r);
  return body;
}

function body(r: ReturnType<typeof random>, route: string): { text: string; type: string } | undefined {
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  switch (r.int(8)) {
    case 0: return undefined;
    case 1: return { text: r.pick(['{', '{"readings": [', 'null', '"x"', '[1,2', '{"a":1}}', '\u0000', '[]'.repeat(5000), '['.repeat(5000) + ']'.repeat(5000)]), type: 'application/json' };
    case 2: return { text: 'unit=U1&value=1', type: r.pick(['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data']) };
    case 3: return json(hostileValue(r));
    case 4: return json({ readings: Array.from({ length: r.int(50) }, () => mutated(r, goodReading())) });
    default: {
      const bases: Record<string, Record<string, unknown>> = {
        readings: goodReading(),
        findings: { findings: [{ node: 'ENG', indicator: 'load', period: iso(T0), published: 1, summed: 2 }] },
        tokens: { role: 'reporter', node: 'U1', name: 'fuzz', expiresIn: '1h' },
        acknowledge: { note: 'on it' },
        notes: { note: 'a note' },
      };
      const key = Object.keys(bases).find((name) => route.includes(name)) ?? 'readings';
      return json(mutated(r, bases[key]!));
    }
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');
/** Percent-encoded; a lone surrogate becomes bytes that are not UTF-8, which is hostile too. */
const enc = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};
const query = (r: ReturnType<typeof random>, keys: string[]) =>
  Array.from({ length: r.int(4) }, () => `${enc(r.next() < 0.8 ? r.pick(keys) : r.pick(HOSTILE_STRINGS).slice(0, 20))}=${enc(text(hostileValue(r)).slice(0, 200))}`).join('&');

let running: Running;
let dir: string;
const clock = { now: T0 + 60_000 };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-fuzz-'));
  running = await start({ config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock: () => clock.now, rateLimits: { failedAuth: 1e9, writesPerToken: 1e9, windowMs: 60_000 } });
  running.room.ingest([{ unit: 'U1', indicator: 'load', ts: iso(T0), value: 30 }], clock.now); // an episode to act on
});
afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`${REQUESTS} hostile requests at every route: no 5xx`, async () => {
  const r = random(Number(process.env.FUZZ_SEED ?? 11));
  const issue = async (role: string, node: string) =>
    ((await (await fetch(`${running.url}/api/tokens`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ role, node }) })).json()) as { token: string }).token;
  const tokens = [null, ADMIN, await issue('reporter', 'U1'), await issue('coordinator', 'D1'), 'ops_bogus', 'x'.repeat(5000)];
  const id = () => (r.next() < 0.05 ? r.pick(['%E0%A4%A', '%', '%%', '..%2F..%2F']) : enc(String(r.pick([...HOSTILE_STRINGS, 'E1', 'E1', 'ENG']))));
  const routes: Array<[string, () => string]> = [
    ['GET', () => '/api/health'], ['GET', () => '/api/whoami'], ['GET', () => '/api/hierarchy'], ['GET', () => '/api/indicators'],
    ['GET', () => `/api/nodes/${id()}`], ['GET', () => `/api/series?${query(r, ['node', 'indicator', 'from', 'to'])}`],
    ['GET', () => `/api/episodes?${query(r, ['status', 'node', 'reached', 'direction', 'from', 'to', 'limit', 'before'])}`],
    ['GET', () => `/api/findings?${query(r, ['node', 'indicator'])}`], ['GET', () => `/api/policies/${id()}`], ['GET', () => `/api/episodes/${id()}`],
    ['GET', () => `/api/events?${query(r, ['after', 'limit'])}`], ['GET', () => '/api/tokens'], ['GET', () => `/api/${id()}`], ['GET', () => `/${id()}`],
    ['POST', () => '/api/readings'], ['POST', () => '/api/findings'], ['POST', () => `/api/episodes/${id()}/acknowledge`],
    ['POST', () => `/api/episodes/${id()}/notes`], ['POST', () => '/api/tokens'], ['DELETE', () => `/api/tokens/${id()}`],
    ['PUT', () => '/api/readings'], ['PATCH', () => `/api/episodes/${id()}`], ['DELETE', () => `/api/episodes/${id()}`],
  ];
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const [method, path] = r.pick(routes);
    const url = path();
    const token = r.pick(tokens);
    const payload = method === 'GET' ? undefined : body(r, url);
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = r.next() < 0.95 ? `Bearer ${token}` : r.pick(['Basic abc', 'Bearer', `bearer  ${token}`, token]);
    if (payload) headers['Content-Type'] = payload.type;
    const res = await fetch(`${running.url}${url}`, { method, headers, body: payload?.text });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) failures.push(`${res.status} ${method} ${url.slice(0, 200)} ${payload?.text.slice(0, 200) ?? ''}`);
    if (i % 97 === 0) clock.now += 60_000;
  }
  console.log(`fuzz: ${REQUESTS} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; 5xx: ${failures.length}`);
  expect(failures).toEqual([]);
  // Still serving, and what it acknowledged is there.
  expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
});
