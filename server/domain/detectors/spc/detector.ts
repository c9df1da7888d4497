import type { Detector, Finding, FindingCause, SeriesContext } from '../types';
import { limitsOf, type Limits } from './limits';
import { patternLength, rulesEndingAt, verdictOf, type RuleName, type Side } from './rules';
import { defaultSpcSettings, parseSpcSettings, type SpcSettings } from './settings';

/** Plain-JSON state: the current segment's baseline values and the last few values for the patterns. */
export interface SpcState {
  /** Index of the last period seen (missing ones counted); −1 before the first. */
  index: number;
  /** Baseline values of the current segment so far (null = missing), at most `baseline` of them. */
  baseline: (number | null)[];
  /** Limits once the baseline is complete (frozen), else null (recomputed from the baseline so far). */
  frozen: Limits | null;
  /** The last few periods' values (null = missing), enough for the longest pattern. */
  recent: (number | null)[];
}

const parsed = new WeakMap<object, SpcSettings>();
function settingsFor(context: SeriesContext): SpcSettings {
  if (!context.settings) return defaultSpcSettings;
  let settings = parsed.get(context.settings);
  if (!settings) {
    settings = parseSpcSettings(context.settings);
    parsed.set(context.settings, settings);
  }
  return settings;
}

/** When several rules fire at once, the card names the plainest: a point beyond the limits first. */
const RULE_ORDER: readonly RuleName[] = ['beyondLimits', 'twoOfThree', 'run', 'trend'];

/** The rule that fired, which side, how many points it covers, and the line it was judged against. */
function causeOf(rule: RuleName, side: Side, limits: Limits, settings: SpcSettings): FindingCause {
  const high = side === 1;
  const limit = rule === 'beyondLimits' ? (high ? limits.upper : limits.lower) : rule === 'twoOfThree' ? (high ? limits.upperNear : limits.lowerNear) : limits.mean;
  return { type: 'spc', rule, side: high ? 'high' : 'low', points: patternLength(rule, settings), limit, mean: limits.mean, lower: limits.lower, upper: limits.upper };
}

const nulls = (count: number) => Array.from({ length: count }, () => null);

/**
 * Making Data Count rules as a streaming Detector. It cannot see ahead, so while a baseline fills
 * its limits come from the baseline points so far, and it judges nothing until `minimumPoints` of
 * them are in; a point is flagged when it completes or continues a pattern (the chart from
 * `spcChart` also marks the earlier points of each pattern). Missing periods break patterns.
 */
export const spcDetector: Detector<SpcState> = {
  id: 'spc',
  init: (context) => {
    settingsFor(context);
    return { index: -1, baseline: [], frozen: null, recent: [] };
  },
  update(state, value, missed, context) {
    const settings = settingsFor(context);
    const index = state.index + missed + 1;
    const rebased = settings.rebase.some((r) => r > state.index && r <= index && r > 0);
    const gap = rebased ? [] : nulls(Math.min(missed, settings.baseline));
    let baseline = rebased ? [] : state.baseline;
    let frozen = rebased ? null : state.frozen;
    if (!frozen) {
      baseline = [...baseline, ...gap, value].slice(0, settings.baseline);
      if (baseline.length >= settings.baseline) frozen = limitsOf(baseline, settings.screenOutliers);
    }
    const keep = Math.max(settings.runLength, settings.trendLength);
    const recent = [...(rebased ? [] : state.recent), ...nulls(rebased ? 0 : Math.min(missed, keep)), value].slice(-keep);
    const limits = frozen ?? limitsOf(baseline, settings.screenOutliers);
    const findings: Finding[] = [];
    const ready = frozen !== null || baseline.filter((v) => v !== null).length >= settings.minimumPoints;
    if (limits && ready) {
      const hits = rulesEndingAt(recent, limits, settings);
      for (const [verdict, direction] of [['concern', 'pain'], ['improvement', 'pleasure']] as const) {
        const rule = RULE_ORDER.find((name) => hits[name] !== undefined && verdictOf(hits[name], context.better) === verdict);
        if (rule) findings.push({ kind: 'spc', direction, severity: 'alert', cause: causeOf(rule, hits[rule]!, limits, settings) });
      }
    }
    const output = limits ? { findings, forecast: { forecast: limits.mean, lower: limits.lower, upper: limits.upper } } : { findings };
    return { state: { index, baseline: frozen ? [] : baseline, frozen, recent }, output };
  },
};
