import { keepFor, thinSpark } from '../../server/domain/episodes/spark';

const series = (values: number[]) => values.map((value, i) => ({ period: new Date(Date.UTC(2023, 0, 1 + i)).toISOString(), value }));
const valuesOf = (points: { value: number }[]) => points.map((point) => point.value);

describe('thinning an episode sparkline', () => {
  it.each([
    // Short enough already: every point, as it was.
    ['fits', [1, 2, 3], 5, 'high', [1, 2, 3]],
    // Exactly at the cap: nothing thinned.
    ['at the cap', [1, 2, 3, 4, 5], 5, 'high', [1, 2, 3, 4, 5]],
    // First and last stay; the middle six fall into three stretches of two, each shown by its highest.
    ['keeps the highest of each stretch', [0, 1, 9, 2, 3, 4, 8, 5], 5, 'high', [0, 9, 3, 8, 5]],
    // Where higher is better, trouble is the lowest: the dip survives.
    ['keeps the lowest where that is worse', [5, 4, 1, 6, 7, 3, 2, 9], 5, 'low', [5, 1, 6, 2, 9]],
    // A tie keeps the earliest of the stretch.
    ['a tie keeps the earliest', [0, 7, 7, 7, 7, 0], 4, 'high', [0, 7, 7, 0]],
    // Two points at most: the first and the figure now.
    ['a cap of two', [1, 2, 3, 4], 2, 'high', [1, 4]],
  ] as const)('%s', (_why, values, max, keep, expected) => {
    expect(valuesOf(thinSpark(series([...values]), max, keep))).toEqual(expected);
  });

  it('a 118-day episode thins to 48 points, the first and the last as they were, in order', () => {
    const points = series(Array.from({ length: 118 }, (_, i) => 90 + (i % 7)));
    const thinned = thinSpark(points, 48, 'high');
    expect(thinned).toHaveLength(48);
    expect(thinned[0]).toEqual(points[0]);
    expect(thinned[47]).toEqual(points[117]);
    expect(thinned.map((p) => p.period)).toEqual([...thinned.map((p) => p.period)].sort());
  });
});

describe('which end a thinned stretch keeps', () => {
  it.each([
    // Trouble where lower is better (bed occupancy): the highest.
    ['pain', 'lower', 'high'],
    // Trouble where higher is better (4-hour performance): the lowest.
    ['pain', 'higher', 'low'],
    // A bright spot keeps its best: the lowest where lower is better…
    ['pleasure', 'lower', 'low'],
    // …and the highest where higher is better.
    ['pleasure', 'higher', 'high'],
  ] as const)('%s, %s is better → %s', (direction, better, keep) => expect(keepFor(direction, better)).toBe(keep));
});
