import { arrivedAt, emptyArrivals, noteArrivals, NEW_FOR_MS } from '../../client/state/arrivals';

describe('new arrivals on a wall', () => {
  const first = noteArrivals(emptyArrivals, 'NW', ['a', 'b'], 1000);

  it.each<[string, () => number | null, number | null]>([
    // What the wall shows when it opens is not news.
    ['the first sync marks nothing', () => arrivedAt(first, 'NW', 'a', 1000), null],
    // Something that comes in afterwards is.
    ['an episode after the first sync', () => arrivedAt(noteArrivals(first, 'NW', ['a', 'b', 'c'], 5000), 'NW', 'c', 6000), 5000],
    // It stops being new after a while: a badge, not a standing state.
    ['no longer new after NEW_FOR_MS', () => arrivedAt(noteArrivals(first, 'NW', ['c'], 5000), 'NW', 'c', 5000 + NEW_FOR_MS), null],
    // Each level has its own first sync: opening England marks nothing there.
    ['another focus has its own first sync', () => arrivedAt(noteArrivals(first, 'ENG', ['c'], 5000), 'ENG', 'c', 5000), null],
    // An episode seen at NW, climbing to England after England's first sync, is new there.
    ['reaching another level later', () => arrivedAt(noteArrivals(noteArrivals(first, 'ENG', ['x'], 2000), 'ENG', ['x', 'a'], 3000), 'ENG', 'a', 3000), 3000],
  ])('%s', (_why, read, expected) => {
    expect(read()).toBe(expected);
  });

  it('returns the same book when nothing is new (so nothing re-renders)', () => {
    expect(noteArrivals(first, 'NW', ['b'], 9000)).toBe(first);
  });
});
