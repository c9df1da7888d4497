import type { IndicatorInfo, NodeValue } from '../../shared/api';

export type ValueState = 'crisis' | 'alert' | 'normal' | 'unknown';

/** Where a value stands against its node's thresholds, in the indicator's `better` direction. */
export function valueState(value: NodeValue | undefined, better: IndicatorInfo['better']): ValueState {
  const actual = value?.value ?? null;
  if (actual === null) return 'unknown';
  const worse = (bound: number | null | undefined) =>
    bound !== null && bound !== undefined && (better === 'lower' ? actual > bound : actual < bound);
  if (worse(value?.thresholds?.crisis)) return 'crisis';
  if (worse(value?.thresholds?.alert)) return 'alert';
  return 'normal';
}

/**
 * Whether a parent's figure may be judged at all: below the indicator's minimum coverage (8 % of
 * units reported, say) the sum is shown, never called within bounds or beyond them. A unit's own
 * figure always has coverage 1.
 */
export function isJudged(value: NodeValue | undefined, indicator: Pick<IndicatorInfo, 'minCoverage'>): boolean {
  return value !== undefined && (indicator.minCoverage === undefined || value.coverage >= indicator.minCoverage);
}

/** How an indicator card labels where a value stands: "within bounds", or "not judged: 8 % reported" when too few reported. */
export function standingWords(value: NodeValue | undefined, indicator: Pick<IndicatorInfo, 'better' | 'minCoverage'>): { state: ValueState; words: string } {
  const state = valueState(value, indicator.better);
  if (value === undefined || state === 'unknown') return { state, words: '' };
  if (!isJudged(value, indicator)) return { state: 'unknown', words: `not judged: ${Math.round(value.coverage * 100)} % reported` };
  return { state, words: { crisis: '◆ beyond crisis', alert: '▲ beyond alert', normal: 'within bounds' }[state] };
}

/** "14:00" for periods under a day, "Mon 5 Jan" for daily ones. */
/** Made once: toLocaleDateString builds a formatter per call, which thousands of labels a render feel. */
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const TIME_LABEL = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export function periodLabel(period: string, periodMs: number): string {
  const date = new Date(period);
  return (periodMs >= 86_400_000 ? DAY_LABEL : TIME_LABEL).format(date);
}

/**
 * The indicators a level is judged on: those with detectors. The counts a ratio is made of (beds
 * open, beds occupied) are shown only on request; they are there for the ratio, not for the wall.
 */
export function judgedIndicators<T extends { detectors: string[] }>(indicators: T[]): T[] {
  const judged = indicators.filter((indicator) => indicator.detectors.length > 0);
  return judged.length > 0 ? judged : indicators;
}

/** One line of what a node reports, for a rectangle on the map big enough to say it. */
export interface Fact {
  label: string;
  value: string;
  standing: ValueState;
}

export function factsFor(
  node: string,
  indicators: IndicatorInfo[],
  valueOf: (node: string, indicator: string) => NodeValue | undefined,
  format: (value: number | null, unit: string) => string,
): Fact[] {
  return indicators.map((indicator) => {
    const value = valueOf(node, indicator.id);
    return { label: indicator.label, value: format(value?.value ?? null, indicator.unit), standing: standingWords(value, indicator).state };
  });
}
