import type { Severity } from '../../../shared/api';
import type { EpisodeContext, EpisodeEvent, EpisodeRecord, EpisodePathEntry, TransitionReason, TransitionResult } from './episode';

const same = (episode: EpisodeRecord, reason: TransitionReason): TransitionResult => ({ episode, changed: false, reason });
const changed = (episode: EpisodeRecord, reason: TransitionReason): TransitionResult => ({ episode, changed: true, reason });
const withPath = (episode: EpisodeRecord, ...entries: EpisodePathEntry[]): EpisodePathEntry[] => [...episode.path, ...entries];
const addReached = (reached: readonly string[], ...nodes: readonly string[]): string[] =>
  [...reached, ...nodes.filter((node) => !reached.includes(node))];

/** The one state machine of an episode. Pure: returns a new record, never mutates the old one. */
export function transition(episode: EpisodeRecord, event: EpisodeEvent, context: EpisodeContext): TransitionResult {
  const { state } = episode;
  switch (event.type) {
    case 'deadline':
      if (state.status !== 'open') return same(episode, 'not-open');
      if (episode.direction === 'pleasure') return same(episode, 'bright-spot-has-no-window');
      if (state.deadline === null || event.at < state.deadline) return same(episode, 'not-due');
      return escalate(episode, state.holder, state.deadline, 'deadline', context);

    case 'exception': {
      const raised = raiseSeverity(episode, event.severity, event.at);
      if (state.status === 'resolved') {
        const reopened: EpisodeRecord = {
          ...raised,
          // A window that ran out while resolved is due at once on reopening.
          state: { status: 'open', holder: state.holder, deadline: state.deadline === null ? null : Math.max(state.deadline, event.at), overdue: state.overdue },
          path: withPath(raised, { type: 'reopened', at: event.at, holder: state.holder }),
        };
        return crisisBypass(reopened, event.at, context, 'reopened-within-window');
      }
      if (raised === episode) return same(episode, 'still-in-exception');
      return crisisBypass(raised, event.at, context, 'severity-raised');
    }

    case 'clear':
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(
        {
          ...episode,
          state: { status: 'resolved', holder: state.holder, resolvedAt: event.at, resolvedLevel: context.levelOf(state.holder), deadline: state.deadline, overdue: state.overdue },
          path: withPath(episode, { type: 'resolved', at: event.at, level: context.levelOf(state.holder) }),
        },
        'back-to-normal',
      );

    case 'acknowledge':
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(
        { ...episode, acknowledgedBy: event.by, path: withPath(episode, { type: 'acknowledged', at: event.at, by: event.by, note: event.note }) },
        'acknowledged',
      );

    case 'note':
      return changed({ ...episode, path: withPath(episode, { type: 'note', at: event.at, by: event.by, note: event.note }) }, 'noted');
  }
}

function raiseSeverity(episode: EpisodeRecord, severity: Severity, at: number): EpisodeRecord {
  if (severity !== 'crisis' || episode.severity === 'crisis') return episode;
  return { ...episode, severity: 'crisis', path: withPath(episode, { type: 'severity', at, severity: 'crisis' }) };
}

/** The holder passes the episode to `to` (the parent by default), stamped at `at`. */
function escalate(
  episode: EpisodeRecord,
  from: string,
  at: number,
  reason: 'deadline' | 'crisis',
  context: EpisodeContext,
  to: string | null = context.parentOf(from),
): TransitionResult {
  if (to === null) {
    return changed({ ...episode, state: { status: 'open', holder: from, deadline: null, overdue: true } }, 'reached-the-top');
  }
  const allowance = context.allowanceMs(context.levelOf(to));
  return changed(
    {
      ...episode,
      state: { status: 'open', holder: to, deadline: allowance === null ? null : at + allowance, overdue: allowance === null },
      reached: addReached(episode.reached, to),
      path: withPath(episode, { type: 'escalated', at, from, to, reason }),
    },
    reason === 'deadline' ? 'allowance-ran-out' : 'crisis-skips-local-window',
  );
}

/** A pain episode that has become a crisis skips the rest of the local window, and every ancestor is told. */
function crisisBypass(episode: EpisodeRecord, at: number, context: EpisodeContext, otherwise: TransitionReason): TransitionResult {
  if (episode.severity !== 'crisis' || episode.direction !== 'pain' || episode.state.status !== 'open') return changed(episode, otherwise);
  const holder = episode.state.holder;
  const target = context.crisisHolder(episode.node);
  const told = { ...episode, reached: addReached(episode.reached, ...context.ancestorsOf(episode.node)) };
  if (!context.ancestorsOf(holder).includes(target)) return changed(told, otherwise);
  return escalate(told, holder, at, 'crisis', context, target);
}
