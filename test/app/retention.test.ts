import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { checkpointsToKeep } from '../../server/app/retention';
import { at, HOUR, reading, testConfig } from '../helpers/network';

describe('checkpointsToKeep: which checkpoints stay', () => {
  const saved = [1, 2, 3, 4, 5, 6].map((hours) => ({ seq: hours * 10, at: at(hours) }));
  test.each([
    // No retention: the latest, and one before it in case the latest cannot be read.
    { name: 'no retention', now: at(6), retain: null, keep: [50, 60], base: null },
    // A 2-hour horizon at 6 h: the base is the newest at or before 4 h; inside the horizon one an hour (half of it), and the latest two.
    { name: 'a two-hour horizon', now: at(6), retain: 2 * HOUR, keep: [40, 50, 60], base: 40 },
    // Inside the horizon the first is kept, to become the base once it is old enough.
    { name: 'nothing old enough yet', now: at(6), retain: 10 * HOUR, keep: [10, 50, 60], base: null },
    // A long horizon keeps one every half horizon, so that there is a base when the first leaves it.
    { name: 'a four-hour horizon', now: at(7), retain: 4 * HOUR, keep: [30, 40, 50, 60], base: 30 },
  ])('$name', ({ now, retain, keep, base }) => {
    expect(checkpointsToKeep(saved, now, retain)).toEqual({ keep, base });
  });
});

test('retention deletes the readings a checkpoint older than the horizon covers; the episodes, the series and a restart are as they were', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-retain-'));
  let now = at(0);
  const open = () => new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => now, retainMs: 3 * HOUR, checkpoints: { inputs: 1e9, readings: 1e9, ageMs: 1e12 } });
  const readingsLogged = (room: Opsroom) => room.log.list(0, 10_000).filter((event) => event.type === 'readings').map((event) => event.at);
  try {
    const room = open();
    for (let hour = 0; hour < 10; hour++) {
      now = at(hour);
      room.ingest([reading('U1', 'load', hour, hour === 2 ? 12 : 1)], now); // hour 2 opens an episode, hour 3 settles it
      room.snapshot();
    }
    // The base is the checkpoint at 6 h (9 h less 3): readings up to it are gone, the ones after stay.
    expect(readingsLogged(room)).toEqual([at(7), at(8), at(9)]);
    expect(room.log.list(0, 10_000).filter((event) => event.type.startsWith('episode.')).map((event) => event.type)).toEqual(['episode.opened', 'episode.back-to-normal']);
    const series = room.series('U1', 'load');
    const episodes = room.episodes({ status: 'all' });
    room.close();

    const again = open();
    expect(again.series('U1', 'load')).toEqual(series);
    expect(again.episodes({ status: 'all' })).toEqual(episodes);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a compacted log with no checkpoint to cover it is refused at start, not replayed with readings missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-retain-'));
  let now = at(0);
  const lock = { path: join(dir, 'o.db.lock'), release: () => undefined }; // the first process never closes: a crash
  const open = () => new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => now, retainMs: HOUR, lock });
  try {
    const room = open();
    for (let hour = 0; hour < 4; hour++) {
      now = at(hour);
      room.ingest([reading('U1', 'load', hour, 1)], now);
      room.snapshot();
    }
    room.db.prepare('DELETE FROM snapshots').run(); // as after a change of snapshot format
    room.db.close(); // no checkpoint on the way out
    expect(open).toThrow(/readings were compacted through event \d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
