import request from 'supertest';
import type { Delivery } from '../../shared/contract/webhooks';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { eventually, WebhookReceiver } from '../helpers/webhook-receiver';

const fast = { pollMs: 20, backoff: { baseMs: 20, capMs: 100 }, maxAttempts: 1000, timeoutMs: 2000 };
const admin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);

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

const start = (maxPending?: number) =>
  startTestServer(testConfig({ webhooks: [{ name: 'unit', node: 'U1', url: `${receiver.url}/unit` }] }), {
    now: at(0) + 60_000, webhooks: { delivery: fast, ...(maxPending === undefined ? {} : { maxPending }) },
  });
const post = (body: object) => admin(request(server!.url).post('/api/readings')).send(body).expect(200);
const deliveries = async (query: Record<string, string> = {}) => (await admin(request(server!.url).get('/api/webhooks/deliveries')).query(query).expect(200)).body.deliveries as Delivery[];
const metric = async (line: string) => {
  const text = (await admin(request(server!.url).get('/metrics')).expect(200)).text;
  return Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
};

/** E1 at U1 fires, settles, fires again and settles again: four signals for the unit's receiver. */
async function fourSignals(): Promise<void> {
  await post(reading('U1', 'load', 0, 12));
  for (const [hour, value] of [[1, 2], [2, 12], [3, 2]] as const) {
    server!.clock.now = at(hour) + 60_000;
    await post(reading('U1', 'load', hour, value));
  }
}

test('a receiver down through four signals with room for two: the two oldest are dropped (in the log and /metrics), the two newest arrive once it is back', async () => {
  await receiver.down();
  server = await start(2);
  await fourSignals();
  await eventually(() => deliveries({ status: 'pending' }), (rows) => rows.some((row) => row.log.some((a) => a.error === 'ECONNREFUSED')), 15_000, 'a refused attempt');
  const dropped = await deliveries({ status: 'dropped' });
  expect(dropped.map((row) => row.signal).sort()).toEqual(['firing:alert', 'resolved']);
  for (const row of dropped) expect(row).toMatchObject({ nextAt: null, lastError: 'dropped: more than 2 signals were waiting for this receiver; the oldest go first' });
  expect(await metric('opsroom_webhook_signals{status="dropped"}')).toBe(2);
  expect(await metric('opsroom_webhook_signals{status="pending"}')).toBe(2);

  await receiver.up(); // the same port
  await eventually(() => deliveries({ status: 'delivered' }), (rows) => rows.length === 2, 15_000, 'the two kept, delivered');
  expect(receiver.received.map((r) => `${r.body.status} ${r.body.alerts[0]!.labels.episode}`)).toEqual(['firing E1', 'resolved E1']);
  expect(await metric('opsroom_webhook_signals{status="pending"}')).toBe(0);
});

test('a name taken by a receiver of the configuration, or by one already added: 409 naming `name`, and nothing changes', async () => {
  server = await start();
  await admin(request(server.url).post('/api/webhooks')).send({ name: 'extra', node: 'D1', url: `${receiver.url}/extra` }).expect(201);
  const before = (await admin(request(server.url).get('/api/webhooks')).expect(200)).body;
  for (const name of ['unit', 'extra']) {
    const res = await admin(request(server.url).post('/api/webhooks')).send({ name, node: 'R1', url: `${receiver.url}/elsewhere` }).expect(409);
    expect(res.body.error).toEqual({ code: 'conflict', message: `a webhook named "${name}" exists already`, issues: [{ path: 'name', message: 'taken' }] });
  }
  expect((await admin(request(server.url).get('/api/webhooks')).expect(200)).body).toEqual(before);
});

test('removed while its receiver was down, then added again: the new receiver is not sent the old one\'s signal, and hears the episode afresh', async () => {
  await receiver.down();
  server = await start();
  const region = { name: 'region', node: 'D1', url: `${receiver.url}/region` };
  await admin(request(server.url).post('/api/webhooks')).send(region).expect(201);
  await post(reading('U1', 'load', 0, 25)); // a crisis: told to D1 at once
  await eventually(() => deliveries({ receiver: 'region' }), (rows) => rows[0]?.log.some((a) => a.error === 'ECONNREFUSED') === true, 15_000, 'the region refused');
  await admin(request(server.url).delete('/api/webhooks/region')).expect(200);
  await admin(request(server.url).post('/api/webhooks')).send(region).expect(201);
  await receiver.up();
  server.clock.now = at(1) + 60_000;
  await post(reading('U1', 'load', 1, 2));
  const log = await eventually(() => deliveries({ receiver: 'region' }), (rows) => rows.filter((row) => row.status === 'delivered').length === 2, 15_000, 'the new region told');
  expect(log.map((row) => `${row.signal} ${row.status}`).reverse()).toEqual(['firing:crisis dropped', 'firing:crisis delivered', 'resolved delivered']);
  expect(log.at(-1)!.lastError).toBe('dropped: the receiver was removed');
  const heard = receiver.received.filter((r) => r.body.receiver === 'region');
  expect(heard.map((r) => r.body.status)).toEqual(['firing', 'resolved']);
  expect(new Set(heard.map((r) => r.delivery)).size).toBe(2);
});
