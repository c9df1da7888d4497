import type { Direction } from '../../shared/api';
import type { EpisodeContext, EpisodeEvent, EpisodeRecord, TransitionReason } from './episodes/episode';
import { openEpisode } from './episodes/open';
import { transition } from './episodes/transition';
import type { Effect } from './effects';
import type { Policy } from './policy';
import { addTimer, episodeKey, type EngineState, type SeriesState } from './state';

interface RuleContext {
  state: EngineState;
  policy: Policy;
  effects: Effect[];
}

export function episodeContext(policy: Policy, indicator: string): EpisodeContext {
  const { hierarchy } = policy;
  const rule = policy.indicator(indicator);
  return {
    parentOf: (node) => hierarchy.parent(node),
    levelOf: (node) => hierarchy.node(node).level,
    ancestorsOf: (node) => hierarchy.ancestors(node),
    allowanceMs: (level) => policy.allowanceMs(indicator, level),
    crisisHolder: (node) => (rule.bypassTo && hierarchy.ancestorOnLevel(node, rule.bypassTo)) || hierarchy.parent(node) || node,
  };
}

/** Record a changed episode, tell the adapters, and set its next deadline. */
export function commitEpisode(context: RuleContext, before: EpisodeRecord | null, after: EpisodeRecord, change: 'opened' | TransitionReason, at: number): void {
  context.state.episodes.set(after.id, after);
  context.effects.push({ type: 'episode', change, at, episode: after });
  const deadline = after.state.status === 'open' ? after.state.deadline : null;
  const previous = before?.state.status === 'open' ? before.state.deadline : null;
  if (deadline !== null && deadline !== previous) addTimer(context.state, { due: deadline, kind: 'deadline', ref: after.id });
}

export function runEpisodeEvent(context: RuleContext, episode: EpisodeRecord, event: EpisodeEvent): { episode: EpisodeRecord; changed: boolean; reason: TransitionReason } {
  const result = transition(episode, event, episodeContext(context.policy, episode.indicator));
  if (result.changed) commitEpisode(context, episode, result.episode, result.reason, event.at);
  return result;
}

/** Open, raise, reopen or resolve the series' episodes from its latest verdict. */
export function applyVerdict(context: RuleContext, series: SeriesState, at: number): void {
  const verdict = series.verdicts[series.verdicts.length - 1];
  if (!verdict) return;
  const rule = context.policy.indicator(series.indicator);
  for (const direction of ['pain', 'pleasure'] as const satisfies readonly Direction[]) {
    const finding = verdict[direction];
    const key = episodeKey(series.node, series.indicator, direction);
    const latestId = context.state.latestEpisode.get(key);
    const latest = latestId === undefined ? undefined : context.state.episodes.get(latestId);
    if (finding) {
      const reopenable = latest?.state.status === 'resolved' && at - latest.state.resolvedAt <= rule.reopenWithinMs;
      if (latest && (latest.state.status === 'open' || reopenable)) {
        runEpisodeEvent(context, latest, { type: 'exception', at, severity: finding.severity });
        continue;
      }
      const id = `E${++context.state.episodeSeq}`;
      const opened = openEpisode(
        { id, node: series.node, indicator: series.indicator, finding, at, policyVersion: context.policy.version },
        episodeContext(context.policy, series.indicator),
      );
      context.state.latestEpisode.set(key, id);
      commitEpisode(context, null, opened, 'opened', at);
    } else if (latest?.state.status === 'open') {
      let normal = 0;
      for (let i = series.verdicts.length - 1; i >= 0 && series.verdicts[i]![direction] === null; i--) normal++;
      if (normal >= rule.clearAfter) runEpisodeEvent(context, latest, { type: 'clear', at });
    }
  }
}
