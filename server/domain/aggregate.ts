import type { Policy, Aggregate } from './policy';
import type { EngineState, Point } from './state';
import { findSeries } from './state';

/** Sum, max or min of the children's values (a ratio and a mean carry their parts, so they sum those instead). */
function combine(kind: Exclude<Aggregate, 'ratio' | 'mean'>, values: readonly number[]): number {
  switch (kind) {
    case 'sum':
      return values.reduce((sum, v) => sum + v, 0);
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
  }
}

const finiteOrNull = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

const pointOf = (state: EngineState, node: string, indicator: string, period: number): Point | undefined =>
  findSeries(state, node, indicator)?.points.get(period);

/** A unit's ratio from its own numerator and denominator readings for the period; null until it has both. */
export function unitRatioPoint(state: EngineState, policy: Policy, unit: string, indicator: string, period: number): Point | null {
  const ratio = policy.indicator(indicator).ratio!;
  const num = pointOf(state, unit, ratio.numerator, period);
  const den = pointOf(state, unit, ratio.denominator, period);
  if (num?.value == null || den?.value == null) return null;
  return { value: den.value === 0 ? null : num.value / den.value, coverage: 1, final: true, num: num.value, den: den.value };
}

/**
 * A parent's value for one period from its children's: sums add, a ratio divides summed numerator by
 * summed denominator (never a mean of ratios). Coverage counts units, so a half-reported region shows as such.
 * Provisional until every unit below has reported or the period's grace has passed (`at` is the engine time).
 */
export function parentPoint(state: EngineState, policy: Policy, node: string, indicator: string, period: number, at: number): Point | null {
  const { hierarchy } = policy;
  const rule = policy.indicator(indicator);
  let covered = 0;
  let allFinal = true;
  let reported = 0;
  const values: number[] = [];
  let num = 0;
  let den = 0;
  for (const child of hierarchy.children(node)) {
    const expected = policy.expectedUnits(child, period, indicator);
    const point = pointOf(state, child, indicator, period);
    // Closed before this period, or never reporting this indicator: not expected, and silence there is no gap.
    if (expected === 0 && !point) continue;
    const usable = rule.aggregate === 'ratio' ? point?.num !== undefined && point.den !== undefined : point?.value != null;
    if (!point || !usable) {
      allFinal = false;
      continue;
    }
    reported++;
    covered += point.coverage * expected;
    allFinal &&= point.final && point.coverage === 1;
    if (rule.aggregate === 'ratio') {
      num += point.num!;
      den += point.den!;
    } else if (rule.aggregate === 'mean') {
      // A mean over the units below, not a mean of the children's means.
      num += point.num ?? point.value!;
      den += point.den ?? 1;
    } else values.push(point.value!);
  }
  if (reported === 0) return null;
  const units = policy.expectedUnits(node, period, indicator);
  const coverage = units === 0 ? 0 : Math.min(1, covered / units);
  const final = allFinal || at >= rule.graceEnd(period);
  if (rule.aggregate === 'ratio' || rule.aggregate === 'mean') return { value: finiteOrNull(den === 0 ? null : num / den), coverage, final, num, den };
  return { value: finiteOrNull(combine(rule.aggregate, values)), coverage, final };
}

export const samePoint = (a: Point | undefined, b: Point): boolean =>
  a !== undefined && a.value === b.value && a.coverage === b.coverage && a.final === b.final && a.ts === b.ts && a.num === b.num && a.den === b.den;
