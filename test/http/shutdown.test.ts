import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { testConfig } from '../helpers/network';
import { killHard, launch } from '../helpers/process';
import { ADMIN } from '../helpers/server';
import { socketPool } from '../helpers/sockets';

const HOUR = 3_600_000;
const sockets = socketPool();
let dir: string;
let child: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-shutdown-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
});
afterEach(async () => {
  sockets.closeAll();
  if (child && child.exitCode === null && child.signalCode === null) await killHard(child);
  rmSync(dir, { recursive: true, force: true });
});

const exited = (process: ChildProcess) => new Promise<number | null>((done) => process.once('exit', (code) => done(code)));
const issue = async (url: string, role: string, node: string) =>
  (await request(url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role, node })).body.token as string;

test('SIGTERM under load: every reading answered 2xx is there after a restart, sockets are told why, and the exit code is 0', async () => {
  const first = await launch(dir);
  child = first.child;
  const token = await issue(first.url, 'reporter', 'U1');
  const socket = sockets.connect(first.url, token);
  await new Promise<void>((done) => socket.once('connect', () => done()));
  const told = new Promise<string>((done) => socket.once('server-shutdown', (event: { reason: string }) => done(event.reason)));

  const base = Math.floor(Date.now() / HOUR) * HOUR - 500 * HOUR;
  const acknowledged: number[] = [];
  let nextHour = 0;
  let stopped = false;
  // Four clients posting one reading each, one after another, until the server stops answering.
  const client = async () => {
    while (!stopped && nextHour < 480) {
      const hour = nextHour++;
      const res = await request(first.url).post('/api/readings').set('Authorization', `Bearer ${token}`)
        .send({ unit: 'U1', indicator: 'load', ts: new Date(base + hour * HOUR).toISOString(), value: hour % 7 }).catch(() => null);
      if (res?.status === 200) acknowledged.push(hour);
      else if (res === null || res.status >= 500) stopped = true;
    }
  };
  const clients = [client(), client(), client(), client()];
  while (acknowledged.length < 40) await new Promise((done) => setTimeout(done, 10));
  const exitCode = exited(first.child);
  first.child.kill('SIGTERM');
  await Promise.all(clients);
  expect(await exitCode).toBe(0);
  expect(await told).toMatch(/shutting down \(SIGTERM\)/);
  expect(first.output()).toMatch(/stopped cleanly/);

  const second = await launch(dir);
  child = second.child;
  const res = await request(second.url).get('/api/series').query({ node: 'U1', indicator: 'load', from: new Date(base).toISOString() });
  const stored = new Set((res.body.points as { period: string }[]).map((point) => (Date.parse(point.period) - base) / HOUR));
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  expect(acknowledged.filter((hour) => !stored.has(hour))).toEqual([]);
});

test('a request is one JSON line with its request id; no token, no note text', async () => {
  const first = await launch(dir, { OPSROOM_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'info' });
  child = first.child;
  const coordinator = await issue(first.url, 'coordinator', 'D1');
  const reporter = await issue(first.url, 'reporter', 'U1');
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  await request(first.url).post('/api/readings').set('Authorization', `Bearer ${reporter}`).set('X-Request-Id', 'req-readings-1')
    .send({ unit: 'U1', indicator: 'load', ts: new Date(now).toISOString(), value: 25 }).expect(200);
  const episode = (await request(first.url).get('/api/episodes').query({ status: 'open' })).body.episodes[0] as { id: string };
  const acked = await request(first.url).post(`/api/episodes/${episode.id}/acknowledge`).set('Authorization', `Bearer ${coordinator}`)
    .send({ note: 'private words about a patient' });
  expect(acked.status).toBe(200);
  await new Promise((done) => setTimeout(done, 100));

  const lines = first.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const line = lines.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'req-readings-1');
  expect(line).toMatchObject({ level: 30, req: { method: 'POST', path: '/api/readings' }, res: { statusCode: 200 } });
  for (const secret of [ADMIN, coordinator, reporter, 'private words']) expect(first.output()).not.toContain(secret);
});
