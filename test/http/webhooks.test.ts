import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Delivery } from '../../shared/contract/webhooks';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { eventually, validSignature, WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'a-receiver-secret';
const fast = { pollMs: 20, backoff: { baseMs: 20, capMs: 150 }, maxAttempts: 1000, timeoutMs: 2000 };

/** Receivers at the unit, its district and the top; the district's and the top's URLs carry their name in the path. */
const configWith = (receiver: WebhookReceiver) => testConfig({
  webhooks: [
    { name: 'unit', node: 'U1', url: `${receiver.url}/unit`, secretEnv: 'HOOK_SECRET' },
    { name: 'district', node: 'D1', url: `${receiver.url}/district`, secretEnv: 'HOOK_SECRET' },
    { name: 'england', node: 'ENG', url: `${receiver.url}/england`, secretEnv: 'HOOK_SECRET' },
  ],
});

async function startWith(receiver: WebhookReceiver, dir?: string): Promise<TestServer> {
  return startTestServer(configWith(receiver), { now: at(0) + 60_000, ...(dir ? { dir } : {}), webhooks: { delivery: fast, secretOf: (name) => (name === 'HOOK_SECRET' ? SECRET : undefined) } });
}

const post = (server: TestServer, body: object) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(200);
const deliveries = async (server: TestServer, query: Record<string, string> = {}) =>
  (await request(server.url).get('/api/webhooks/deliveries').query(query).set('Authorization', `Bearer ${ADMIN}`).expect(200)).body.deliveries as Delivery[];

/**
 * E1 opens at U1 (alert), is escalated to D1 when U1's 4 h run out (caught up by the next input), and
 * resolves at hour 5. The unit and the district hear it opened and resolved; England never does.
 */
async function story(server: TestServer): Promise<void> {
  await post(server, reading('U1', 'load', 0, 12));
  server.clock.now = at(4) + 120_000;
  await post(server, reading('U2', 'load', 4, 3));
  server.clock.now = at(5) + 60_000;
  await post(server, reading('U1', 'load', 5, 2));
}
const EXPECTED = ['unit firing', 'district firing', 'unit resolved', 'district resolved'].sort();

describe('webhooks against a real receiver', () => {
  let receiver: WebhookReceiver;
  let server: TestServer | null = null;
  beforeEach(async () => {
    receiver = await new WebhookReceiver().up();
  });
  afterEach(async () => {
    await server?.stop();
    server = null;
    await receiver.down();
  });

  test('healthy: each reached-node signal arrives exactly once, signed, as Alertmanager v4', async () => {
    server = await startWith(receiver);
    await story(server);
    const episode = (await request(server.url).get('/api/episodes/E1').set('Authorization', `Bearer ${ADMIN}`).expect(200)).body;
    expect(episode).toMatchObject({ status: 'resolved', reached: ['U1', 'D1'] });
    const log = await eventually(() => deliveries(server!), (rows) => rows.length === 4 && rows.every((row) => row.status === 'delivered'), 15_000, 'four deliveries');
    expect(log.map((row) => `${row.receiver} ${row.signal}`).sort()).toEqual(['district firing:alert', 'district resolved', 'unit firing:alert', 'unit resolved']);

    expect(receiver.received.map((r) => `${r.body.receiver} ${r.body.status}`).sort()).toEqual(EXPECTED);
    expect(new Set(receiver.received.map((r) => r.delivery)).size).toBe(4);
    for (const r of receiver.received) {
      expect(validSignature(r.signature, r.raw, SECRET)).toBe(true);
      expect(validSignature(r.signature, r.raw, 'another secret')).toBe(false);
      expect(r.path).toBe(`/${r.body.receiver}`);
      expect(r.body.alerts[0]!.labels).toMatchObject({ alertname: 'load', node: 'U1', episode: 'E1' });
    }
    // Each receiver hears the firing before the resolution.
    for (const name of ['unit', 'district']) {
      expect(receiver.received.filter((r) => r.body.receiver === name).map((r) => r.body.status)).toEqual(['firing', 'resolved']);
    }
    const resolved = receiver.of('unit', 'E1', 'resolved')[0]!.body.alerts[0]!;
    expect(resolved.endsAt).toBe(episode.resolvedAt);
    expect(log.every((row) => row.attempts === 1 && row.log.length === 1 && row.log[0]!.status === 200)).toBe(true);
  });

  test('a receiver answering 503, then down, then back: every signal arrives at least once, and the log shows the retries', async () => {
    receiver.mode = 503;
    server = await startWith(receiver);
    await story(server);
    await eventually(() => deliveries(server!), (rows) => rows.some((row) => row.log.filter((a) => a.status === 503).length >= 2), 15_000, 'two 503s');
    await receiver.down();
    await eventually(() => deliveries(server!), (rows) => rows.some((row) => row.log.some((a) => a.status === null && a.error === 'ECONNREFUSED')), 15_000, 'a refused connection');
    receiver.mode = 'ok';
    await receiver.up(); // the same port
    const log = await eventually(() => deliveries(server!), (rows) => rows.length === 4 && rows.every((row) => row.status === 'delivered'), 20_000, 'all delivered');

    const answered = receiver.received.filter((r) => r.answered === 200);
    expect(answered.map((r) => `${r.body.receiver} ${r.body.status}`).sort()).toEqual(EXPECTED);
    for (const r of receiver.received) expect(validSignature(r.signature, r.raw, SECRET)).toBe(true);
    // Each receiver's first signal waited through the outage: 503s, then no answer, then delivered.
    for (const row of log.filter((row) => row.signal.startsWith('firing'))) {
      expect(row.log.map((a) => a.status)).toEqual(expect.arrayContaining([503, 200]));
      expect(row.log.at(-1)!.status).toBe(200);
    }
    // Going down may cut a kept-alive connection mid-request (UND_ERR_SOCKET) before connections are refused.
    expect(log.flatMap((row) => row.log).filter((a) => a.status === null).map((a) => a.error)).toContain('ECONNREFUSED');
  });

  test('a graceful shutdown waits for a slow receiver\'s answer and records it, so the signal is not sent again after the restart', async () => {
    const receiver = await new WebhookReceiver().up();
    receiver.mode = 'hang';
    const dir = mkdtempSync(join(tmpdir(), 'opsroom-hooks-stop-'));
    const server = await startWith(receiver, dir);
    try {
      await post(server, reading('U1', 'load', 0, 12));
      await eventually(() => receiver.received.length, (count) => count === 1, 15_000, 'the firing in flight');
      const stopping = server.stop();
      setTimeout(() => receiver.release(200), 300); // answers within the shutdown's grace
      await stopping;
      const db = new Database(server.dbPath, { readonly: true });
      const rows = db.prepare('SELECT signal, status FROM webhook_outbox').all();
      db.close();
      expect(rows).toEqual([{ signal: 'firing:alert', status: 'delivered' }]);
    } finally {
      await receiver.down();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an admin-added receiver hears what reaches its node from then on, unsigned without a secret; removing it gives up what it owed', async () => {
    server = await startWith(receiver);
    const admin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);
    await admin(request(server.url).post('/api/webhooks')).send({ name: 'region', node: 'R1', url: `${receiver.url}/region` }).expect(201);
    const list = (await admin(request(server.url).get('/api/webhooks')).expect(200)).body.receivers as Array<{ name: string; source: string; signed: boolean }>;
    expect(list.map((r) => [r.name, r.source, r.signed])).toEqual([['unit', 'config', true], ['district', 'config', true], ['england', 'config', true], ['region', 'admin', false]]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    // A crisis is told to every ancestor at once: the region hears it.
    await post(server, reading('U1', 'load', 0, 25));
    const heard = await eventually(() => receiver.received.filter((r) => r.body.receiver === 'region'), (rows) => rows.length === 1, 15_000, 'the region told');
    expect(heard[0]!.signature).toBeUndefined();
    expect(heard[0]!.body.alerts[0]!.labels.severity).toBe('crisis');
    await admin(request(server.url).delete('/api/webhooks/unit')).expect(409); // the file's: removed by editing it
    await admin(request(server.url).delete('/api/webhooks/region')).expect(200);
    expect((await admin(request(server.url).get('/api/webhooks')).expect(200)).body.receivers).toHaveLength(3);
  });
});
