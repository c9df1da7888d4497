import request from 'supertest';
import { at, iso, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let u1: string;
beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  u1 = await server.token('reporter', 'U1');
});
afterAll(() => server.stop());

const post = (body: unknown, token: string | null = u1) => {
  const req = request(server.url).post('/api/readings');
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(body as object);
};
const loadPoints = async (node = 'U1') => (await request(server.url).get(`/api/series?node=${node}&indicator=load`)).body.points;

describe('POST /api/readings', () => {
  test('one reading is accepted, a repeat is a duplicate, another value corrects the period', async () => {
    expect((await post(reading('U1', 'load', 0, 5))).body).toEqual({ accepted: 1, duplicates: 0, stale: 0 });
    expect((await post(reading('U1', 'load', 0, 5))).body).toEqual({ accepted: 0, duplicates: 1, stale: 0 });
    expect((await post({ readings: [reading('U1', 'load', 0, 6), reading('U1', 'load', 0, 6)] })).body).toEqual({ accepted: 1, duplicates: 1, stale: 0 });
    expect(await loadPoints()).toEqual([{ period: iso(at(0)), value: 6, coverage: 1, final: true, forecast: null }]);
  });

  test.each([
    { name: 'no token', token: null, body: reading('U1', 'load', 0, 1), status: 401, code: 'unauthorized' },
    { name: 'an unknown token', token: 'nope', body: reading('U1', 'load', 0, 1), status: 401, code: 'unauthorized' },
    { name: 'a token for another unit', token: 'U1', body: reading('U2', 'load', 0, 1), status: 403, code: 'forbidden', path: 'unit' },
    { name: 'an unknown unit (admin)', token: ADMIN, body: reading('U9', 'load', 0, 1), status: 422, code: 'unprocessable', path: 'unit' },
    { name: 'a node that is not a unit (admin)', token: ADMIN, body: reading('D1', 'load', 0, 1), status: 422, code: 'unprocessable', path: 'unit' },
    { name: 'an unknown indicator', token: 'U1', body: reading('U1', 'beds', 0, 1), status: 422, code: 'unprocessable', path: 'indicator' },
    { name: 'a derived indicator', token: 'U1', body: reading('U1', 'occ', 0, 0.5), status: 422, code: 'unprocessable', path: 'indicator' },
    { name: 'a ts more than 5 minutes ahead', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: iso(at(0) + 7 * 60_000), value: 1 }, status: 422, code: 'unprocessable', path: 'ts' },
    // Year −1 in UTC: it used to be accepted and broke every chart from the unit to the top.
    { name: 'a ts in the UTC year −1', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: '0000-01-01T00:30:00+01:00', value: 1 }, status: 400, code: 'invalid_request', path: 'ts' },
    // Before the history horizon (366 days by default): it used to open a live crisis now.
    { name: 'a ts in the year 2000', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: '2000-06-01T00:00:00Z', value: 50 }, status: 422, code: 'unprocessable', path: 'ts' },
    { name: 'a ts without an offset', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: '2026-01-05T00:00:00', value: 1 }, status: 400, code: 'invalid_request', path: 'ts' },
    { name: 'a value that is not a number', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: iso(at(0)), value: '12' }, status: 400, code: 'invalid_request', path: 'value' },
    { name: 'a missing field', token: 'U1', body: { unit: 'U1', ts: iso(at(0)), value: 1 }, status: 400, code: 'invalid_request', path: 'indicator' },
    { name: 'an absurd value', token: 'U1', body: { unit: 'U1', indicator: 'load', ts: iso(at(0)), value: 1e200 }, status: 400, code: 'invalid_request', path: 'value' },
    { name: 'an unknown unit, from a reporter', token: 'U1', body: reading('U9', 'load', 0, 1), status: 422, code: 'unprocessable', path: 'unit' },
    { name: 'an empty batch', token: 'U1', body: { readings: [] }, status: 400, code: 'invalid_request', path: 'readings' },
  ])('$name → $status', async ({ token, body, status, code, path }) => {
    const res = await post(body, token === 'U1' ? u1 : token);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    if (path) expect(res.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  test('a batch names each bad field by its place, and changes nothing', async () => {
    const readings = [reading('U1', 'load', -4, 1), reading('U1', 'load', -3, 2), reading('U1', 'load', -2, 3), { ...reading('U1', 'load', -1, 4), value: 'four' }];
    const res = await post({ readings });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'readings.3.value', message: expect.any(String) }]);
    expect((await loadPoints()).map((p: { period: string }) => p.period)).toEqual([iso(at(0))]);
  });

  test('all or nothing: one unknown unit refuses the whole batch', async () => {
    const res = await post({ readings: [reading('U1', 'load', -1, 1), reading('U9', 'load', -1, 1)] }, ADMIN);
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toBe('readings.1.unit');
    expect(await loadPoints()).toHaveLength(1);
  });

  test('more than 10,000 readings is too large', async () => {
    const readings = Array.from({ length: 10_001 }, () => reading('U1', 'load', 0, 1));
    const res = await post({ readings });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  test('a body over the size limit is too large, and says how to fix it', async () => {
    const res = await post({ readings: [reading('U1', 'load', 0, 1)], padding: 'x'.repeat(5 * 2 ** 20) });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('split the batch');
  });

  test('liveness answers whatever token a probe sends', async () => {
    expect((await request(server.url).get('/api/health').set('Authorization', 'Bearer stale')).status).toBe(200);
  });

  test('a body that is not JSON is refused', async () => {
    const res = await request(server.url).post('/api/readings').set('Authorization', `Bearer ${u1}`).set('Content-Type', 'application/json').send('{"unit": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  test('10,000 readings in one batch are accepted', async () => {
    // Two indicators, so the batch stays inside the default history horizon (366 days of hours).
    const readings = Array.from({ length: 10_000 }, (_, i) => reading('U1', i % 2 ? 'occupied' : 'load', -Math.floor(i / 2) - 1, 1));
    const res = await post({ readings });
    expect(res.body).toEqual({ accepted: 10_000, duplicates: 0, stale: 0 });
  });
});
