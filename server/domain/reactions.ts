import type { Direction, Severity } from '../../shared/api';
import type { Finding } from './detectors/types';
import type { Effect } from './effects';
import { openingCause } from './episodes/cause';
import { decide } from './episodes/decide';
import type { Decision, EpisodeEvent, EpisodeRecord, InhibitedBreach, TransitionReason } from './episodes/episode';
import { inhibition, type OpenBelow } from './episodes/inhibition';
import { openEpisode, type OpenRequest } from './episodes/open';
import { revision, type Rejudged } from './episodes/revision';
import { episodeId, indicatorId, instant, nodeId, type EpisodeId } from './ids';
import type { Judgement } from './judge';
import { rulesFor } from './episode-rules';
import { addTimer, episodeKey, indexEpisode, keysOf, problemKey, seriesKey, type EngineState, type HeldBack, type SeriesState, type Verdict } from './state';

const DIRECTIONS = ['pain', 'pleasure'] as const satisfies readonly Direction[];

/** Store what a decision changed, keep the indexes and timers, and say so. */
function commit(state: EngineState, before: EpisodeRecord | null, decision: Pick<Decision, 'next' | 'nextDeadline'>, change: 'opened' | TransitionReason, at: number): Effect[] {
  const after = decision.next;
  state.episodes.set(after.id, after);
  indexEpisode(state, after);
  const previous = before?.state.status === 'open' ? before.state.deadline : null;
  if (decision.nextDeadline !== null && decision.nextDeadline !== previous) addTimer(state, { due: decision.nextDeadline, kind: 'deadline', ref: after.id });
  if (before?.state.status === 'open' && after.state.status === 'resolved') {
    for (const breach of after.inhibits) state.release.add(episodeKey(breach.node, after.indicator, after.direction));
  }
  return [{ type: 'episode', change, at, episode: after }];
}

export function runEvent(state: EngineState, episode: EpisodeRecord, event: EpisodeEvent, at: number): { decision: Decision; effects: Effect[] } {
  const decision = decide(episode, event, instant(at), rulesFor(state, episode));
  return { decision, effects: decision.changed ? commit(state, episode, decision, decision.reason, at) : [] };
}

function open(state: EngineState, request: Omit<OpenRequest, 'id' | 'policyVersion'>, keyDirection: Direction | 'no-report', at: number): Effect[] {
  const full: OpenRequest = { ...request, id: episodeId(`E${++state.episodeSeq}`), policyVersion: state.policy.version };
  const opened = openEpisode(full, instant(at), rulesFor(state, full));
  state.latestEpisode.set(episodeKey(request.node, request.indicator, keyDirection), opened.id);
  const deadline = opened.state.status === 'open' ? opened.state.deadline : null;
  return commit(state, null, { next: opened, nextDeadline: deadline }, 'opened', at);
}

const latestOf = (state: EngineState, node: string, indicator: string, direction: Direction | 'no-report'): EpisodeRecord | undefined => {
  const id = state.latestEpisode.get(episodeKey(node, indicator, direction));
  return id === undefined ? undefined : state.episodes.get(id);
};

/** latestOf for a series' own detector episodes, by the keys it keeps (no key string built per call). */
const latestOfSeries = (state: EngineState, series: SeriesState, direction: Direction): EpisodeRecord | undefined => {
  const id = state.latestEpisode.get(keysOf(series)[direction]);
  return id === undefined ? undefined : state.episodes.get(id);
};

const episodeNumber = (id: string): number => Number(id.slice(1));

/** Open detector episodes on (indicator, direction) that arose strictly below `node`. */
function openBelow(state: EngineState, node: string, indicator: string, direction: Direction): OpenBelow[] {
  const { hierarchy } = state.policy;
  const out: OpenBelow[] = [];
  for (const id of state.openByProblem.get(problemKey(indicator, direction)) ?? []) {
    const episode = state.episodes.get(id)!;
    if (episode.node !== node && hierarchy.has(episode.node) && hierarchy.inSubtree(episode.node, node)) out.push({ id: episode.id, severity: episode.severity });
  }
  // In the order they opened, whatever order the index was rebuilt in (a restart must give the same lists).
  return out.sort((a, b) => episodeNumber(a.id) - episodeNumber(b.id));
}

/** The series' latest verdict or a re-run of older periods: open, hold back, raise, revise or resolve its episodes. */
export function reactToJudgement(state: EngineState, series: SeriesState, judgement: Judgement, at: number): Effect[] {
  const effects: Effect[] = [];
  const latest = series.verdicts[series.verdicts.length - 1];
  for (const direction of DIRECTIONS) {
    let justOpened = false;
    if (judgement.type === 'rejudged') {
      const episode = latestOfSeries(state, series, direction);
      const openEpisodeNow = episode?.state.status === 'open' ? episode : null;
      const rejudged: Rejudged[] = judgement.verdicts.map((verdict) => ({ period: verdict.period, now: verdict[direction], before: judgement.before.get(verdict.period)?.[direction] ?? null }));
      const decision = revision(openEpisodeNow, judgement.from, rejudged);
      if (decision.action === 'revise') {
        effects.push(...runEvent(state, openEpisodeNow!, { type: 'revise', period: instant(judgement.from) }, at).effects);
        continue;
      }
      if (decision.action === 'open') {
        effects.push(...onFinding(state, series, direction, decision.finding, decision.period, at));
        justOpened = true;
      }
    }
    if (!latest || justOpened) continue;
    const finding = latest[direction];
    const key = keysOf(series)[direction];
    if (!finding && !state.latestEpisode.has(key) && !state.heldBack.has(key)) continue; // normal, and nothing to settle
    if (finding) effects.push(...onFinding(state, series, direction, finding, latest.period, at));
    else effects.push(...onNormal(state, series, direction, at));
  }
  return effects;
}

function onFinding(state: EngineState, series: SeriesState, direction: Direction, finding: Finding, period: number, at: number): Effect[] {
  const { node, indicator } = series;
  const rule = state.policy.indicator(indicator);
  const latest = latestOfSeries(state, series, direction);
  const reopenable = latest?.state.status === 'resolved' && at - latest.state.resolvedAt <= rule.reopenWithinMs;
  if (latest && (latest.state.status === 'open' || reopenable)) return runEvent(state, latest, { type: 'exception', severity: finding.severity }, at).effects;
  const key = keysOf(series)[direction];
  const point = series.points.get(period);
  const value = point?.value ?? null;
  const decision = inhibition(finding.severity, openBelow(state, node, indicator, direction));
  const held = state.heldBack.get(key);
  if (decision.decision === 'inhibit') {
    const next: HeldBack = held ?? { node: nodeId(node), indicator, direction, severity: finding.severity, value, period, since: instant(at), by: [] };
    return holdBack(state, key, next, decision.by, finding.severity, value, period, at);
  }
  const effects = held ? dropHeldBack(state, key, held, at) : [];
  effects.push(...open(state, {
    node: nodeId(node), indicator: indicatorId(indicator), kind: finding.kind, direction, severity: finding.severity,
    period: instant(period), value, coverage: point?.coverage, cause: causeOf(state, node, indicator, finding), inhibitedBy: held?.by,
  }, direction, at));
  return effects;
}

function onNormal(state: EngineState, series: SeriesState, direction: Direction, at: number): Effect[] {
  const rule = state.policy.indicator(series.indicator);
  let normal = 0;
  for (let i = series.verdicts.length - 1; i >= 0 && series.verdicts[i]![direction] === null; i--) normal++;
  if (normal < rule.clearAfter) return [];
  const key = keysOf(series)[direction];
  const held = state.heldBack.get(key);
  const effects = held ? dropHeldBack(state, key, held, at) : [];
  const latest = latestOfSeries(state, series, direction);
  if (latest?.state.status === 'open') effects.push(...runEvent(state, latest, { type: 'clear' }, at).effects);
  return effects;
}

/**
 * Record (or update) a node's breach as held back by `by`: each of those episodes lists it with the
 * latest figure; an episode no longer holding it back (it is less severe than the breach now) lets it go.
 */
function holdBack(state: EngineState, key: string, held: HeldBack, by: readonly EpisodeId[], severity: Severity, value: number | null, period: number, at: number): Effect[] {
  const dropped = held.by.filter((id) => !by.includes(id));
  const next: HeldBack = { ...held, severity, value, period, by: [...by] };
  state.heldBack.set(key, next);
  const breach: InhibitedBreach = { node: next.node, severity, value, period: instant(period), since: next.since };
  const effects = by.flatMap((id) => runEvent(state, state.episodes.get(id)!, { type: 'inhibit', breach }, at).effects);
  for (const id of dropped) {
    const episode = state.episodes.get(id);
    if (episode) effects.push(...runEvent(state, episode, { type: 'release', node: next.node }, at).effects);
  }
  return effects;
}

/** The node's own figure is back in (or opens on its own): the episodes below no longer carry it. */
function dropHeldBack(state: EngineState, key: string, held: HeldBack, at: number): Effect[] {
  state.heldBack.delete(key);
  return held.by.flatMap((id) => {
    const episode = state.episodes.get(id);
    return episode ? runEvent(state, episode, { type: 'release', node: held.node }, at).effects : [];
  });
}

/**
 * Once a step is done: a held-back breach whose episodes below have resolved, and whose own figure is
 * still out, opens its own episode now, with its own window. The problem has become systemic.
 */
export function releaseHeldBack(state: EngineState, at: number): Effect[] {
  const effects: Effect[] = [];
  const keys = [...state.release].sort();
  state.release.clear();
  for (const key of keys) {
    const held = state.heldBack.get(key);
    if (!held || !state.policy.hierarchy.has(held.node) || !state.policy.indicators.has(held.indicator)) continue;
    const decision = inhibition(held.severity, openBelow(state, held.node, held.indicator, held.direction));
    if (decision.decision === 'inhibit') {
      effects.push(...holdBack(state, key, held, decision.by, held.severity, held.value, held.period, at));
      continue;
    }
    if (!stillOut(state, held)) continue; // a newer figure is on its way or already back in: its verdict decides
    state.heldBack.delete(key);
    const finding = latestFinding(state, held);
    effects.push(...open(state, {
      node: held.node, indicator: indicatorId(held.indicator), kind: finding?.kind ?? 'threshold', direction: held.direction, severity: held.severity,
      period: instant(held.period), value: held.value, coverage: state.series.get(seriesKey(held.node, held.indicator))?.points.get(held.period)?.coverage,
      cause: finding ? causeOf(state, held.node, held.indicator, finding) : null, inhibitedBy: held.by,
    }, held.direction, at));
  }
  return effects;
}

/** The node's latest figure is judged (none newer is waiting to be) and still out in that direction. */
function stillOut(state: EngineState, held: HeldBack): boolean {
  const series = state.series.get(seriesKey(held.node, held.indicator));
  const verdict = series?.verdicts[series.verdicts.length - 1];
  return series !== undefined && series.pending.length === 0 && verdict?.[held.direction] != null;
}

function latestFinding(state: EngineState, held: HeldBack): Finding | null {
  const series = state.series.get(seriesKey(held.node, held.indicator));
  const verdict: Verdict | undefined = series?.verdicts[series.verdicts.length - 1];
  return verdict?.[held.direction] ?? null;
}

/** What the finding was measured against, with the thresholds of the node's own level. */
const causeOf = (state: EngineState, node: string, indicator: string, finding: Finding) =>
  openingCause(finding, state.policy.thresholds(indicator, state.policy.hierarchy.node(node).level));

/** A unit stayed silent past a period's grace: a missing report, held by the unit with the normal window. */
export function missingReport(state: EngineState, unit: string, indicator: string, period: number, at: number): Effect[] {
  const latest = latestOf(state, unit, indicator, 'no-report');
  const rule = state.policy.indicator(indicator);
  if (latest?.state.status === 'open') return [];
  const effects = latest?.state.status === 'resolved' && at - latest.state.resolvedAt <= rule.reopenWithinMs
    ? runEvent(state, latest, { type: 'exception', severity: 'alert' satisfies Severity }, at).effects
    : open(state, { node: nodeId(unit), indicator: indicatorId(indicator), kind: 'no-report', direction: 'pain', severity: 'alert', period: instant(period), value: null }, 'no-report', at);
  armClosure(state, state.episodes.get(state.latestEpisode.get(episodeKey(unit, indicator, 'no-report'))!)!, at);
  return effects;
}

/** A unit that closes is not expected to report after that: its open missing report ends then (checked again when due). */
export function armClosure(state: EngineState, episode: EpisodeRecord, at: number): void {
  const closedAt = state.policy.closedAt.get(episode.node);
  if (episode.kind === 'no-report' && episode.state.status === 'open' && closedAt !== undefined) addTimer(state, { due: Math.max(closedAt, at), kind: 'closure', ref: episode.id });
}

/** A reading for the missing period or later resolves the unit's missing report. */
export function reportArrived(state: EngineState, unit: string, indicator: string, period: number, at: number): Effect[] {
  const latest = latestOf(state, unit, indicator, 'no-report');
  if (latest?.state.status !== 'open' || period < latest.period) return [];
  return runEvent(state, latest, { type: 'reported' }, at).effects;
}

