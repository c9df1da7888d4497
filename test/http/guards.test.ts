import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Running } from '../../server/main';
import { iso, T0, testConfig } from '../helpers/network';
import { ADMIN } from '../helpers/server';

/** Rate limits, security headers, and anonymous writes refused before their body is read. */
let running: Running;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-guards-'));
  running = await start({
    config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock: () => T0 + 60_000,
    rateLimits: { failedAuth: 5, writesPerToken: 3, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});
const reading = { unit: 'U1', indicator: 'load', ts: iso(T0), value: 1 };

describe('security headers', () => {
  test.each(['/api/health', '/api/hierarchy', '/'])('%s carries them', async (path) => {
    const res = await request(running.url).get(path);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('anonymous writes', () => {
  test.each([
    // Not JSON: it would be a 400 invalid_json if the body were read first.
    ['a body that is not JSON', '{"unit": ', 'application/json'],
    // Over the body limit: it would be a 413 if the body were read first.
    ['a body over the limit', JSON.stringify({ readings: 'x'.repeat(5 * 1024 * 1024) }), 'application/json'],
  ])('%s gets a 401, unread', async (_name, body, type) => {
    const res = await request(running.url).post('/api/readings').set('Content-Type', type).send(body);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('writes per token', () => {
  test('a reporter token may make so many writes in the window; then 429 with Retry-After; other tokens and the admin carry on', async () => {
    const issue = async () => (await request(running.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role: 'reporter', node: 'U1' }).expect(201)).body.token as string;
    const [busy, quiet] = [await issue(), await issue()];
    const post = (token: string) => request(running.url).post('/api/readings').set('Authorization', `Bearer ${token}`).send(reading);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(busy)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(busy);
    expect(refused.body.error.code).toBe('too_many_requests');
    expect(refused.headers['retry-after']).toBe('60');
    expect((await post(quiet)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await post(ADMIN)).status).toBe(200);
    // Reads are not writes.
    expect((await request(running.url).get('/api/hierarchy').set('Authorization', `Bearer ${busy}`)).status).toBe(200);
  });
});

describe('failed authentication', () => {
  test('an address with too many 401s is refused (429) for the rest of the window, whatever it sends', async () => {
    // A server of its own: the anonymous writes above were failed authentications too.
    await running.close();
    running = await start({ config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, rateLimits: { failedAuth: 5, writesPerToken: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(running.url).get('/api/whoami').set('Authorization', 'Bearer wrong-token')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await request(running.url).get('/api/whoami').set('Authorization', `Bearer ${ADMIN}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_requests');
    // Liveness is not behind it: a probe still sees the server up.
    expect((await request(running.url).get('/api/health')).status).toBe(200);
  });
});

describe('behind a proxy', () => {
  test('with trustProxy, failed authentications are counted per client address, not per proxy', async () => {
    await running.close();
    running = await start({ config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, trustProxy: 'loopback', rateLimits: { failedAuth: 2, writesPerToken: 3, windowMs: 60_000 } });
    const from = async (client: string) => (await request(running.url).get('/api/whoami').set('X-Forwarded-For', client).set('Authorization', 'Bearer wrong')).status;
    expect([await from('198.51.100.1'), await from('198.51.100.1'), await from('198.51.100.1')]).toEqual([401, 401, 429]);
    expect(await from('198.51.100.2')).toBe(401);
  });
});
