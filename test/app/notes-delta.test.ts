import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Episode } from '../../shared/api';
import { applyEpisodeDelta, episodeDelta } from '../../shared/episode-delta';
import { Opsroom } from '../../server/app/opsroom';
import { MAX_NOTES_PER_EPISODE, noteRoom } from '../../server/domain/episodes/notes';
import type { EpisodePathEntry } from '../../server/domain/episodes/episode';
import { instant } from '../../server/domain/ids';
import { at, reading, testConfig } from '../helpers/network';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-notes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const effectBytes = (room: Opsroom) => (room.db.prepare("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM events WHERE kind = 'effect'").get() as { n: number }).n;
const text = (i: number) => `${i} `.padEnd(2000, 'x');

test('a note is logged as one note, not the whole episode again: the log grows linearly, and the rows and a restart give back the same episode', () => {
  const lock = { path: join(dir, 'o.db.lock'), release: () => undefined }; // the processes below follow one another, the first never closed
  const room = new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => at(1), lock });
  room.ingest([reading('U1', 'load', 0, 12)], at(1));
  const sizes: number[] = [];
  for (let i = 0; i < 150; i++) {
    room.note('E1', { by: 'coordinator@D1', note: text(i), now: at(1) });
    if (i % 50 === 49) sizes.push(effectBytes(room));
  }
  // Each 50 notes add about the same (~50 × 2 kB); logging the episode whole would add more each time (~94 MB for 300 notes).
  expect(sizes[2]! - sizes[1]!).toBeLessThan((sizes[1]! - sizes[0]!) * 1.1);
  expect(sizes[2]!).toBeLessThan(150 * 4000);

  const rows = room.log.list(0, 10_000).filter((event) => event.type.startsWith('episode.'));
  const rebuilt = rows.reduce<Episode | undefined>((episode, row) => applyEpisodeDelta(episode, row.data as Parameters<typeof applyEpisodeDelta>[1]), undefined);
  const live = room.episode('E1');
  expect(rebuilt).toEqual(live);

  const replayed = new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => at(1), lock }); // no snapshot: the log alone
  expect(replayed.episode('E1')).toEqual(live);
  replayed.close(); // takes a snapshot
  const fromSnapshot = new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => at(1), lock });
  expect(fromSnapshot.replayed.inputs).toBe(0);
  expect(fromSnapshot.episode('E1')).toEqual(live);
  fromSnapshot.close();
});

test(`an episode takes at most ${MAX_NOTES_PER_EPISODE} notes; the next is refused (409) and changes nothing`, () => {
  const room = new Opsroom({ config: testConfig(), dbPath: join(dir, 'o.db'), clock: () => at(1) });
  try {
    room.ingest([reading('U1', 'load', 0, 12)], at(1));
    for (let i = 0; i < MAX_NOTES_PER_EPISODE; i++) room.note('E1', { by: 'x', note: `note ${i}`, now: at(1) });
    const events = room.eventCount();
    expect(() => room.note('E1', { by: 'x', note: 'one more', now: at(1) })).toThrow(expect.objectContaining({ status: 409, message: expect.stringMatching(/as many notes as an episode keeps \(200\)/) }));
    expect(room.eventCount()).toBe(events);
    expect(room.episode('E1').path.filter((entry) => entry.type === 'note')).toHaveLength(MAX_NOTES_PER_EPISODE);
  } finally {
    room.close();
  }
});

const note = (i: number): EpisodePathEntry => ({ type: 'note', at: instant(at(i)), by: 'x', note: 'n' });
const acknowledged: EpisodePathEntry = { type: 'acknowledged', at: instant(at(0)), by: 'x', note: 'seen' };

describe('noteRoom: whether one more note fits', () => {
  test.each([
    { name: 'an empty path', path: [], max: 2, reason: 'room-for-a-note' },
    { name: 'one below the cap', path: [note(1)], max: 2, reason: 'room-for-a-note' },
    { name: 'at the cap', path: [note(1), note(2)], max: 2, reason: 'notes-full' },
    // An acknowledgement's note is part of acknowledging, not counted against the notes.
    { name: 'acknowledgements not counted', path: [acknowledged, acknowledged, note(1)], max: 2, reason: 'room-for-a-note' },
  ])('$name', ({ path, max, reason }) => expect(noteRoom(path, max).reason).toBe(reason));
});

describe('episodeDelta and applyEpisodeDelta: a row holds the path since the previous row', () => {
  const episode = (entries: number) => ({ id: 'E1', path: Array.from({ length: entries }, (_, i) => ({ type: 'note', at: new Date(at(i)).toISOString(), by: 'x', note: 'n' })) }) as unknown as Episode;
  test.each([
    { name: 'first row of a run: whole path', logged: 0, entries: 3, from: 0, rowEntries: 3 },
    { name: 'one note more: one entry', logged: 3, entries: 4, from: 3, rowEntries: 1 },
    { name: 'no new entry (a breach held back): none', logged: 4, entries: 4, from: 4, rowEntries: 0 },
    // Never expected, but a shorter path than logged must not be read as a delta of the old one.
    { name: 'a path that shrank: whole again', logged: 5, entries: 2, from: 0, rowEntries: 2 },
  ])('$name', ({ logged, entries, from, rowEntries }) => {
    const row = episodeDelta(episode(entries), logged);
    expect([row.pathFrom, row.path.length]).toEqual([from, rowEntries]);
    expect(applyEpisodeDelta(episode(Math.min(logged, entries)), row)).toEqual(episode(entries));
  });
});
