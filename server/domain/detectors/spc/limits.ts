/** XmR limits (Making Data Count): mean ± 2.66 × mean moving range, and the "near" limits at two thirds of that. */
export interface Limits {
  mean: number;
  upper: number;
  lower: number;
  /** mean ± 2/3 × 2.66 × mR̄: the 2σ lines. */
  upperNear: number;
  lowerNear: number;
}

const PROCESS = 2.66;
/** Upper range limit of a moving range, in mean moving ranges (D4 for n = 2). */
const RANGE_LIMIT = 3.267;

const average = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Limits from baseline values (null = missing). Moving ranges only between adjacent values; with
 * `screen`, ranges above 3.267 × their mean are left out and the mean recomputed once. Null when
 * there are not two adjacent values to take a range from.
 */
export function limitsOf(values: readonly (number | null)[], screen: boolean): Limits | null {
  const present = values.filter((v): v is number => v !== null);
  const ranges: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const [a, b] = [values[i - 1], values[i]];
    if (a !== null && a !== undefined && b !== null && b !== undefined) ranges.push(Math.abs(b - a));
  }
  if (!present.length || !ranges.length) return null;
  let meanRange = average(ranges);
  if (screen) {
    const kept = ranges.filter((r) => r < RANGE_LIMIT * meanRange);
    if (kept.length) meanRange = average(kept);
  }
  const mean = average(present);
  const width = PROCESS * meanRange;
  return { mean, upper: mean + width, lower: mean - width, upperNear: mean + (2 / 3) * width, lowerNear: mean - (2 / 3) * width };
}

export type Assurance = 'consistently passing' | 'hit and miss' | 'consistently failing';

/** Whether the process as it stands will meet `target`: the whole band strictly on one side of it, or not. */
export function assuranceOf(limits: Limits, target: number, better: 'higher' | 'lower'): Assurance {
  const below = target < limits.lower;
  const above = target > limits.upper;
  if (!below && !above) return 'hit and miss';
  return below === (better === 'higher') ? 'consistently passing' : 'consistently failing';
}
