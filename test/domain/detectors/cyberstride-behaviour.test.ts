import { runCyberstride } from '../../../server/domain/detectors/cyberstride';
import { mulberry32, noise, poisson } from './random';

const SEEDS = [1, 2, 3, 4, 5];

/** `length` values of N(mean, sd), with `shape(i)` standard deviations added at index i. */
const shaped = (seed: number, length: number, shape: (i: number) => number, mean = 100, sd = 1) =>
  noise(seed, length, 0, 1).map((e, i) => mean + sd * (e + shape(i)));

describe('quiet series raise nothing', () => {
  test.each([
    ['beds in the thousands', 5000],
    ['a ratio', 0.9],
    ['zero', 0],
    ['a small count', 2],
  ])('a constant series (%s)', (_name, level) => {
    const run = runCyberstride(Array.from({ length: 150 }, () => level));
    expect(run.changePoints).toEqual([]);
    expect(run.outliers).toEqual([]);
    for (const p of run.periods.slice(6)) {
      expect(p.forecast).toBeCloseTo(level, 6);
      expect([p.lower, p.upper, p.pStandard].every((x) => Number.isFinite(x))).toBe(true);
    }
  });

  const series: [string, (seed: number) => number[]][] = [
    ['5000 ± 50', (seed) => noise(seed, 200, 5000, 50)],
    ['0.9 ± 0.01', (seed) => noise(seed, 200, 0.9, 0.01)],
    ['Poisson counts near 2', (seed) => {
      const random = mulberry32(seed);
      return Array.from({ length: 200 }, () => poisson(random, 2));
    }],
  ];
  test.each(series.flatMap(([name, make]) => SEEDS.map((seed) => [name, seed, make] as const)))(
    'pure noise, %s, seed %i: no lasting change',
    (_name, seed, make) => {
      expect(runCyberstride(make(seed)).changePoints).toEqual([]);
    },
  );

  test('the same labels at any scale and offset (the model is affine-equivariant)', () => {
    for (const seed of SEEDS) {
      const base = shaped(seed, 150, (i) => (i >= 70 ? 6 : 0) + (i === 30 ? 9 : 0));
      const labels = (values: number[]) => {
        const run = runCyberstride(values);
        return { changePoints: run.changePoints, outliers: run.outliers };
      };
      const expected = labels(base);
      expect(labels(base.map((v) => 5000 + 50 * v))).toEqual(expected);
      expect(labels(base.map((v) => 0.9 + 0.0001 * v))).toEqual(expected);
    }
  });
});

describe('changes', () => {
  test.each(SEEDS.flatMap((seed) => [[seed, 5], [seed, -5]]))(
    'a clean step of %#: seed %i, %i standard deviations, is a change at its first value',
    (seed, size) => {
      const run = runCyberstride(shaped(seed, 140, (i) => (i >= 70 ? size : 0)));
      expect(run.changePoints).toHaveLength(1);
      expect(Math.abs(run.changePoints[0]! - 70)).toBeLessThanOrEqual(1);
    },
  );

  test.each(SEEDS)('a single spike is an outlier, not a change (seed %i)', (seed) => {
    const run = runCyberstride(shaped(seed, 140, (i) => (i === 70 ? 8 : 0)));
    expect(run.outliers).toContain(70);
    expect(run.changePoints).toEqual([]);
  });

  // A change of slope shows only as it accumulates: allow it five periods to become a lasting change.
  test.each(SEEDS)('a change of slope (2 sd a period) is found within five periods of its start (seed %i)', (seed) => {
    const run = runCyberstride(shaped(seed, 140, (i) => (i >= 70 ? 2 * (i - 69) : 0)));
    expect(run.changePoints.length).toBeGreaterThanOrEqual(1);
    expect(run.changePoints[0]).toBeGreaterThanOrEqual(69);
    expect(run.changePoints[0]).toBeLessThanOrEqual(75);
  });

  test('a series that starts with a transient settles without a change being called in it', () => {
    for (const seed of SEEDS) {
      const run = runCyberstride(shaped(seed, 120, (i) => 8 * Math.exp(-i)));
      expect(run.changePoints).toEqual([]);
    }
  });

  test.each(SEEDS)('counts near zero (many zeros, like handover delays): quiet, then a jump found at once (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const counts = Array.from({ length: 200 }, (_, i) => poisson(random, i >= 120 ? 6 : 0.3));
    const run = runCyberstride(counts);
    expect(run.changePoints.filter((c) => c < 118)).toEqual([]);
    expect(run.changePoints.find((c) => c >= 118)).toBeLessThanOrEqual(122);
  });

  test('missing values: the series is followed across gaps and a step after one is still found', () => {
    const values: (number | null)[] = shaped(3, 140, (i) => (i >= 80 ? 6 : 0));
    for (const i of [20, 21, 22, 50, 78, 79]) values[i] = null;
    const run = runCyberstride(values);
    expect(run.periods[21]!.value).toBeNull();
    expect(run.periods[21]!.pStandard).toBeNull();
    expect(run.changePoints).toEqual([80]);
  });
});
