import { assuranceOf, limitsOf, type Assurance, type Limits } from './limits';
import { patternLength, rulesEndingAt, verdictOf, type RuleName, type Side } from './rules';
import { parseSpcSettings } from './settings';

export interface SpcPoint {
  index: number;
  value: number | null;
  /** Limits in force at this point (null while a segment has too few points for a moving range). */
  limits: Limits | null;
  /** Every rule this point is part of a pattern of, with the pattern's side. */
  rules: Partial<Record<RuleName, Side>>;
  /** Special cause: improvement or concern (both when patterns disagree), null for common cause. */
  special: ('improvement' | 'concern')[] | null;
}

export interface SpcChart {
  points: SpcPoint[];
  /** Against `target`, for the latest segment's limits (null without a target or limits). */
  assurance: Assurance | null;
}

/** Segments of the series: [start, end) index ranges, split at the rebase points. */
function segmentsOf(length: number, rebase: readonly number[]): [number, number][] {
  const cuts = [0, ...rebase.filter((r) => r > 0 && r < length), length];
  return cuts.slice(1).map((end, i) => [cuts[i]!, end]);
}

/**
 * The XmR chart as Making Data Count draws it: limits from each segment's baseline (its first
 * `baseline` points) applied to the whole segment, and every point of a special-cause pattern
 * marked. Patterns do not cross a rebase or a missing value. Pure.
 */
export function spcChart(values: readonly (number | null)[], better: 'higher' | 'lower', rawSettings?: unknown): SpcChart {
  const settings = parseSpcSettings(rawSettings);
  const points: SpcPoint[] = values.map((value, index) => ({ index, value, limits: null, rules: {}, special: null }));
  let latest: Limits | null = null;
  for (const [start, end] of segmentsOf(values.length, settings.rebase)) {
    const segment = values.slice(start, end);
    const limits = limitsOf(segment.slice(0, settings.baseline), settings.screenOutliers);
    if (!limits) continue;
    latest = limits;
    for (let i = 0; i < segment.length; i++) {
      points[start + i]!.limits = limits;
      const window = segment.slice(Math.max(0, i - Math.max(settings.runLength, settings.trendLength) + 1), i + 1);
      const hits = rulesEndingAt(window, limits, settings);
      for (const [rule, side] of Object.entries(hits) as [RuleName, Side][]) {
        for (let k = 0; k < Math.min(patternLength(rule, settings), i + 1); k++) {
          const point = points[start + i - k]!;
          // In two-of-three only the points beyond the near limit belong to the pattern.
          const value = point.value;
          if (rule === 'twoOfThree' && (value === null || !(side === 1 ? value > limits.upperNear : value < limits.lowerNear))) continue;
          point.rules[rule] = side;
        }
      }
    }
  }
  for (const point of points) {
    const verdicts = new Set(Object.values(point.rules).map((side) => verdictOf(side, better)));
    point.special = verdicts.size ? [...verdicts].sort() : null;
  }
  const assurance = latest && settings.target !== null ? assuranceOf(latest, settings.target, better) : null;
  return { points, assurance };
}
