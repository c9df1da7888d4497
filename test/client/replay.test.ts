import type { SnapshotEvent } from '../../shared/api';
import { replayFeed, type ReplayWish } from '../../client/net/replay-feed';
import { escalationAfter, escalationBefore, instantAt, landingOf, parseReplayAt, playStep, searchWithReplayAt, spanFraction, speedsFor } from '../../client/state/replay';
import { searchWithWallQuery } from '../../client/state/route';

const T = Date.parse('2023-01-10T14:05:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the replayed instant in the URL', () => {
  it.each<[string, string, number | null]>([
    ['an instant with Z', '?at=2023-01-10T14:05:00.000Z', T],
    // An offset is the same instant, so a colleague in another zone lands on the same moment.
    ['an instant with an offset', '?at=2023-01-10T15:05:00%2B01:00', T],
    ['kept beside the wall filters', '?severity=crisis&at=2023-01-10T14:05:00Z&q=leeds', T],
    ['absent: live', '?severity=crisis', null],
    // A local time without an offset is ambiguous: not a replay position, so the room stays live.
    ['no offset', '?at=2023-01-10T14:05:00', null],
    ['not a time', '?at=yesterday', null],
  ])('%s', (_why, search, at) => {
    expect(parseReplayAt(search)).toBe(at);
  });

  it.each<[string, string, number | null, string]>([
    ['set, other keys kept', '?severity=crisis', T, '?severity=crisis&at=2023-01-10T14%3A05%3A00.000Z'],
    ['moved', '?at=2020-01-01T00:00:00Z&q=x', T + HOUR, '?at=2023-01-10T15%3A05%3A00.000Z&q=x'],
    // Back to live removes only the position.
    ['removed', '?at=2023-01-10T14:05:00Z&q=x', null, '?q=x'],
    ['removed, nothing left', '?at=2023-01-10T14:05:00Z', null, ''],
  ])('%s', (_why, search, at, expected) => {
    expect(searchWithReplayAt(search, at)).toBe(expected);
    if (at !== null) expect(parseReplayAt(expected)).toBe(at);
  });

  test('changing a wall filter keeps the replayed instant and the past month', () => {
    expect(searchWithWallQuery('?at=2023-01-10T14:05:00Z&period=2023-01&severity=alert', { severity: 'crisis' })).toBe('?severity=crisis&at=2023-01-10T14%3A05%3A00Z&period=2023-01');
    expect(searchWithWallQuery('?severity=alert', {})).toBe('');
  });
});

describe('stepping between escalations', () => {
  const steps = [
    { at: '2023-01-01T00:00:00Z', episode: 'E1', to: 'ICB1' },
    { at: '2023-01-05T00:00:00Z', episode: 'E2', to: 'R1' },
    { at: '2023-01-09T00:00:00Z', episode: 'E1', to: 'R1' },
  ];
  const t = (iso: string) => Date.parse(iso);
  it.each<[string, number, string | null, string | null]>([
    ['before the first', t('2022-12-31T00:00:00Z'), null, 'E1→ICB1'],
    // At the deadline itself the window has not yet run out (due before, not at, an instant): next lands just after it.
    ['at the first deadline itself', t('2023-01-01T00:00:00Z'), null, 'E1→ICB1'],
    // Standing where a jump landed, next goes to the one after it and previous to the one before: never to itself.
    ['landed on the second', landingOf(steps[1]!), 'E1→ICB1', 'E1→R1'],
    ['between', t('2023-01-06T12:00:00Z'), 'E2→R1', 'E1→R1'],
    ['after the last', t('2023-02-01T00:00:00Z'), 'E1→R1', null],
  ])('%s', (_why, at, before, after) => {
    const words = (step: { episode: string; to: string } | null) => (step ? `${step.episode}→${step.to}` : null);
    expect(words(escalationBefore(steps, at))).toBe(before);
    expect(words(escalationAfter(steps, at))).toBe(after);
  });
});

describe('play', () => {
  it.each<[string, number, number, number, { at: number; ended: boolean }]>([
    ['real time moves a quarter second in a quarter second', 1, 250, T + DAY, { at: T + 250, ended: false }],
    ['an hour a second', 3600, 250, T + DAY, { at: T + 900_000, ended: false }],
    // Play stops at the end of the log rather than running on into a future nobody logged.
    ['stops at the end', 86_400, 2000, T + DAY, { at: T + DAY, ended: true }],
    ['a clock that went back does not rewind', 3600, -50, T + DAY, { at: T, ended: false }],
  ])('%s', (_why, factor, elapsed, end, expected) => {
    expect(playStep(T, factor, elapsed, end)).toEqual(expected);
  });

  test('a winter offers the whole span in a minute; an afternoon does not', () => {
    const winter = speedsFor(150 * DAY);
    expect(winter.map((s) => s.id)).toEqual(['real', 'minute', 'hour', 'day', 'span']);
    expect(winter.at(-1)!.factor * 60_000).toBe(150 * DAY); // 60 s of play is the whole winter
    expect(speedsFor(4 * HOUR).map((s) => s.id)).toEqual(['real', 'minute', 'hour', 'day']);
  });

  it.each<[string, number, number]>([
    ['the start', 0, T],
    ['the middle, to the minute', 0.5, T + 12 * HOUR],
    ['past the end is the end', 1.2, T + DAY],
    ['before the start is the start', -0.1, T],
  ])('a drag to %s', (_why, fraction, at) => {
    expect(instantAt(fraction, T, T + DAY)).toBe(at);
    expect(spanFraction(at, T, T + DAY)).toBe(Math.min(1, Math.max(0, fraction)));
  });
});

describe('the replay feed', () => {
  const snapshotAt = (wish: ReplayWish) => ({ node: { id: wish.focus }, at: new Date(wish.at).toISOString() }) as unknown as SnapshotEvent;

  test('asks one moment at a time, and after a burst of moves only for the latest', async () => {
    const asked: number[] = [];
    const pending: Array<() => void> = [];
    const shown: number[] = [];
    const feed = replayFeed(
      (wish) => {
        asked.push(wish.at);
        return new Promise((resolve) => pending.push(() => resolve(snapshotAt(wish))));
      },
      (_snapshot, wish) => shown.push(wish.at),
      () => undefined,
    );
    feed.want({ focus: 'ENG', at: 1 });
    for (let at = 2; at <= 10; at++) feed.want({ focus: 'ENG', at }); // a drag: nine moves while the first is asked
    expect(asked).toEqual([1]);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([1, 10]);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(shown).toEqual([1, 10]);
    feed.want({ focus: 'ENG', at: 10 }); // the moment already shown is not asked again
    expect(asked).toEqual([1, 10]);
  });

  test('after going back to live, the same moment is asked for again (Back, Forward, or Replay once more)', async () => {
    const asked: number[] = [];
    const feed = replayFeed(
      (wish) => {
        asked.push(wish.at);
        return Promise.resolve(snapshotAt(wish));
      },
      () => undefined,
      () => undefined,
    );
    feed.want({ focus: 'ENG', at: 5 });
    await new Promise((resolve) => setImmediate(resolve));
    feed.reset();
    feed.want({ focus: 'ENG', at: 5 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([5, 5]);
  });

  test('a refusal is told, and an answer after close is dropped', async () => {
    const problems: string[] = [];
    let answer: () => void = () => undefined;
    const shown: number[] = [];
    const feed = replayFeed(
      (wish) => (wish.at === 1 ? Promise.reject(new Error('no node "X" then')) : new Promise((resolve) => (answer = () => resolve(snapshotAt(wish))))),
      (_snapshot, wish) => shown.push(wish.at),
      (message) => problems.push(message),
    );
    feed.want({ focus: 'X', at: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(problems).toEqual(['no node "X" then']);
    feed.want({ focus: 'ENG', at: 2 });
    feed.close();
    answer();
    await new Promise((resolve) => setImmediate(resolve));
    expect(shown).toEqual([]);
  });
});
