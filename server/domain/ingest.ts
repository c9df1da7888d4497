import type { Reading } from '../../shared/api';
import { parentPoint, samePoint, unitRatioPoint } from './aggregate';
import type { Effect } from './effects';
import { silenceDue } from './episodes/no-report';
import type { IndicatorPolicy } from './policy';
import { judgeAfterChange, judgePending, type Judgement } from './judge';
import { reactToJudgement, reportArrived } from './reactions';
import { addTimer, seriesKey, seriesOf, trimHistory, type EngineState, type Point, type SeriesState } from './state';
import { fromIso } from './time';

export interface IngestCounts {
  accepted: number;
  /** The same reading again. */
  duplicates: number;
  /** An older reading (earlier ts) for a period that already holds a newer one: a delayed retry, not applied. */
  stale: number;
}

type Change = [node: string, indicator: string, period: number];

/** Look for a missing report about the period after the series' latest, once that period and its allowance have passed. */
export function armSilence(state: EngineState, series: SeriesState, rule: IndicatorPolicy): void {
  const { period, due } = silenceDue(series.latestPeriod!, (start) => rule.clock.next(start), rule.silenceEnd);
  addTimer(state, { due, kind: 'silence', ref: seriesKey(series.node, series.indicator), period });
  series.silenceDue = due;
}

/** Apply readings at engine time `at`: store, re-aggregate every ancestor, judge, and react. */
export function ingest(state: EngineState, readings: readonly Reading[], at: number): { effects: Effect[]; counts: IngestCounts } {
  const { policy } = state;
  const effects: Effect[] = [];
  const counts: IngestCounts = { accepted: 0, duplicates: 0, stale: 0 };
  const changed: Change[] = [];
  for (const reading of readings) {
    const rule = policy.indicator(reading.indicator);
    const ts = fromIso(reading.ts);
    const period = rule.clock.start(ts);
    const series = seriesOf(state, reading.unit, reading.indicator);
    const existing = series.points.get(period);
    if (existing?.ts !== undefined && ts === existing.ts && existing.value === reading.value) {
      counts.duplicates++;
      continue;
    }
    if (existing?.ts !== undefined && ts < existing.ts) {
      counts.stale++;
      continue;
    }
    counts.accepted++;
    const previousLatest = series.latestPeriod;
    effects.push(...setPoint(state, series, period, { value: reading.value, coverage: 1, final: true, ts }));
    // One silence timer per series at a time: when it fires, a series that has moved on re-arms it.
    if (rule.noReportMs !== false && (series.silenceDue ?? null) === null && (previousLatest === null || period > previousLatest)) armSilence(state, series, rule);
    effects.push(...reportArrived(state, reading.unit, reading.indicator, period, at));
    changed.push([reading.unit, reading.indicator, period]);
  }
  for (const [unit, indicator, period] of changed) {
    for (const ratio of policy.dependents.get(indicator) ?? []) {
      const point = unitRatioPoint(state, policy, unit, ratio, period);
      if (point) effects.push(...setPoint(state, seriesOf(state, unit, ratio), period, point));
    }
  }
  effects.push(...judgeAndAggregate(state, changed, at));
  return { effects, counts };
}

/** One level's changed (node, indicator, period)s, each once, in the order first added. */
class Layer {
  readonly changes: Change[] = [];
  // By node, then indicator: no key string to build (and no period to turn into text) per change.
  private readonly seen = new Map<string, Map<string, Set<number>>>();

  add(node: string, indicator: string, period: number): void {
    let byIndicator = this.seen.get(node);
    if (!byIndicator) this.seen.set(node, (byIndicator = new Map()));
    let periods = byIndicator.get(indicator);
    if (!periods) byIndicator.set(indicator, (periods = new Set()));
    if (periods.has(period)) return;
    periods.add(period);
    this.changes.push([node, indicator, period]);
  }
}

/** Judge the changed unit series, then recompute and judge their ancestors, level by level from the bottom. */
function judgeAndAggregate(state: EngineState, changed: readonly Change[], at: number): Effect[] {
  const { policy } = state;
  const effects: Effect[] = [];
  let layer = new Layer();
  for (const [unit, indicator, period] of changed) {
    layer.add(unit, indicator, period);
    for (const ratio of policy.dependents.get(indicator) ?? []) layer.add(unit, ratio, period);
  }
  while (layer.changes.length > 0) {
    const next = new Layer();
    for (const [node, indicator, period] of rawBeforeRatios(layer.changes, policy)) {
      const series = seriesOf(state, node, indicator);
      if (!policy.hierarchy.isUnit(node)) {
        const point = parentPoint(state, policy, node, indicator, period, at);
        if (!point) continue;
        const set = setPoint(state, series, period, point);
        if (set.length === 0) continue;
        effects.push(...set);
      }
      effects.push(...react(state, series, judgeAfterChange(series, period, policy), at));
      const parent = policy.hierarchy.parent(node);
      if (parent !== null) next.add(parent, indicator, period);
    }
    layer = next;
  }
  return effects;
}

/**
 * Raw indicators before ratios, so a parent's ratio sees its parts already summed; otherwise in the
 * order they changed (what a stable sort on "is a ratio" gives, without the sort).
 */
function rawBeforeRatios(layer: readonly Change[], policy: EngineState['policy']): Change[] {
  const raw: Change[] = [];
  const ratios: Change[] = [];
  for (const change of layer) (policy.indicator(change[1]).ratio !== null ? ratios : raw).push(change);
  for (const change of ratios) raw.push(change);
  return raw;
}

function react(state: EngineState, series: SeriesState, judgements: readonly Judgement[], at: number): Effect[] {
  if (judgements.length === 0) return [];
  const effects: Effect[] = [];
  for (const judgement of judgements) for (const effect of reactToJudgement(state, series, judgement, at)) effects.push(effect);
  return effects;
}

/** A period's grace has passed for one parent series: make it final, judge it, and carry the change up. */
export function refreshUpward(state: EngineState, node: string, indicator: string, period: number, at: number): Effect[] {
  const { policy } = state;
  const effects: Effect[] = [];
  for (let at_node: string | null = node; at_node !== null; at_node = policy.hierarchy.parent(at_node)) {
    const point = parentPoint(state, policy, at_node, indicator, period, at);
    if (!point) break;
    const series = seriesOf(state, at_node, indicator);
    const set = setPoint(state, series, period, point);
    effects.push(...set);
    effects.push(...react(state, series, set.length > 0 ? judgeAfterChange(series, period, policy) : judgePending(series, policy), at));
  }
  return effects;
}

/** Store a point; no effect when nothing changed. A new provisional parent point gets a grace timer. */
function setPoint(state: EngineState, series: SeriesState, period: number, point: Point): Effect[] {
  const previous = series.points.get(period);
  if (samePoint(previous, point)) return [];
  series.points.set(period, point);
  if (series.latestPeriod === null || period > series.latestPeriod) series.latestPeriod = period;
  trimHistory(series);
  if (!point.final && !previous) {
    const rule = state.policy.indicator(series.indicator);
    addTimer(state, { due: rule.graceEnd(period), kind: 'grace', ref: seriesKey(series.node, series.indicator), period });
  }
  return [{ type: 'value', node: series.node, indicator: series.indicator, period, point, latest: period === series.latestPeriod }];
}
