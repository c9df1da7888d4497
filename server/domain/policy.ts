import type { Config, DetectorId, IndicatorConfig, Thresholds } from '../../shared/config';
import type { IndicatorInfo } from '../../shared/api';
import { Hierarchy } from './hierarchy';
import { periodClock, type PeriodClock } from './periods';

/** Used for a level with no allowance in the configuration. */
export const DEFAULT_ALLOWANCE_MS = 4 * 3_600_000;

/** [from, to): a stretch of time, either end possibly infinite. */
export type Stretch = [number, number];

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
    this.openedAt = new Map(config.nodes.filter((node) => node.opened !== undefined).map((node) => [node.id, openedTimes(node.opened!)]));
    this.reportsOf = new Map(config.nodes.filter((node) => node.reports !== undefined).map((node) => [node.id, new Set(node.reports)]));
    this.pausedOf = new Map(
      config.nodes
        .filter((node) => node.paused !== undefined)
        .map((node) => [node.id, new Map(Object.entries(node.paused!).map(([id, stretches]) => [id, stretches.map((s): Stretch => [Date.parse(s.from), s.to === undefined ? Infinity : Date.parse(s.to)])]))]),
    );
  }

  /** Stretches in which a unit is known not to report an indicator, per unit and indicator. */
  private readonly pausedOf: ReadonlyMap<string, ReadonlyMap<string, readonly Stretch[]>>;

  /**
   * When `unit` is not expected to report `indicator`: before it opened, from when it closed, and the
   * stretches it paused (a ratio: any of its parts'). Empty where it is expected throughout.
   */
  absences(unit: string, indicator: string): Stretch[] {
    const stretches: Stretch[] = [];
    const opened = this.openedFor(unit, indicator);
    if (opened !== undefined) stretches.push([-Infinity, opened]);
    const closed = this.closedAt.get(unit);
    if (closed !== undefined) stretches.push([closed, Infinity]);
    stretches.push(...this.pausedStretches(unit, indicator));
    return stretches;
  }

  /** The stretches in which `unit` paused `indicator` (a ratio: any of its parts'). */
  private pausedStretches(unit: string, indicator: string): Stretch[] {
    const paused = this.pausedOf.get(unit);
    if (!paused) return [];
    const ratio = this.indicators.get(indicator)?.ratio;
    return (ratio ? [ratio.numerator, ratio.denominator] : [indicator]).flatMap((part) => paused.get(part) ?? []);
  }

  /** Units that opened later than the rest, and when (one time, or per indicator): no report is expected from them before that. */
  private readonly openedAt: ReadonlyMap<string, number | ReadonlyMap<string, number>>;

  /**
   * When `unit` opened for `indicator`, or undefined where it is expected throughout. A ratio opens
   * when the later of its parts does (both are needed for its figure).
   */
  openedFor(unit: string, indicator: string): number | undefined {
    const opened = this.openedAt.get(unit);
    if (opened === undefined || typeof opened === 'number') return opened;
    const ratio = this.indicators.get(indicator)?.ratio;
    const parts = (ratio ? [ratio.numerator, ratio.denominator] : [indicator]).flatMap((id) => (opened.has(id) ? [opened.get(id)!] : []));
    return parts.length === 0 ? undefined : Math.max(...parts);
  }

  /** Units whose configuration lists what they report; every other unit reports every indicator. */
  private readonly reportsOf: ReadonlyMap<string, ReadonlySet<string>>;

  /** Whether `unit` reports `indicator` (a ratio: both its parts), so that coverage expects it. */
  reports(unit: string, indicator: string): boolean {
    const listed = this.reportsOf.get(unit);
    if (!listed) return true;
    const ratio = this.indicators.get(indicator)?.ratio;
    return ratio ? listed.has(ratio.numerator) && listed.has(ratio.denominator) : listed.has(indicator);
  }

  /** The instructions of what a unit reports, for an error that names them; null where it reports everything. */
  reportsListed(unit: string): readonly string[] | null {
    const listed = this.reportsOf.get(unit);
    return listed ? [...listed] : null;
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

  /** Per node and indicator: how many units below report it, and the stretches each of them is not expected in. */
  private readonly expectedBelow = new Map<string, Map<string, { reporting: number; absent: Stretch[][]; period: number; expected: number }>>();

  /**
   * Units at or below `node` expected to report `indicator` for the period starting at `period`: those
   * that report it (see `reports`), had opened by then, had not closed, and were not paused.
   */
  expectedUnits(node: string, period: number, indicator: string): number {
    if (this.closedAt.size === 0 && this.openedAt.size === 0 && this.reportsOf.size === 0 && this.pausedOf.size === 0) return this.hierarchy.unitCount(node);
    let byIndicator = this.expectedBelow.get(node);
    if (!byIndicator) this.expectedBelow.set(node, (byIndicator = new Map()));
    let below = byIndicator.get(indicator);
    if (!below) {
      const units = this.hierarchy.unitsBelow(node).filter((unit) => this.reports(unit, indicator));
      below = { reporting: units.length, absent: units.map((unit) => this.absences(unit, indicator)).filter((stretches) => stretches.length > 0), period: NaN, expected: 0 };
      byIndicator.set(indicator, below);
    }
    // Asked for every child and parent of every changed point, mostly for the same period again.
    if (below.period === period) return below.expected;
    let gone = 0;
    for (const stretches of below.absent) if (stretches.some(([from, to]) => from <= period && period < to)) gone++;
    below.period = period;
    below.expected = below.reporting - gone;
    return below.expected;
  }

  /**
   * Units at or below `node` paused (known not to report `indicator`, a ratio: any part) in the period
   * starting at `period`, with when each stretch began: what coverage leaves out, for the reader to see.
   */
  pausedUnits(node: string, period: number, indicator: string): number[] {
    if (this.pausedOf.size === 0) return [];
    const starts: number[] = [];
    for (const stretches of this.pausedBelow(node, indicator)) {
      const holding = stretches.filter(([from, to]) => from <= period && period < to);
      if (holding.length > 0) starts.push(Math.min(...holding.map(([from]) => from)));
    }
    return starts;
  }

  /** Per node and indicator, the paused stretches of each unit below that reports it and ever paused: asked once per series point. */
  private readonly pausedBelowOf = new Map<string, Stretch[][]>();

  private pausedBelow(node: string, indicator: string): Stretch[][] {
    const key = `${node}\u0000${indicator}`;
    let below = this.pausedBelowOf.get(key);
    if (!below) {
      below = this.hierarchy.unitsBelow(node)
        .filter((unit) => this.reports(unit, indicator))
        .map((unit) => this.pausedStretches(unit, indicator))
        .filter((stretches) => stretches.length > 0);
      this.pausedBelowOf.set(key, below);
    }
    return below;
  }

  indicator(id: string): IndicatorPolicy {
    const found = this.indicators.get(id);
    if (!found) throw new Error(`unknown indicator ${id}`);
    return found;
  }

  thresholds(indicator: string, level: string): Thresholds | undefined {
    // Asked for every judged period; the answer only depends on the configuration.
    let byIndicator = this.thresholdsOf.get(level);
    if (!byIndicator) this.thresholdsOf.set(level, (byIndicator = new Map()));
    if (byIndicator.has(indicator)) return byIndicator.get(indicator);
    const found = byLevel(this.indicator(indicator).config.thresholds, level, isThresholds);
    byIndicator.set(indicator, found);
    return found;
  }

  private readonly thresholdsOf = new Map<string, Map<string, Thresholds | undefined>>();

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

function openedTimes(opened: string | Record<string, string>): number | ReadonlyMap<string, number> {
  return typeof opened === 'string' ? Date.parse(opened) : new Map(Object.entries(opened).map(([indicator, at]) => [indicator, Date.parse(at)]));
}
