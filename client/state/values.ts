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

/** "14:00" for periods under a day, "Mon 5 Jan" for daily ones. */
export function periodLabel(period: string, periodMs: number): string {
  const date = new Date(period);
  if (periodMs >= 86_400_000) return date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
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
    return { label: indicator.label, value: format(value?.value ?? null, indicator.unit), standing: valueState(value, indicator.better) };
  });
}
