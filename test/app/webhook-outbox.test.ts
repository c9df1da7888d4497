import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { parseConfig } from '../../shared/config';
import { at, reading, testConfig } from '../helpers/network';

const webhooks = [
  { name: 'unit', node: 'U1', url: 'http://127.0.0.1:9/unit' },
  { name: 'district', node: 'D1', url: 'http://127.0.0.1:9/district' },
];

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'opsroom-outbox-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (clock: { now: number }, config = testConfig({ webhooks })) => new Opsroom({ config, dbPath: join(dir, 'opsroom.db'), clock: () => clock.now });
const outbox = (room: Opsroom) => room.webhooks.deliveries({ limit: 100 }).map((row) => `${row.receiver} ${row.episode} ${row.signal}`).sort();
const effectRows = (room: Opsroom) => room.log.list(0, 1000).filter((event) => event.kind === 'effect').map((event) => `${event.type} ${JSON.stringify(event.data)}`);

describe('the webhook outbox', () => {
  test('a signal is enqueued once, with the effect that caused it; later changes that reach no new node add none', () => {
    const clock = { now: at(0) + 60_000 };
    const room = open(clock);
    room.ingest([reading('U1', 'load', 0, 12)]);
    expect(outbox(room)).toEqual(['unit E1 firing:alert']);
    clock.now = at(1) + 60_000;
    room.ingest([reading('U1', 'load', 1, 13)]); // still in alert, still at U1
    room.note('E1', { by: 'admin', note: 'looking' });
    expect(outbox(room)).toEqual(['unit E1 firing:alert']);
    clock.now = at(4) + 120_000;
    room.tick(); // U1's four hours ran out: escalated to D1
    expect(outbox(room)).toEqual(['district E1 firing:alert', 'unit E1 firing:alert']);
    room.close();
  });

  test('an episode reopened after it was settled fires and resolves again: each opening is a signal of its own', () => {
    const clock = { now: at(0) + 60_000 };
    const room = open(clock);
    room.ingest([reading('U1', 'load', 0, 12)]);
    clock.now = at(1) + 60_000;
    room.ingest([reading('U1', 'load', 1, 2)]); // back to normal: settled by the unit
    clock.now = at(2) + 60_000;
    room.ingest([reading('U1', 'load', 2, 12)]); // out again within the reopening window: the same episode, reopened
    expect(outbox(room)).toEqual(['unit E1 firing:alert', 'unit E1 firing:alert#2', 'unit E1 resolved']);
    clock.now = at(3) + 60_000;
    room.ingest([reading('U1', 'load', 3, 2)]);
    expect(outbox(room)).toEqual(['unit E1 firing:alert', 'unit E1 firing:alert#2', 'unit E1 resolved', 'unit E1 resolved#2']);
    room.close();
  });

  test('webhooks are not policy: editing them logs no new policy version', () => {
    const clock = { now: at(0) + 60_000 };
    open(clock).close();
    const room = open(clock, testConfig({ webhooks: [webhooks[0]!] }));
    expect(room.engine.policy.version).toBe(1);
    expect(room.webhooks.receivers().map((r) => r.name)).toEqual(['unit']);
    room.close();
  });

  test('a crash after the input\'s commit but before its effects were written: the restart writes the effect rows and enqueues the signals', () => {
    const clock = { now: at(0) + 60_000 };
    let room = open(clock);
    room.ingest([reading('U1', 'load', 0, 12)]);
    const inputSeq = room.log.list(0, 1000).filter((event) => event.kind === 'input').at(-1)!.seq;
    const before = effectRows(room);
    expect(before.length).toBeGreaterThan(0);
    expect(outbox(room)).toEqual(['unit E1 firing:alert']);
    room.close();

    // What the crash leaves: the input synced, and its effects' transaction never committed (nor a checkpoint after it).
    const db = new Database(join(dir, 'opsroom.db'));
    db.prepare("DELETE FROM events WHERE kind = 'effect' AND seq > ?").run(inputSeq);
    db.prepare('DELETE FROM webhook_outbox').run();
    db.prepare('DELETE FROM snapshots WHERE seq >= ?').run(inputSeq);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'journaled_through'").run(String(inputSeq - 1));
    db.close();

    room = open(clock);
    expect(outbox(room)).toEqual(['unit E1 firing:alert']);
    expect(effectRows(room)).toEqual(before);
    room.close();
    // And a clean restart journals nothing twice.
    room = open(clock);
    expect(effectRows(room)).toEqual(before);
    expect(outbox(room)).toEqual(['unit E1 firing:alert']);
    room.close();
  });
});

test('the delivery log forgets what was delivered or given up long ago, never what is still pending', () => {
  const clock = { now: at(0) + 60_000 };
  const room = open(clock);
  room.ingest([reading('U1', 'load', 0, 12)]);
  clock.now = at(4) + 120_000;
  room.tick(); // escalated: the district's signal too
  const [district, unit] = room.webhooks.store.deliveries({ limit: 10 });
  room.webhooks.store.record({ delivery: unit!.id, at: 1000, status: 200, error: null, durationMs: 5 }, { status: 'delivered' });
  expect(room.webhooks.store.prune(999)).toBe(0); // delivered after the cut-off: kept
  expect(room.webhooks.store.prune(Date.now())).toBe(1);
  expect(outbox(room)).toEqual([`district E1 ${district!.signal}`]);
  room.close();
});

describe('webhooks in the configuration', () => {
  test.each([
    // a node that is not in the tree
    [[{ name: 'a', node: 'NOPE', url: 'http://x/' }], 'webhooks.0.node: "NOPE" is not a node of the tree'],
    // two receivers of one name: the delivery log is keyed by it
    [[{ name: 'a', node: 'U1', url: 'http://x/' }, { name: 'a', node: 'D1', url: 'http://x/' }], 'webhooks.1.name: duplicate webhook name "a"'],
    // the secret is named by variable, never written in the file
    [[{ name: 'a', node: 'U1', url: 'http://x/', secret: 's' }], 'webhooks.0'],
  ])('%j is refused', (hooks, message) => {
    expect(() => parseConfig({ ...testConfig(), webhooks: hooks })).toThrow(message);
  });
});
