import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import type { WebhookConfig } from '../../shared/webhook';
import { at, reading, testConfig } from '../helpers/network';

/** Nothing listens on port 9 and no delivery worker runs here: every signal stays pending unless a rule moves it. */
const unit: WebhookConfig = { name: 'unit', node: 'U1', url: 'http://127.0.0.1:9/unit' };

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'opsroom-bounds-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (clock: { now: number }, webhooks: WebhookConfig[] = [unit], maxPending?: number) =>
  new Opsroom({ config: testConfig({ webhooks }), dbPath: join(dir, 'opsroom.db'), clock: () => clock.now, webhooks: maxPending === undefined ? {} : { maxPending } });
const log = (room: Opsroom) => room.webhooks.deliveries({ limit: 100 }).reverse().map((row) => `${row.receiver} ${row.signal} ${row.status}${row.lastError ? ` (${row.lastError})` : ''}`);

/** E1 at U1 fires, settles, and fires again (reopened): three signals for the unit's receiver, in that order. */
function threeSignals(room: Opsroom, clock: { now: number }): void {
  room.ingest([reading('U1', 'load', 0, 12)]);
  clock.now = at(1) + 60_000;
  room.ingest([reading('U1', 'load', 1, 2)]);
  clock.now = at(2) + 60_000;
  room.ingest([reading('U1', 'load', 2, 12)]);
}

test('a receiver that is never answered holds at most maxPending signals: the oldest are dropped, saying why', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock, [unit], 2);
  threeSignals(room, clock);
  expect(log(room)).toEqual([
    'unit firing:alert dropped (dropped: more than 2 signals were waiting for this receiver; the oldest go first)',
    'unit resolved pending',
    'unit firing:alert#2 pending',
  ]);
  expect(room.webhooks.store.counts()).toEqual({ pending: 2, delivered: 0, failed: 0, dropped: 1 });
  room.close();
});

test('a signal dropped while its POST was in flight and answered 2xx all the same is logged delivered: what the receiver got', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock, [unit], 1);
  room.ingest([reading('U1', 'load', 0, 12)]);
  const [inFlight] = room.webhooks.store.deliveries({ limit: 1 });
  clock.now = at(1) + 60_000;
  room.ingest([reading('U1', 'load', 1, 2)]); // the resolution: the firing, in flight, is dropped
  const dropped = 'unit firing:alert dropped (dropped: more than 1 signals were waiting for this receiver; the oldest go first)';
  expect(log(room)).toEqual([dropped, 'unit resolved pending']);
  // A failure answered after the drop leaves it dropped: it is not tried again.
  room.webhooks.store.record({ delivery: inFlight!.id, at: Date.now(), status: 503, error: null, durationMs: 3 }, { status: 'pending', nextAt: Date.now(), reason: 'HTTP 503' });
  expect(log(room)).toEqual([dropped, 'unit resolved pending']);
  // A 2xx after the drop: the receiver has it, and the log says so.
  room.webhooks.store.record({ delivery: inFlight!.id, at: Date.now(), status: 200, error: null, durationMs: 3 }, { status: 'delivered' });
  expect(log(room)).toEqual(['unit firing:alert delivered', 'unit resolved pending']);
  room.close();
});

test('under the cap nothing is dropped (the default cap is far above a day of signals)', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock);
  threeSignals(room, clock);
  expect(room.webhooks.maxPending).toBe(10_000);
  expect(room.webhooks.store.counts()).toEqual({ pending: 3, delivered: 0, failed: 0, dropped: 0 });
  room.close();
});

test('dropped signals are pruned after the retention like delivered ones; pending ones never', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock, [unit], 1);
  threeSignals(room, clock);
  expect(room.webhooks.store.counts()).toMatchObject({ pending: 1, dropped: 2 });
  expect(room.webhooks.store.prune(Date.now() + 1)).toBe(2);
  expect(log(room)).toEqual(['unit firing:alert#2 pending']);
  room.close();
});

test('a receiver gone from the configuration at a restart: what it was still owed is dropped, not left pending forever', () => {
  const clock = { now: at(0) + 60_000 };
  let room = open(clock);
  room.ingest([reading('U1', 'load', 0, 12)]);
  room.close();
  room = open(clock, []);
  expect(log(room)).toEqual(['unit firing:alert dropped (dropped: the receiver is no longer configured)']);
  room.close();
});

test('a receiver removed and added again under its name is a new receiver: it owes nothing of the old one\'s, and hears the episode afresh', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock, []);
  const region: WebhookConfig = { name: 'region', node: 'U1', url: 'http://127.0.0.1:9/region' };
  room.webhooks.add(region);
  room.ingest([reading('U1', 'load', 0, 12)]);
  room.webhooks.remove('region');
  expect(log(room)).toEqual(['region firing:alert dropped (dropped: the receiver was removed)']);
  room.webhooks.add(region);
  clock.now = at(1) + 60_000;
  room.ingest([reading('U1', 'load', 1, 2)]); // resolved: the new receiver is told it fired, then resolved
  expect(log(room)).toEqual([
    'region firing:alert dropped (dropped: the receiver was removed)',
    'region firing:alert pending',
    'region resolved pending',
  ]);
  const gens = room.webhooks.store.deliveries({ limit: 10 }).map((row) => row.receiverGen);
  expect(new Set(gens).size).toBe(2);
  room.close();
});

test('a configuration naming a receiver the admin added refuses to start, says which and what to do, and changes nothing', () => {
  const clock = { now: at(0) + 60_000 };
  let room = open(clock, [unit]);
  room.webhooks.add({ name: 'extra', node: 'D1', url: 'http://127.0.0.1:9/extra' });
  room.ingest([reading('U1', 'load', 0, 12)]);
  room.close();
  const before = snapshotTables();
  expect(() => open(clock, [unit, { name: 'extra', node: 'U1', url: 'http://127.0.0.1:9/other' }])).toThrow(
    'the configuration\'s webhooks.1.name: "extra" is also the name of a receiver added through POST /api/webhooks; rename the one in the file, or start without it and DELETE /api/webhooks/extra first',
  );
  expect(snapshotTables()).toEqual(before);
  room = open(clock, [unit]); // the database was let go: the old configuration starts as before
  expect(room.webhooks.receivers().map((r) => r.name)).toEqual(['unit', 'extra']);
  room.close();
});

function snapshotTables(): unknown {
  const db = new Database(join(dir, 'opsroom.db'), { readonly: true });
  const tables = { receivers: db.prepare('SELECT * FROM webhook_receivers').all(), outbox: db.prepare('SELECT * FROM webhook_outbox').all() };
  db.close();
  return tables;
}
