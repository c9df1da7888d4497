import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { checkpointsToKeep, seekLadder } from '../../server/app/retention';
import { TimeTravel } from '../../server/app/time-travel';
import { SnapshotStore } from '../../server/storage/snapshots';
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

describe('seekLadder: the checkpoints kept spread over the history for seeking', () => {
  const hourly = (hours: number[]) => hours.map((hour) => ({ seq: hour * 10, at: at(hour) }));
  test.each([
    // No ladder asked for: nothing is kept for seeking (only the latest two, by checkpointsToKeep).
    { name: 'no ladder', saved: hourly([0, 1, 2]), count: 0, rungs: [] },
    // Fewer checkpoints than rungs: every one stays.
    { name: 'room for all', saved: hourly([0, 5, 9]), count: 8, rungs: [0, 50, 90] },
    // One rung: the latest, which a restart needs anyway.
    { name: 'one rung', saved: hourly([0, 5, 9]), count: 1, rungs: [90] },
    // Hourly checkpoints thinned to three, one at a time as they are taken: the first and the latest stay,
    // and ties go to the recent past (gaps of 4 h then 2 h), where seeks are likeliest.
    { name: 'thinned one at a time', saved: hourly([0, 1, 2, 3, 4, 5, 6]), count: 3, rungs: [0, 40, 60] },
    // A burst of checkpoints close together loses its members before the lone ones far apart.
    { name: 'a burst goes first', saved: hourly([0, 10, 11, 12, 20]), count: 3, rungs: [0, 100, 200] },
    // Equal gaps everywhere: the earlier of a tie goes, so the recent past keeps its rungs.
    { name: 'ties drop the earlier', saved: hourly([0, 1, 2, 3]), count: 3, rungs: [0, 20, 30] },
  ])('$name', ({ saved, count, rungs }) => {
    expect(seekLadder(saved, count)).toEqual(rungs);
  });

  test('checkpointsToKeep keeps the ladder with the latest two; with retention, none older than the base', () => {
    const saved = hourly([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Without retention: the ladder of four over 0–8 h and the latest two.
    expect(checkpointsToKeep(saved, at(8), null, 4)).toEqual({ keep: [0, 40, 60, 70, 80], base: null });
    // A 4-hour horizon at 8 h: the base is 4 h; the ladder spans 4–8 h only (older ones would replay readings deleted).
    expect(checkpointsToKeep(saved, at(8), 4 * HOUR, 3).keep.every((seq) => seq >= 40)).toBe(true);
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

test('the seek ladder: a checkpoint after every input keeps a fixed number spread over the history, and a seek from a rung equals a replay from the start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-ladder-'));
  let now = at(0);
  const room = new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => now, checkpoints: { inputs: 1e9, readings: 1e9, ageMs: 1e12, ladder: 4 } });
  try {
    for (let hour = 0; hour < 24; hour++) {
      now = at(hour) + 60_000;
      room.ingest([reading('U1', 'load', hour, hour % 6 === 2 ? 25 : 1 + (hour % 3)), reading('U3', 'load', hour, hour % 5 === 1 ? 14 : 2)], now);
      room.snapshot();
    }
    const kept = new SnapshotStore(room.db).list();
    // Four rungs and the latest two (one of them a rung), not 24, and reaching back to the first hour.
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(kept[0]!.at).toBeLessThan(at(1));
    expect(kept.filter((checkpoint) => checkpoint.at > at(3) && checkpoint.at < at(21)).length).toBeGreaterThan(0);
    const fromStart = new TimeTravel(room.log, { sizeAtOrBefore: () => null, latestAtOrBefore: () => null } as unknown as SnapshotStore);
    for (const hours of [2.5, 9.5, 14.25, 20.5, 23.5]) {
      const fromRung = new TimeTravel(room.log, new SnapshotStore(room.db)).stateAt(at(hours));
      expect(fromRung).toEqual(fromStart.stateAt(at(hours)));
    }
  } finally {
    room.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
