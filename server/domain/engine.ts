import type { Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import { parentPoint, samePoint, unitRatioPoint } from './aggregate';
import type { Effect } from './effects';
import type { EpisodeRecord, TransitionReason } from './episodes/episode';
import { runEpisodeEvent } from './episode-rules';
import { judgeAfterChange, judgePending, type JudgeContext } from './judge';
import { Policy } from './policy';
import { addTimer, emptyState, seriesKey, seriesOf, trimHistory, type EngineState, type Point } from './state';
import { fromIso, periodStart } from './time';

/** Everything that can change the engine. Each is logged with the engine time it was applied at. */
export type EngineInput =
  | { type: 'policy'; config: Config }
  /** The scheduler applied what fell due: logged so that a restart does not apply (and log) it again. */
  | { type: 'tick' }
  | { type: 'readings'; readings: Reading[] }
  | { type: 'acknowledge'; episode: string; by: string; note: string | null }
  | { type: 'note'; episode: string; by: string; note: string };

export interface StepResult {
  effects: Effect[];
  accepted: number;
  duplicates: number;
  /** For acknowledge and note: the episode after the step, or why nothing changed. */
  episode?: EpisodeRecord;
  refused?: 'unknown-episode' | 'not-in-policy' | TransitionReason;
}

export interface ReadingIssue {
  index: number;
  field: 'unit' | 'indicator';
  message: string;
}

/**
 * The deterministic core. Given inputs and `now`, it updates its in-memory state and returns effects;
 * it never reads a clock or does I/O, so live running, restart and replay agree.
 */
export class Engine {
  policy: Policy;
  readonly state: EngineState;

  constructor(config: Config, policyVersion = 1, state: EngineState = emptyState()) {
    this.policy = new Policy(config, policyVersion);
    this.state = state;
  }

  /** Readings this policy refuses (422): unknown or non-unit node, unknown or derived indicator. */
  check(readings: readonly Reading[]): ReadingIssue[] {
    const issues: ReadingIssue[] = [];
    const { hierarchy, indicators } = this.policy;
    readings.forEach((reading, index) => {
      if (!hierarchy.has(reading.unit)) issues.push({ index, field: 'unit', message: `unknown unit "${reading.unit}"` });
      else if (!hierarchy.isUnit(reading.unit)) issues.push({ index, field: 'unit', message: `"${reading.unit}" is a ${hierarchy.node(reading.unit).level}, not a unit; only units post readings` });
      const indicator = indicators.get(reading.indicator);
      if (!indicator) issues.push({ index, field: 'indicator', message: `unknown indicator "${reading.indicator}"` });
      else if (indicator.ratio) issues.push({ index, field: 'indicator', message: `"${reading.indicator}" is derived (${indicator.ratio.numerator} / ${indicator.ratio.denominator}); post its parts` });
    });
    return issues;
  }

  /** When the next deadline or grace period ends; `advance` acts on it once the clock is past it. */
  nextDue(): number | null {
    return this.state.timers.peek()?.due ?? null;
  }

  step(input: EngineInput, now: number): StepResult {
    const effects = this.advance(now);
    const result: StepResult = { effects, accepted: 0, duplicates: 0 };
    const at = this.state.now;
    switch (input.type) {
      case 'policy':
        this.policy = new Policy(input.config, this.policy.version + 1);
        break;
      case 'tick':
        break;
      case 'readings':
        this.ingest(input.readings, at, result);
        break;
      case 'acknowledge':
      case 'note': {
        const episode = this.state.episodes.get(input.episode);
        if (!episode) {
          result.refused = 'unknown-episode';
          break;
        }
        if (!this.knows(episode.node, episode.indicator) || !this.policy.hierarchy.has(episode.state.holder)) {
          result.episode = episode;
          result.refused = 'not-in-policy';
          break;
        }
        const event = input.type === 'acknowledge'
          ? { type: 'acknowledge' as const, at, by: input.by, note: input.note }
          : { type: 'note' as const, at, by: input.by, note: input.note };
        const outcome = runEpisodeEvent(this.context(effects), episode, event);
        result.episode = outcome.episode;
        if (!outcome.changed) result.refused = outcome.reason;
        break;
      }
    }
    return result;
  }

  /**
   * Apply what fell due before `now`, each stamped at its own due time, in order. A window includes its
   * last instant: an input at exactly a deadline is applied before the deadline, live and in replay alike.
   */
  advance(now: number): Effect[] {
    const effects: Effect[] = [];
    const context = this.context(effects);
    for (let timer = this.state.timers.peek(); timer && timer.due < now; timer = this.state.timers.peek()) {
      this.state.timers.pop();
      this.state.now = Math.max(this.state.now, timer.due);
      if (timer.kind === 'deadline') {
        const episode = this.state.episodes.get(timer.ref);
        if (episode?.state.status === 'open' && episode.state.deadline === timer.due && this.knows(episode.node, episode.indicator)) {
          runEpisodeEvent(context, episode, { type: 'deadline', at: timer.due });
        }
      } else {
        const series = this.state.series.get(timer.ref);
        if (series && timer.period !== undefined && this.knows(series.node, series.indicator)) this.refreshUpward(context, series.node, series.indicator, timer.period, timer.due);
      }
    }
    this.state.now = Math.max(this.state.now, now);
    return effects;
  }

  /** Whether the policy in force still has this node and indicator (a new configuration may have dropped them). */
  knows(node: string, indicator: string): boolean {
    return this.policy.hierarchy.has(node) && this.policy.indicators.has(indicator);
  }

  private context(effects: Effect[]): JudgeContext {
    return { state: this.state, policy: this.policy, effects };
  }

  private ingest(readings: readonly Reading[], at: number, result: StepResult): void {
    const context = this.context(result.effects);
    const changed: Array<[string, string, number]> = [];
    for (const reading of readings) {
      const rule = this.policy.indicator(reading.indicator);
      const ts = fromIso(reading.ts);
      const period = periodStart(ts, rule.periodMs);
      const series = seriesOf(this.state, reading.unit, reading.indicator);
      const existing = series.points.get(period);
      // A repeat changes nothing; nor does a delayed retry of a reading older than the one the period has.
      if (existing?.ts !== undefined && (ts < existing.ts || (ts === existing.ts && existing.value === reading.value))) {
        result.duplicates++;
        continue;
      }
      result.accepted++;
      this.setPoint(context, series.node, series.indicator, period, { value: reading.value, coverage: 1, final: true, ts });
      changed.push([reading.unit, reading.indicator, period]);
    }
    for (const [unit, indicator, period] of changed) {
      for (const ratio of this.policy.dependents.get(indicator) ?? []) {
        const point = unitRatioPoint(this.state, this.policy, unit, ratio, period);
        if (point) this.setPoint(context, unit, ratio, period, point);
      }
    }
    this.judgeAndAggregate(context, changed, at);
  }

  /** Judge the changed unit series, then recompute and judge their ancestors, level by level from the bottom. */
  private judgeAndAggregate(context: JudgeContext, changed: ReadonlyArray<[string, string, number]>, at: number): void {
    let layer = new Map<string, [string, string, number]>();
    const withRatios = (node: string, indicator: string, period: number) => {
      layer.set(`${seriesKey(node, indicator)}@${period}`, [node, indicator, period]);
      for (const ratio of this.policy.dependents.get(indicator) ?? []) layer.set(`${seriesKey(node, ratio)}@${period}`, [node, ratio, period]);
    };
    for (const [unit, indicator, period] of changed) withRatios(unit, indicator, period);
    while (layer.size > 0) {
      const next = new Map<string, [string, string, number]>();
      // Raw indicators before ratios, so a parent's ratio sees its parts already summed.
      const ordered = [...layer.values()].sort((a, b) => Number(this.policy.indicator(a[1]).ratio !== null) - Number(this.policy.indicator(b[1]).ratio !== null));
      for (const [node, indicator, period] of ordered) {
        if (!this.policy.hierarchy.isUnit(node)) {
          const point = parentPoint(this.state, this.policy, node, indicator, period, at);
          if (!point || !this.setPoint(context, node, indicator, period, point)) continue;
        }
        judgeAfterChange(context, seriesOf(this.state, node, indicator), period, at);
        const parent = this.policy.hierarchy.parent(node);
        if (parent !== null) next.set(`${seriesKey(parent, indicator)}@${period}`, [parent, indicator, period]);
      }
      layer = next;
    }
  }

  /** A period's grace has passed for one parent series: make it final, judge it, and carry the change up. */
  private refreshUpward(context: JudgeContext, node: string, indicator: string, period: number, at: number): void {
    const point = parentPoint(this.state, this.policy, node, indicator, period, at);
    if (!point) return;
    const series = seriesOf(this.state, node, indicator);
    if (this.setPoint(context, node, indicator, period, point)) judgeAfterChange(context, series, period, at);
    else judgePending(context, series, at);
    const parent = this.policy.hierarchy.parent(node);
    if (parent !== null) this.refreshUpward(context, parent, indicator, period, at);
  }

  /** Store a point; returns false when nothing changed. A new provisional parent point gets a grace timer. */
  private setPoint(context: JudgeContext, node: string, indicator: string, period: number, point: Point): boolean {
    const series = seriesOf(this.state, node, indicator);
    const previous = series.points.get(period);
    if (samePoint(previous, point)) return false;
    series.points.set(period, point);
    if (series.latestPeriod === null || period > series.latestPeriod) series.latestPeriod = period;
    trimHistory(series);
    if (!point.final && !previous) {
      const rule = this.policy.indicator(indicator);
      addTimer(this.state, { due: period + rule.periodMs + rule.graceMs, kind: 'grace', ref: seriesKey(node, indicator), period });
    }
    context.effects.push({ type: 'value', node, indicator, period, point });
    return true;
  }
}
