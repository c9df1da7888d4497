import type { Severity } from '../../../shared/api';
import { instant, type Instant, type NodeId } from '../ids';
import { noteRoom } from './notes';
import type { Decision, EpisodeEvent, EpisodePathEntry, EpisodeRecord, EpisodeRules, InhibitedBreach, ResolvedReason, TransitionReason } from './episode';

const deadlineOf = (episode: EpisodeRecord): Instant | null => (episode.state.status === 'open' ? episode.state.deadline : null);
const same = (episode: EpisodeRecord, reason: TransitionReason): Decision => ({ next: episode, changed: false, reason, nextDeadline: deadlineOf(episode) });
const changed = (episode: EpisodeRecord, reason: TransitionReason): Decision => ({ next: episode, changed: true, reason, nextDeadline: deadlineOf(episode) });
const withPath = (episode: EpisodeRecord, ...entries: EpisodePathEntry[]): EpisodePathEntry[] => [...episode.path, ...entries];
const addReached = (reached: readonly NodeId[], ...nodes: readonly NodeId[]): NodeId[] => [...reached, ...nodes.filter((node) => !reached.includes(node))];

/**
 * The one home of an episode's lifecycle: one event at engine time `now` → the next record, the named
 * reason, and when its next deadline falls. Pure: never mutates the record it is given.
 */
export function decide(episode: EpisodeRecord, event: EpisodeEvent, now: Instant, rules: EpisodeRules): Decision {
  const { state } = episode;
  switch (event.type) {
    case 'deadline':
      if (state.status !== 'open') return same(episode, 'not-open');
      if (episode.direction === 'pleasure') return same(episode, 'bright-spot-has-no-window');
      if (state.deadline === null || now < state.deadline) return same(episode, 'not-due');
      // Stamped at the deadline itself, however late the clock arrives.
      return escalate(episode, state.holder, state.deadline, 'deadline', rules);

    case 'exception': {
      const raised = raiseSeverity(episode, event.severity, now);
      if (state.status === 'resolved') {
        const reopened: EpisodeRecord = {
          ...raised,
          // A window that ran out while resolved is due at once on reopening.
          state: { status: 'open', holder: state.holder, deadline: state.deadline === null ? null : instant(Math.max(state.deadline, now)), overdue: state.overdue },
          path: withPath(raised, { type: 'reopened', at: now, holder: state.holder }),
        };
        return crisisBypass(reopened, now, rules, 'reopened-within-window');
      }
      if (raised === episode) return same(episode, 'still-in-exception');
      return crisisBypass(raised, now, rules, 'severity-raised');
    }

    case 'clear':
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(resolve(episode, now, rules, 'back-to-normal'), 'back-to-normal');

    case 'revise':
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(resolve({ ...episode, path: withPath(episode, { type: 'revised', at: now, period: event.period }) }, now, rules, 'revised'), 'revised');

    case 'reported':
      if (episode.kind !== 'no-report') return same(episode, 'not-a-missing-report');
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(resolve(episode, now, rules, 'reported'), 'reported');

    case 'closed':
      if (episode.kind !== 'no-report') return same(episode, 'not-a-missing-report');
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed(resolve(episode, now, rules, 'unit-closed'), 'unit-closed');

    case 'inhibit': {
      if (state.status !== 'open') return same(episode, 'not-open');
      const known = episode.inhibits.find((breach) => breach.node === event.breach.node);
      const sameFigure = known && known.severity === event.breach.severity && known.period === event.breach.period && known.value === event.breach.value;
      if (sameFigure) return same(episode, 'breach-already-recorded');
      const kept = episode.inhibits.filter((breach) => breach.node !== event.breach.node);
      const breach: InhibitedBreach = known ? { ...event.breach, since: known.since } : event.breach;
      return changed({ ...episode, inhibits: [...kept, breach] }, 'inhibits-breach');
    }

    case 'release':
      if (state.status !== 'open') return same(episode, 'not-open'); // a settled episode keeps what it held back, as history
      if (!episode.inhibits.some((breach) => breach.node === event.node)) return same(episode, 'breach-not-recorded');
      return changed({ ...episode, inhibits: episode.inhibits.filter((breach) => breach.node !== event.node) }, 'breach-released');

    case 'acknowledge':
      if (state.status !== 'open') return same(episode, 'not-open');
      return changed({ ...episode, acknowledgedBy: event.by, path: withPath(episode, { type: 'acknowledged', at: now, by: event.by, note: event.note }) }, 'acknowledged');

    case 'note':
      if (!noteRoom(episode.path).room) return same(episode, 'notes-full');
      return changed({ ...episode, path: withPath(episode, { type: 'note', at: now, by: event.by, note: event.note }) }, 'noted');
  }
}

function resolve(episode: EpisodeRecord, now: Instant, rules: EpisodeRules, reason: ResolvedReason): EpisodeRecord {
  const { state } = episode;
  const level = rules.levelOf(state.holder);
  return {
    ...episode,
    state: { status: 'resolved', holder: state.holder, resolvedAt: now, resolvedLevel: level, deadline: state.deadline, overdue: state.overdue },
    path: withPath(episode, { type: 'resolved', at: now, level, reason }),
  };
}

function raiseSeverity(episode: EpisodeRecord, severity: Severity, now: Instant): EpisodeRecord {
  if (severity !== 'crisis' || episode.severity === 'crisis') return episode;
  return { ...episode, severity: 'crisis', path: withPath(episode, { type: 'severity', at: now, severity: 'crisis' }) };
}

/** The holder passes the episode to `to` (the parent by default), stamped at `at`. */
function escalate(episode: EpisodeRecord, from: NodeId, at: Instant, reason: 'deadline' | 'crisis', rules: EpisodeRules, to: NodeId | null = rules.parentOf(from)): Decision {
  if (to === null) return changed({ ...episode, state: { status: 'open', holder: from, deadline: null, overdue: true } }, 'reached-the-top');
  const allowance = rules.allowanceMs(rules.levelOf(to));
  return changed(
    {
      ...episode,
      state: { status: 'open', holder: to, deadline: allowance === null ? null : instant(at + allowance), overdue: allowance === null },
      reached: addReached(episode.reached, to),
      path: withPath(episode, { type: 'escalated', at, from, to, reason }),
    },
    reason === 'deadline' ? 'allowance-ran-out' : 'crisis-skips-local-window',
  );
}

/** A pain episode that has become a crisis skips the rest of the local window, and every ancestor is told. */
function crisisBypass(episode: EpisodeRecord, now: Instant, rules: EpisodeRules, otherwise: TransitionReason): Decision {
  if (episode.severity !== 'crisis' || episode.direction !== 'pain' || episode.state.status !== 'open') return changed(episode, otherwise);
  const holder = episode.state.holder;
  const target = rules.crisisHolder(episode.node);
  const told = { ...episode, reached: addReached(episode.reached, ...rules.ancestorsOf(episode.node)) };
  if (!rules.ancestorsOf(holder).includes(target)) return changed(told, otherwise);
  return escalate(told, holder, now, 'crisis', rules, target);
}
