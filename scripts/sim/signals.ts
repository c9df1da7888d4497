import type { Config, IndicatorConfig, Thresholds } from '../../shared/config';

/** Where a signal's pressure scale sits on its indicator: pressure 0 = `normal`, 1 = `alert`. */
export interface Anchors {
  better: 'higher' | 'lower';
  normal: number;
  alert: number;
  crisis: number | null;
  /** Values are clamped to this range to stay plausible (an occupancy stays near or under 1). */
  low: number;
  high: number;
}

/** What the simulator posts for one indicator of a unit. */
export type SignalPlan =
  /** A ratio aimed at its thresholds: posts the denominator (a capacity) and numerator = ratio × capacity. */
  | { kind: 'ratio'; id: string; numerator: string; denominator: string; anchors: Anchors; integer: boolean }
  /** A plain indicator with thresholds at unit level, aimed at them directly. */
  | { kind: 'aimed'; id: string; anchors: Anchors; integer: boolean }
  /** A plain indicator without thresholds: a count around a baseline, with the same rhythms and shocks. */
  | { kind: 'count'; id: string; baseline: number; integer: boolean };

const DEFAULT_ALLOWANCE_MS = 4 * 3_600_000;

export function perLevel<T>(value: T | Record<string, T> | undefined, level: string, isOne: (v: unknown) => v is T): T | undefined {
  if (value === undefined) return undefined;
  return isOne(value) ? value : (value as Record<string, T>)[level];
}
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isThresholds = (v: unknown): v is Thresholds =>
  typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'alert' || k === 'crisis' || k === 'clear');

export function allowanceMs(config: Config, indicator: IndicatorConfig, level: string): number {
  return indicator.allowances?.[level] ?? config.allowances[level] ?? DEFAULT_ALLOWANCE_MS;
}

/** Anchors from the unit level's thresholds and capability; null when there is no bound to aim at. */
export function anchorsFor(indicator: IndicatorConfig, unitLevel: string): Anchors | null {
  const bounds = perLevel(indicator.thresholds, unitLevel, isThresholds);
  const alert = bounds?.alert ?? bounds?.crisis;
  if (alert === undefined) return null;
  const crisis = bounds?.crisis !== undefined && bounds.crisis !== alert ? bounds.crisis : null;
  const better = indicator.better;
  const sign = better === 'lower' ? 1 : -1;
  const capability = perLevel(indicator.capability, unitLevel, isNumber);
  const isRatio = indicator.ratio !== undefined;
  const onGoodSide = (value: number | undefined): value is number => value !== undefined && sign * (alert - value) > 0;
  // Normal sits at the capability; else further inside the clear bound; else a little inside the alert bound.
  let normal: number;
  if (onGoodSide(capability)) normal = capability;
  else if (onGoodSide(bounds?.clear)) normal = bounds.clear - sign * 0.5 * Math.abs(alert - bounds.clear);
  else normal = alert - sign * (isRatio ? Math.max(0.05 * Math.abs(alert), 0.01) : Math.max(0.4 * Math.abs(alert), 1));
  const spread = Math.abs(alert - normal);
  const worst = crisis ?? alert;
  const reach = Math.abs(worst - normal) * 0.6 + spread;
  // A ratio of counts stays near its possible range: occupancy a little over 1 at worst, a share never over 1.
  if (better === 'lower') {
    const high = worst + reach;
    return { better, normal, alert, crisis, low: Math.max(0, normal - 4 * spread), high: isRatio ? Math.min(high, Math.max(1, worst + 0.02)) : high };
  }
  const high = normal + 4 * spread;
  return { better, normal, alert, crisis, low: Math.max(0, worst - reach), high: isRatio ? Math.min(high, 1) : high };
}

/** A value from a pressure: linear from normal (0) to alert (1), then on to crisis at 1.6. */
export function valueAt(anchors: Anchors, pressure: number): number {
  const { normal, alert, crisis } = anchors;
  const value = pressure <= 1 || crisis === null ? normal + pressure * (alert - normal) : alert + ((pressure - 1) / 0.6) * (crisis - alert);
  return Math.min(anchors.high, Math.max(anchors.low, value));
}

/** Decides, from the configuration alone, what to post for each indicator a unit can post. */
export function planSignals(config: Config): SignalPlan[] {
  const unitLevel = config.levels.at(-1)!;
  const claimed = new Set<string>();
  const plans: SignalPlan[] = [];
  for (const indicator of config.indicators) {
    if (!indicator.ratio) continue;
    const { numerator, denominator } = indicator.ratio;
    const anchors = anchorsFor(indicator, unitLevel);
    if (!anchors || claimed.has(numerator) || claimed.has(denominator)) continue;
    claimed.add(numerator).add(denominator);
    const integer = [numerator, denominator].every((id) => isCount(config.indicators.find((i) => i.id === id)));
    plans.push({ kind: 'ratio', id: indicator.id, numerator, denominator, anchors, integer });
  }
  for (const indicator of config.indicators) {
    if (indicator.ratio || claimed.has(indicator.id)) continue;
    const anchors = anchorsFor(indicator, unitLevel);
    const integer = isCount(indicator);
    if (anchors) plans.push({ kind: 'aimed', id: indicator.id, anchors, integer });
    else plans.push({ kind: 'count', id: indicator.id, baseline: baselineFor(indicator, unitLevel), integer });
  }
  return plans;
}

/** Summed indicators are counts (beds, handovers): posted as whole numbers. */
const isCount = (indicator: IndicatorConfig | undefined) => indicator !== undefined && (indicator.aggregate ?? 'sum') === 'sum';

function baselineFor(indicator: IndicatorConfig, unitLevel: string): number {
  const capability = perLevel(indicator.capability, unitLevel, isNumber);
  if (capability !== undefined && capability > 0) return capability;
  const words = `${indicator.id} ${indicator.label} ${indicator.unit}`.toLowerCase();
  if (words.includes('bed')) return 40;
  if (words.includes('handover') || words.includes('ambulance')) return 6;
  return 12;
}
