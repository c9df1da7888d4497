import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Delivery } from '../../shared/contract/webhooks';
import { testConfig } from '../helpers/network';
import { killHard, launch } from '../helpers/process';
import { ADMIN } from '../helpers/server';
import { eventually, validSignature, WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'the-crash-test-secret';
const ENV = {
  OPSROOM_ADMIN_TOKEN: ADMIN, HOOK_SECRET: SECRET,
  OPSROOM_WEBHOOK_BACKOFF: '20ms', OPSROOM_WEBHOOK_BACKOFF_CAP: '200ms', OPSROOM_WEBHOOK_POLL: '20ms', OPSROOM_WEBHOOK_ATTEMPTS: '1000',
};
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

test('a server SIGKILLed mid-delivery sends what it was sending again after the restart, and what came after, each signed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-webhook-kill-'));
  const receiver = await new WebhookReceiver().up();
  receiver.mode = 'hang'; // takes the POSTs and never answers: the server is killed while they are in flight
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig({
    webhooks: [
      { name: 'unit', node: 'U1', url: `${receiver.url}/unit`, secretEnv: 'HOOK_SECRET' },
      { name: 'england', node: 'ENG', url: `${receiver.url}/england`, secretEnv: 'HOOK_SECRET' },
    ],
  })));
  let server = await launch(dir, ENV);
  try {
    const post = (readings: object[]) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ readings }).expect(200);
    // An alert at U1 (the unit hears it) and a crisis at U3, told at once to every ancestor (England hears it).
    await post([{ unit: 'U1', indicator: 'load', ts: minutesAgo(30), value: 12 }, { unit: 'U3', indicator: 'load', ts: minutesAgo(30), value: 25 }]);
    const hung = await eventually(() => receiver.received.filter((r) => r.answered === null), (rows) => rows.length === 2, 15_000, 'both POSTs in flight');
    await killHard(server.child);

    receiver.mode = 'ok';
    server = await launch(dir, ENV);
    for (const held of hung) {
      const again = await eventually(() => receiver.received.filter((r) => r.delivery === held.delivery && r.answered === 200), (rows) => rows.length >= 1, 15_000, `delivery ${held.delivery} again`);
      expect(again[0]!.raw).toBe(held.raw); // the same signal, byte for byte, as enqueued before the kill
    }
    // What happens after the restart is heard too: both episodes resolve.
    await post([{ unit: 'U1', indicator: 'load', ts: minutesAgo(29), value: 2 }, { unit: 'U3', indicator: 'load', ts: minutesAgo(29), value: 2 }]);
    const log = await eventually(
      async () => (await request(server.url).get('/api/webhooks/deliveries').set('Authorization', `Bearer ${ADMIN}`).expect(200)).body.deliveries as Delivery[],
      (rows) => rows.length === 4 && rows.every((row) => row.status === 'delivered'), 15_000, 'four delivered',
    );
    expect(log.map((row) => `${row.receiver} ${row.signal}`).sort()).toEqual(['england firing:crisis', 'england resolved', 'unit firing:alert', 'unit resolved']);
    const answered = receiver.received.filter((r) => r.answered === 200).map((r) => `${r.body.receiver} ${r.body.status}`).sort();
    expect(answered).toEqual(['england firing', 'england resolved', 'unit firing', 'unit resolved']);
    for (const r of receiver.received) expect(validSignature(r.signature, r.raw, SECRET)).toBe(true);
  } finally {
    await killHard(server.child).catch(() => undefined);
    await receiver.down();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
