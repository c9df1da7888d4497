import type { DataQualityFinding, DataQualityView, Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from './effects';
import type { EpisodeRecord, TransitionReason } from './episodes/episode';
import { silence } from './episodes/no-report';
import { keepVersion, type PinnedUse } from './episodes/pinning';
import { armSilence, ingest, refreshUpward } from './ingest';
import { Policy } from './policy';
import { armClosure, missingReport, releaseHeldBack, runEvent } from './reactions';
import { TimerHeap } from './heap';
import { fromIso, toIso } from './time';
import { addTimer, type EngineState, type SeriesState } from './state';

/** Everything that can change the engine. Each is logged with the engine time it was applied at. */
export type EngineInput =
  | { type: 'policy'; config: Config }
  /** The scheduler applied what fell due: logged so that a restart does not apply (and log) it again. */
  | { type: 'tick' }
  | { type: 'readings'; readings: Reading[] }
  | { type: 'acknowledge'; episode: string; by: string; note: string | null }
  | { type: 'note'; episode: string; by: string; note: string }
  /** Published totals that differ from opsroom's sums: kept beside them, never in place of them. */
  | { type: 'findings'; findings: DataQualityFinding[] };

export interface StepResult {
  state: EngineState;
  effects: Effect[];
  accepted: number;
  duplicates: number;
  stale: number;
  /** For acknowledge and note: the episode after the step, or why nothing changed. */
  episode?: EpisodeRecord;
  refused?: 'unknown-episode' | 'not-in-policy' | TransitionReason;
}

/** Whether the policy in force still has this node and indicator (a new configuration may have dropped them). */
export const knows = (state: EngineState, node: string, indicator: string): boolean =>
  state.policy.hierarchy.has(node) && state.policy.indicators.has(indicator);

/**
 * The deterministic core: one input at `now` → the next state and the effects for the adapters. What
 * fell due before `now` is applied first (`advance`). The state is owned by the caller and updated in
 * place for speed (a winter holds millions of points); nothing else holds it, so this is the same as
 * returning a new one. It never reads a clock or does I/O: live running, restart and replay agree.
 */
export function step(state: EngineState, input: EngineInput, now: number): StepResult {
  const effects = advance(state, now);
  const result: StepResult = { state, effects, accepted: 0, duplicates: 0, stale: 0 };
  const at = state.now;
  switch (input.type) {
    case 'policy':
      changePolicy(state, input.config);
      break;
    case 'tick':
      break;
    case 'findings':
      for (const finding of input.findings) effects.push({ type: 'finding', finding: recordFinding(state, finding) });
      result.accepted = input.findings.length;
      break;
    case 'readings': {
      const ingested = ingest(state, input.readings, at);
      effects.push(...ingested.effects);
      Object.assign(result, ingested.counts);
      break;
    }
    case 'acknowledge':
    case 'note': {
      const episode = state.episodes.get(input.episode);
      if (!episode) {
        result.refused = 'unknown-episode';
        break;
      }
      if (!knows(state, episode.node, episode.indicator) || !state.policy.hierarchy.has(episode.state.holder)) {
        result.episode = episode;
        result.refused = 'not-in-policy';
        break;
      }
      const event = input.type === 'acknowledge' ? { type: 'acknowledge' as const, by: input.by, note: input.note } : { type: 'note' as const, by: input.by, note: input.note };
      const outcome = runEvent(state, episode, event, at);
      effects.push(...outcome.effects);
      result.episode = outcome.decision.next;
      if (!outcome.decision.changed) result.refused = outcome.decision.reason;
      break;
    }
  }
  effects.push(...releaseHeldBack(state, at));
  return result;
}

/**
 * Apply what fell due before `now`, each stamped at its own due time, in order. A window includes its
 * last instant: an input at exactly a deadline is applied before the deadline, live and in replay alike.
 */
export function advance(state: EngineState, now: number): Effect[] {
  const effects: Effect[] = [];
  for (let timer = state.timers.peek(); timer && timer.due < now; timer = state.timers.peek()) {
    state.timers.pop();
    state.now = Math.max(state.now, timer.due);
    if (timer.kind === 'closure') {
      const episode = state.episodes.get(timer.ref);
      const closedAt = episode ? state.policy.closedAt.get(episode.node) : undefined;
      // Only if the unit is (still) closed by now: a newer configuration may have reopened it.
      if (episode?.state.status === 'open' && closedAt !== undefined && closedAt <= timer.due) effects.push(...runEvent(state, episode, { type: 'closed' }, timer.due).effects);
    } else if (timer.kind === 'deadline') {
      const episode = state.episodes.get(timer.ref);
      // Not while the configuration lacks its node or its holder (a parent it cannot name would read as the top):
      // the window stands as it is, and the policy that brings them back re-arms it (rearm).
      if (episode?.state.status === 'open' && episode.state.deadline === timer.due && knows(state, episode.node, episode.indicator) && state.policy.hierarchy.has(episode.state.holder)) {
        effects.push(...runEvent(state, episode, { type: 'deadline' }, timer.due).effects);
      }
    } else {
      const series = state.series.get(timer.ref);
      if (!series || timer.period === undefined || !knows(state, series.node, series.indicator)) continue;
      if (timer.kind === 'grace') effects.push(...refreshUpward(state, series.node, series.indicator, timer.period, timer.due));
      else if (series.silenceDue === timer.due) effects.push(...checkSilence(state, series, timer.period, timer.due));
    }
    effects.push(...releaseHeldBack(state, timer.due));
  }
  state.now = Math.max(state.now, now);
  return effects;
}

/** One finding per (node, indicator, period): a later one for the same period replaces it. */
function recordFinding(state: EngineState, finding: DataQualityFinding): DataQualityView {
  const period = state.policy.indicator(finding.indicator).clock.start(fromIso(finding.period));
  const stored = { ...finding, period: toIso(period) };
  state.dataQuality.set(`${finding.node}\u0000${finding.indicator}\u0000${period}`, stored);
  return { ...stored, difference: stored.summed - stored.published };
}

function checkSilence(state: EngineState, series: SeriesState, period: number, at: number): Effect[] {
  series.silenceDue = null;
  const rule = state.policy.indicator(series.indicator);
  const decision = silence({ latestPeriod: series.latestPeriod, period, noReportMs: rule.noReportMs, closedAt: state.policy.closedAt.get(series.node) ?? null });
  if (decision.reason === 'reported-since' && rule.noReportMs !== false) armSilence(state, series, rule);
  return decision.raise ? missingReport(state, series.node, series.indicator, period, at) : [];
}

/** A new policy version; the one before stays pinned while open episodes still run their windows under it. */
function changePolicy(state: EngineState, config: Config): void {
  const previous = state.policy;
  state.policy = new Policy(config, previous.version + 1);
  state.pinned.set(previous.version, previous);
  const uses: PinnedUse[] = [];
  for (const episode of state.episodes.values()) {
    const { status } = episode.state;
    const rule = (state.pinned.get(episode.policyVersion) ?? previous).indicators.get(episode.indicator);
    uses.push({ version: episode.policyVersion, status, resolvedAt: status === 'resolved' ? episode.state.resolvedAt : null, reopenWithinMs: rule?.reopenWithinMs ?? 0 });
  }
  for (const version of [...state.pinned.keys()]) if (!keepVersion(version, uses, state.now).keep) state.pinned.delete(version);
  rearm(state);
}

/**
 * After a change of policy: what it dropped is let go, and what it (still or again) has gets its timers
 * back, so a node or indicator removed and later restored is not left without its deadlines or silence checks.
 */
function rearm(state: EngineState): void {
  const { policy } = state;
  for (const [key, held] of state.heldBack) if (!knows(state, held.node, held.indicator)) state.heldBack.delete(key);
  // Grace timers stay; deadlines, closures and silence checks are made afresh (so they never pile up).
  const kept = state.timers.toJSON().filter((timer) => timer.kind === 'grace');
  state.timers = new TimerHeap();
  for (const timer of kept) state.timers.push(timer);
  for (const episode of state.episodes.values()) {
    if (episode.state.status !== 'open') continue;
    if (episode.state.deadline !== null) addTimer(state, { due: episode.state.deadline, kind: 'deadline', ref: episode.id });
    armClosure(state, episode, state.now);
  }
  for (const series of state.series.values()) {
    series.silenceDue = null;
    if (!knows(state, series.node, series.indicator) || !policy.hierarchy.isUnit(series.node) || series.latestPeriod === null) continue;
    const rule = policy.indicator(series.indicator);
    if (rule.noReportMs !== false) armSilence(state, series, rule);
  }
}
