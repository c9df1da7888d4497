import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { start, type Running } from '../../server/main';
import { at, iso, reading, testConfig } from '../helpers/network';
import { parsePrometheus, sumOf } from '../helpers/prometheus';
import { ADMIN } from '../helpers/server';

const METRICS_TOKEN = 'metrics-token-0123456789';
let server: Running;
let dir: string;
let u1: string;
const now = { ms: at(0) + 60_000 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-metrics-'));
  server = await start({ config: testConfig(), dbPath: join(dir, 'opsroom.db'), port: 0, adminToken: ADMIN, metricsToken: METRICS_TOKEN, clock: () => now.ms });
  u1 = (await request(server.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role: 'reporter', node: 'U1' })).body.token;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const scrape = async () => {
  const res = await request(server.url).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(res.status).toBe(200);
  return parsePrometheus(res.text);
};
const post = (body: object | string, token: string | null = u1) => {
  const req = request(server.url).post('/api/readings');
  if (token) req.set('Authorization', `Bearer ${token}`);
  if (typeof body === 'string') req.set('Content-Type', 'text/csv');
  return req.send(body);
};

describe('GET /metrics', () => {
  test.each([
    // A scraper without credentials learns nothing about the network.
    { who: 'no token', token: null, status: 401 },
    // A unit's reporter token is for posting readings, not for reading the service's figures.
    { who: 'a reporter', token: 'reporter', status: 403 },
    // Unknown tokens count towards the failed-authentication limit, as on the API.
    { who: 'a token nobody issued', token: 'not-a-token-at-all', status: 401 },
    { who: 'the admin token', token: ADMIN, status: 200 },
    { who: 'OPSROOM_METRICS_TOKEN', token: METRICS_TOKEN, status: 200 },
  ])('$who → $status', async ({ token, status }) => {
    const req = request(server.url).get('/metrics');
    if (token) req.set('Authorization', `Bearer ${token === 'reporter' ? u1 : token}`);
    const res = await req;
    expect(res.status).toBe(status);
    if (status === 200) expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test('is Prometheus text with every family the operations engineer looks for', async () => {
    const names = new Set((await scrape()).map((sample) => sample.name));
    for (const name of [
      'opsroom_readings_total', 'opsroom_http_request_duration_seconds_bucket', 'opsroom_episodes_resolved', 'opsroom_settled_locally_ratio',
      'opsroom_no_report_units', 'opsroom_socket_clients', 'nodejs_eventloop_lag_seconds', 'opsroom_event_log_last_seq', 'opsroom_database_bytes', 'opsroom_webhook_signals',
      'opsroom_checkpoint_bytes', 'opsroom_restart_replay_seconds',
    ]) expect(names).toContain(name);
  });

  test('accepted readings and duplicates are counted as they arrive', async () => {
    const before = await scrape();
    expect((await post({ readings: [reading('U1', 'load', 0, 3), reading('U1', 'occupied', 0, 5)] })).status).toBe(200);
    expect((await post(reading('U1', 'load', 0, 3))).status).toBe(200); // the same reading again: a duplicate
    const after = await scrape();
    expect(sumOf(after, 'opsroom_readings_total', { outcome: 'accepted' }) - sumOf(before, 'opsroom_readings_total', { outcome: 'accepted' })).toBe(2);
    expect(sumOf(after, 'opsroom_readings_total', { outcome: 'duplicate' }) - sumOf(before, 'opsroom_readings_total', { outcome: 'duplicate' })).toBe(1);
  });

  test.each([
    // A clock running ahead on the unit's side: named by the field, so the cause is in the graph.
    { why: 'a ts ahead of the server', body: { readings: [{ unit: 'U1', indicator: 'load', ts: iso(at(0) + 3_600_000), value: 1 }, reading('U1', 'load', 0, 1)] }, token: 'U1', reason: 'unprocessable', field: 'ts', count: 2 },
    { why: 'another unit\'s reading', body: reading('U2', 'load', 0, 1), token: 'U1', reason: 'forbidden', field: 'unit', count: 1 },
    { why: 'a value that is not a number', body: { unit: 'U1', indicator: 'load', ts: iso(at(0)), value: 'x' }, token: 'U1', reason: 'invalid_request', field: 'value', count: 1 },
    // Refused before its body is read: still counted, so a unit that lost its token shows.
    { why: 'no token', body: reading('U1', 'load', 0, 1), token: null, reason: 'unauthorized', field: '', count: 1 },
    // A CSV is counted by its lines and labelled by its column, never by line number (labels stay few).
    { why: 'a CSV with a bad value on its last line', body: `unit,indicator,ts,value\nU1,load,${iso(at(0))},1\nU1,load,${iso(at(0))},2\nU1,load,${iso(at(0))},x\n`, token: 'U1', reason: 'invalid_request', field: 'value', count: 3 },
  ])('a refused batch is counted by reason: $why', async ({ body, token, reason, field, count }) => {
    const before = sumOf(await scrape(), 'opsroom_readings_refused_total', { reason, field });
    const accepted = sumOf(await scrape(), 'opsroom_readings_total', { outcome: 'accepted' });
    expect((await post(body, token === 'U1' ? u1 : token)).status).toBeGreaterThanOrEqual(400);
    const after = await scrape();
    expect(sumOf(after, 'opsroom_readings_refused_total', { reason, field }) - before).toBe(count);
    expect(sumOf(after, 'opsroom_readings_total', { outcome: 'accepted' })).toBe(accepted);
  });

  test('latency is by route pattern, never the raw path', async () => {
    await request(server.url).get('/api/episodes/ep-does-not-exist');
    const routes = new Set((await scrape()).filter((s) => s.name === 'opsroom_http_request_duration_seconds_count').map((s) => s.labels.route));
    expect(routes).toContain('/api/episodes/:id');
    expect(routes).toContain('/api/readings');
    expect([...routes].some((route) => route?.includes('ep-does-not-exist'))).toBe(false);
  });

  test('an open crisis shows by the level and severity of its holder; the event log grows', async () => {
    const before = await scrape();
    expect(sumOf(before, 'opsroom_episodes_open', { severity: 'crisis' })).toBe(0);
    expect((await post(reading('U1', 'load', 0, 25))).status).toBe(200); // over the unit's crisis bound of 20
    const after = await scrape();
    expect(sumOf(after, 'opsroom_episodes_open', { severity: 'crisis' })).toBe(1);
    expect(sumOf(after, 'opsroom_event_log_last_seq')).toBeGreaterThan(sumOf(before, 'opsroom_event_log_last_seq'));
  });

  // Last: it moves the server's clock past the unit's four-hour window.
  test('an episode whose window runs out is counted as an escalation by deadline', async () => {
    const u2 = (await request(server.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role: 'reporter', node: 'U2' })).body.token as string;
    const before = sumOf(await scrape(), 'opsroom_escalations_total', { reason: 'deadline' });
    expect((await post(reading('U2', 'load', 0, 12), u2)).status).toBe(200); // over the unit's alert bound of 10
    now.ms = at(5);
    expect((await post(reading('U2', 'load', 5, 3), u2)).status).toBe(200); // the next input catches up the deadline
    expect(sumOf(await scrape(), 'opsroom_escalations_total', { reason: 'deadline' }) - before).toBe(1);
  });
});
