import type { Config, DetectorId, IndicatorConfig, Thresholds } from '../../shared/config';
import type { IndicatorInfo } from '../../shared/api';
import { Hierarchy } from './hierarchy';
import { periodClock, type PeriodClock } from './periods';

/** Used for a level with no allowance in the configuration. */
export const DEFAULT_ALLOWANCE_MS = 4 * 3_600_000;

export type Aggregate = 'sum' | 'mean' | 'max' | 'min' | 'ratio';

export interface IndicatorPolicy {
  readonly id: string;
  readonly config: IndicatorConfig;
  readonly periodMs: number;
  readonly aggregate: Aggregate;
  readonly ratio: { numerator: string; denominator: string } | null;
  readonly detectors: readonly DetectorId[];
  readonly clearAfter: number;
  readonly reopenWithinMs: number;
  readonly bypassTo: string | null;
  readonly minCoverage: number;
  readonly graceMs: number;
  /** Where its periods start and end: local days for a day or longer, in the network's time zone. */
  readonly clock: PeriodClock;
  /** How long after a period ends a unit's silence about it raises a missing report; false: never. */
  readonly noReportMs: number | false;
  /** When a period's parent values become final: its end plus the grace (by default the end of the next period, 23 or 25 hours on a clock-change day). */
  graceEnd(period: number): number;
  /** When silence about a period counts: its end plus `noReport`, by default its grace end. */
  silenceEnd(period: number): number;
}

const byLevel = <T>(value: T | Record<string, T> | undefined, level: string, isOne: (v: unknown) => v is T): T | undefined => {
  if (value === undefined) return undefined;
  if (isOne(value)) return value;
  return (value as Record<string, T>)[level];
};
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isThresholds = (v: unknown): v is Thresholds =>
  typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'alert' || k === 'crisis' || k === 'clear');

/** The policy in force: the hierarchy, the indicators and every rule that depends on level. */
export class Policy {
  readonly hierarchy: Hierarchy;
  readonly indicators: ReadonlyMap<string, IndicatorPolicy>;
  /** For each indicator, the ratio indicators computed from it. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** Units that closed or merged, and when: no report is expected from them after that. */
  readonly closedAt: ReadonlyMap<string, number>;

  constructor(readonly config: Config, readonly version: number) {
    this.hierarchy = new Hierarchy(config.levels, config.nodes);
    const indicators = new Map<string, IndicatorPolicy>();
    const dependents = new Map<string, string[]>();
    for (const indicator of config.indicators) {
      indicators.set(indicator.id, this.resolve(indicator));
      if (indicator.ratio) {
        for (const part of [indicator.ratio.numerator, indicator.ratio.denominator]) {
          dependents.set(part, [...(dependents.get(part) ?? []), indicator.id]);
        }
      }
    }
    this.indicators = indicators;
    this.dependents = dependents;
    this.closedAt = new Map(config.nodes.filter((node) => node.closed !== undefined).map((node) => [node.id, Date.parse(node.closed!)]));
  }

  private resolve(indicator: IndicatorConfig): IndicatorPolicy {
    const config = this.config;
    const clock = periodClock(indicator.period, config.timeZone);
    const graceEnd = (period: number) => (indicator.grace !== undefined ? clock.next(period) + indicator.grace : clock.next(clock.next(period)));
    const detectors: DetectorId[] = indicator.detectors ?? (indicator.thresholds ? ['threshold', 'cyberstride'] : ['cyberstride']);
    return {
      id: indicator.id,
      config: indicator,
      periodMs: indicator.period,
      aggregate: indicator.ratio ? 'ratio' : (indicator.aggregate ?? 'sum'),
      ratio: indicator.ratio ?? null,
      detectors,
      clearAfter: indicator.clearAfter ?? config.clearAfter,
      reopenWithinMs: indicator.reopenWithin ?? config.reopenWithin ?? 2 * indicator.period,
      bypassTo: indicator.bypassTo ?? config.bypassTo ?? null,
      minCoverage: indicator.minCoverage ?? config.minCoverage,
      graceMs: indicator.grace ?? indicator.period,
      clock,
      noReportMs: indicator.ratio ? false : (indicator.noReport ?? indicator.grace ?? indicator.period),
      graceEnd,
      silenceEnd: (period) => (typeof indicator.noReport === 'number' ? clock.next(period) + indicator.noReport : graceEnd(period)),
    };
  }

  private readonly closedBelow = new Map<string, number[]>();

  /** Units at or below `node` expected to report for the period starting at `period`: those not closed by then. */
  expectedUnits(node: string, period: number): number {
    const units = this.hierarchy.unitCount(node);
    if (this.closedAt.size === 0) return units;
    let closed = this.closedBelow.get(node);
    if (!closed) {
      closed = [...this.closedAt].filter(([unit]) => this.hierarchy.has(unit) && this.hierarchy.inSubtree(unit, node)).map(([, at]) => at);
      this.closedBelow.set(node, closed);
    }
    let gone = 0;
    for (const at of closed) if (at <= period) gone++;
    return units - gone;
  }

  indicator(id: string): IndicatorPolicy {
    const found = this.indicators.get(id);
    if (!found) throw new Error(`unknown indicator ${id}`);
    return found;
  }

  thresholds(indicator: string, level: string): Thresholds | undefined {
    return byLevel(this.indicator(indicator).config.thresholds, level, isThresholds);
  }

  capability(indicator: string, level: string): number | null {
    return byLevel(this.indicator(indicator).config.capability, level, isNumber) ?? null;
  }

  potentiality(indicator: string, level: string): number | null {
    return byLevel(this.indicator(indicator).config.potentiality, level, isNumber) ?? null;
  }

  /** The window a holder on `level` has before the episode passes up; null at the top. */
  allowanceMs(indicator: string, level: string): number | null {
    if (level === this.config.levels[0]) return null;
    return this.indicator(indicator).config.allowances?.[level] ?? this.config.allowances[level] ?? DEFAULT_ALLOWANCE_MS;
  }

  info(indicator: IndicatorPolicy): IndicatorInfo {
    const { config } = indicator;
    return {
      id: indicator.id,
      label: config.label,
      unit: config.unit,
      better: config.better,
      period: formatPeriod(indicator.periodMs),
      periodMs: indicator.periodMs,
      aggregate: indicator.aggregate,
      ratio: indicator.ratio,
      detectors: [...indicator.detectors],
      minCoverage: indicator.minCoverage,
    };
  }
}

function formatPeriod(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
