import type { Limits } from './limits';

export type RuleName = 'beyondLimits' | 'run' | 'trend' | 'twoOfThree';
/** +1: the signal is high (or rising), −1: low (or falling). */
export type Side = 1 | -1;
export type RuleHits = Partial<Record<RuleName, Side>>;

export interface RuleLengths {
  runLength: number;
  trendLength: number;
}

const sideOf = (value: number, mean: number): Side | 0 => (value > mean ? 1 : value < mean ? -1 : 0);

/**
 * The rules that a pattern ending at the last of `recent` (consecutive periods, null = missing,
 * which breaks every pattern) completes, judged against `limits`:
 * - beyondLimits: the point is outside mean ± 2.66 mR̄;
 * - run: the last `runLength` points all strictly on one side of the mean;
 * - trend: the last `trendLength` points each strictly above (below) the one before, i.e.
 *   `trendLength − 1` consecutive rises (falls): "a trend of 7 points" as NHS-R's plot-the-dots reads it;
 * - twoOfThree: the point is beyond a near (2σ) limit and so is one of the two before, on the same side.
 */
export function rulesEndingAt(recent: readonly (number | null)[], limits: Limits, lengths: RuleLengths): RuleHits {
  const hits: RuleHits = {};
  const last = recent[recent.length - 1];
  if (last === null || last === undefined) return hits;
  if (last > limits.upper) hits.beyondLimits = 1;
  else if (last < limits.lower) hits.beyondLimits = -1;

  const tail = (k: number) => (recent.length >= k ? recent.slice(recent.length - k) : null);
  const run = tail(lengths.runLength);
  if (run && run.every((v) => v !== null)) {
    const sides = (run as number[]).map((v) => sideOf(v, limits.mean));
    if (sides[0] !== 0 && sides.every((s) => s === sides[0])) hits.run = sides[0] as Side;
  }
  const trend = tail(lengths.trendLength);
  if (trend && trend.every((v) => v !== null)) {
    const steps = (trend as number[]).slice(1).map((v, i) => Math.sign(v - (trend as number[])[i]!));
    if (steps[0] !== 0 && steps.every((s) => s === steps[0])) hits.trend = steps[0] as Side;
  }
  const nearSide = (v: number | null | undefined): Side | 0 =>
    v === null || v === undefined ? 0 : v > limits.upperNear ? 1 : v < limits.lowerNear ? -1 : 0;
  const here = nearSide(last);
  if (here !== 0 && recent.slice(-3, -1).some((v) => nearSide(v) === here)) hits.twoOfThree = here;
  return hits;
}

/** How many points, ending at the current one, a hit of each rule covers (for marking them all). */
export function patternLength(rule: RuleName, lengths: RuleLengths): number {
  return rule === 'run' ? lengths.runLength : rule === 'trend' ? lengths.trendLength : rule === 'twoOfThree' ? 3 : 1;
}

/** Improvement or concern: a high (rising) signal is an improvement when higher is better. */
export function verdictOf(side: Side, better: 'higher' | 'lower'): 'improvement' | 'concern' {
  return (side === 1) === (better === 'higher') ? 'improvement' : 'concern';
}
