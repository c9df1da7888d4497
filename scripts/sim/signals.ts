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
  const spread = Math.max(Math.abs(alert) * 0.05, alert === 0 ? 1 : 0.01);
  // Normal sits at the capability when it is on the good side of the bound, else a little inside it.
  const normal = capability !== undefined && sign * (alert - capability) > 0 ? capability : alert - sign * spread;
  const isRatio = indicator.ratio !== undefined;
  const worst = crisis ?? alert;
  const reach = Math.abs(worst - normal) * 0.6 + spread;
  const low = better === 'lower' ? Math.max(0, normal - 4 * Math.abs(alert - normal)) : worst - reach;
  const high = better === 'lower' ? worst + reach : normal + 4 * Math.abs(alert - normal);
  return { better, normal, alert, crisis, low: Math.max(0, low), high: isRatio && better === 'lower' ? Math.min(high, Math.max(1, worst + 0.02)) : high };
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
