import { mkdtempSync, rmSync } from 'node:fs';
import { SnapshotStore } from '../../server/storage/snapshots';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { parseConfig } from '../../shared/config';
import { at, reading, testConfig } from '../helpers/network';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-fixes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const open = (config = testConfig(), now = at(0), extra: Partial<ConstructorParameters<typeof Opsroom>[0]> = {}) =>
  new Opsroom({ config, dbPath: join(dir, 'o.db'), clock: () => now, ...extra });

test('a configuration that drops an indicator with pending timers starts, runs, and can be put back', () => {
  const first = open(testConfig(), at(0));
  first.ingest([reading('U1', 'occupied', 0, 99), reading('U1', 'open', 0, 100), reading('U1', 'load', 0, 12)], at(0));
  first.close();
  const config = testConfig();
  const smaller = parseConfig({ ...config, indicators: config.indicators.filter((i) => i.id === 'load') });
  const second = open(smaller, at(1));
  second.tick(at(30)); // grace and deadline timers of the dropped indicators fall due
  expect(() => second.ingest([reading('U2', 'load', 29, 1)], at(30))).not.toThrow();
  expect(second.episodes().find((e) => e.indicator === 'occ')).toBeDefined(); // kept as history
  second.close();
  const third = open(testConfig(), at(31));
  expect(third.engine.policy.version).toBe(3);
  third.close();
});

test('restarts do not log again the escalations a tick already logged', () => {
  const room = open(testConfig(), at(0));
  room.ingest([reading('U1', 'load', 0, 12)], at(0));
  room.tick(at(5));
  room.close();
  for (let i = 0; i < 3; i++) open(testConfig(), at(6 + i)).close();
  const room2 = open(testConfig(), at(9));
  const escalations = room2.log.list(0, 1000).filter((e) => e.type === 'episode.allowance-ran-out');
  expect(escalations).toHaveLength(1);
  room2.close();
});

test('an all-duplicate batch that catches up a due escalation logs it once, across a crash', () => {
  // Two processes one after the other, the first never closed: each holds a stand-in for the writer lock.
  const lock = { path: join(dir, 'o.db.lock'), release: () => undefined };
  const room = open(testConfig(), at(0), { lock });
  room.ingest([reading('U1', 'load', 0, 12)], at(0));
  expect(room.ingest([reading('U1', 'load', 0, 12)], at(5))).toEqual({ accepted: 0, duplicates: 1, stale: 0 }); // the window ran out at 4 h
  // A crash: no close, no snapshot. The next process replays the log.
  const room2 = open(testConfig(), at(6), { lock });
  const escalations = room2.log.list(0, 1000).filter((e) => e.type === 'episode.allowance-ran-out');
  expect(escalations).toHaveLength(1);
  expect(room2.episode('E1')).toMatchObject({ holder: 'D1' });
  room2.close();
  room.close();
});

test('a snapshot that cannot be taken does not fail the request that was committed', async () => {
  const errors = jest.fn();
  const room = open(testConfig(), at(0), { checkpoints: { inputs: 1 }, logger: { error: errors } });
  const listened: number[] = [];
  room.onEffects((effects) => listened.push(effects.length));
  // The disk refuses the checkpoint's write (the store's own seam, as a full disk would).
  const save = jest.spyOn(SnapshotStore.prototype, 'save').mockImplementation(() => {
    throw new Error('disk full');
  });
  expect(room.ingest([reading('U1', 'load', 0, 12)], at(0))).toEqual({ accepted: 1, duplicates: 0, stale: 0 });
  expect(listened.length).toBe(1);
  await new Promise((done) => setImmediate(done)); // checkpoints are taken after the answer, off the request path
  expect(errors).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'disk full' }) }, expect.stringMatching(/snapshot failed/));
  save.mockRestore();
  room.close();
});
