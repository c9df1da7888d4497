import type { Direction, EpisodeKind, Severity } from '../../../shared/api';
import type { FindingCause } from '../detectors/types';
import type { EpisodeId, Instant, NodeId } from '../ids';

export type ResolvedReason = 'back-to-normal' | 'revised' | 'reported' | 'unit-closed';

export type EpisodePathEntry =
  | { type: 'opened'; at: Instant; holder: NodeId }
  | { type: 'escalated'; at: Instant; from: NodeId; to: NodeId; reason: 'deadline' | 'crisis' }
  | { type: 'acknowledged'; at: Instant; by: string; note: string | null }
  | { type: 'note'; at: Instant; by: string; note: string }
  | { type: 'severity'; at: Instant; severity: Severity }
  /** Late data or a correction re-ran the detectors from `period`. */
  | { type: 'revised'; at: Instant; period: Instant }
  | { type: 'resolved'; at: Instant; level: string; reason?: ResolvedReason }
  | { type: 'reopened'; at: Instant; holder: NodeId };

export type EpisodeState =
  | { status: 'open'; holder: NodeId; deadline: Instant | null; overdue: boolean }
  | {
      status: 'resolved';
      holder: NodeId;
      resolvedAt: Instant;
      resolvedLevel: string;
      /** The window's end as it stood when resolved: a reopening inherits it, so flapping never resets the clock. */
      deadline: Instant | null;
      overdue: boolean;
    };

/** An ancestor's own figure that is out on the same indicator and direction, held back by this episode. */
export interface InhibitedBreach {
  node: NodeId;
  severity: Severity;
  /** The ancestor's value for `period` when it was first recorded as out (or when its severity changed). */
  value: number | null;
  period: Instant;
  since: Instant;
}

/**
 * What the opening figure was measured against, kept as it was when the episode opened: the bounds
 * of the node's level for a threshold, what the detector expected or the rule that fired otherwise.
 */
export type OpeningCause =
  | { type: 'bound'; alert: number | null; crisis: number | null; clear: number | null }
  | { type: 'forecast'; expected: number; probability: number | null }
  | Extract<FindingCause, { type: 'spc' }>;

export interface EpisodeRecord {
  id: EpisodeId;
  node: NodeId;
  indicator: string;
  direction: Direction;
  kind: EpisodeKind;
  severity: Severity;
  /** The policy version whose windows this episode runs under until it resolves. */
  policyVersion: number;
  openedAt: Instant;
  /** The period whose figure opened it (earlier than openedAt when late data opened it). */
  period: Instant;
  /** The value that opened it (null for a missing report). */
  value: number | null;
  /** The coverage of that figure, and what it was measured against (absent from episodes recorded before these were kept). */
  coverage?: number;
  cause?: OpeningCause | null;
  acknowledgedBy: string | null;
  reached: NodeId[];
  /** Ancestors whose own figures are out too: one problem, so they start no clock of their own. */
  inhibits: InhibitedBreach[];
  /** The episodes below that held this node's breach back before it opened (it became systemic). */
  inhibitedBy: EpisodeId[];
  path: EpisodePathEntry[];
  state: EpisodeState;
}

export type EpisodeEvent =
  | { type: 'deadline' }
  | { type: 'exception'; severity: Severity }
  | { type: 'clear' }
  /** Re-judging late data found the cause gone. */
  | { type: 'revise'; period: Instant }
  /** A no-report episode: the unit reported. */
  | { type: 'reported' }
  /** A no-report episode: the unit closed or merged, so no report is expected any more. */
  | { type: 'closed' }
  | { type: 'inhibit'; breach: InhibitedBreach }
  | { type: 'release'; node: NodeId }
  | { type: 'acknowledge'; by: string; note: string | null }
  | { type: 'note'; by: string; note: string };

/** What deciding an episode needs to know of the tree and of the policy it is pinned to. */
export interface EpisodeRules {
  parentOf(node: NodeId): NodeId | null;
  levelOf(node: NodeId): string;
  ancestorsOf(node: NodeId): readonly NodeId[];
  /** The window a holder on `level` has under the episode's pinned policy; null at the top. */
  allowanceMs(level: string): number | null;
  /** Who holds a crisis that arose at `node` (bypassTo, default the parent). */
  crisisHolder(node: NodeId): NodeId;
}

export type TransitionReason =
  | 'allowance-ran-out'
  | 'reached-the-top'
  | 'crisis-skips-local-window'
  | 'severity-raised'
  | 'still-in-exception'
  | 'back-to-normal'
  | 'revised'
  | 'reported'
  | 'unit-closed'
  | 'reopened-within-window'
  | 'inhibits-breach'
  | 'breach-already-recorded'
  | 'breach-released'
  | 'breach-not-recorded'
  | 'acknowledged'
  | 'noted'
  | 'notes-full'
  | 'not-due'
  | 'not-open'
  | 'not-a-missing-report'
  | 'bright-spot-has-no-window';

export interface Decision {
  /** The episode after the event: the same object when nothing changed. */
  next: EpisodeRecord;
  changed: boolean;
  reason: TransitionReason;
  /** When the next deadline falls (null: none). */
  nextDeadline: Instant | null;
}
