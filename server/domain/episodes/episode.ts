import type { Direction, ExceptionKind, Severity } from '../../../shared/api';

export type EpisodePathEntry =
  | { type: 'opened'; at: number; holder: string }
  | { type: 'escalated'; at: number; from: string; to: string; reason: 'deadline' | 'crisis' }
  | { type: 'acknowledged'; at: number; by: string; note: string | null }
  | { type: 'note'; at: number; by: string; note: string }
  | { type: 'severity'; at: number; severity: Severity }
  | { type: 'resolved'; at: number; level: string }
  | { type: 'reopened'; at: number; holder: string };

export type EpisodeState =
  | { status: 'open'; holder: string; deadline: number | null; overdue: boolean }
  | {
      status: 'resolved';
      holder: string;
      resolvedAt: number;
      resolvedLevel: string;
      /** The window's end as it stood when resolved: a reopening inherits it, so flapping never resets the clock. */
      deadline: number | null;
      overdue: boolean;
    };

export interface EpisodeRecord {
  id: string;
  node: string;
  indicator: string;
  direction: Direction;
  kind: ExceptionKind;
  severity: Severity;
  policyVersion: number;
  openedAt: number;
  acknowledgedBy: string | null;
  reached: string[];
  path: EpisodePathEntry[];
  state: EpisodeState;
}

export type EpisodeEvent =
  | { type: 'deadline'; at: number }
  | { type: 'exception'; at: number; severity: Severity }
  | { type: 'clear'; at: number }
  | { type: 'acknowledge'; at: number; by: string; note: string | null }
  | { type: 'note'; at: number; by: string; note: string };

/** What an episode needs to know of the tree and the policy. */
export interface EpisodeContext {
  parentOf(node: string): string | null;
  levelOf(node: string): string;
  ancestorsOf(node: string): readonly string[];
  /** The window a holder on `level` has; null at the top. */
  allowanceMs(level: string): number | null;
  /** Who holds a crisis that arose at `node` (bypassTo, default the parent). */
  crisisHolder(node: string): string;
}

export type TransitionReason =
  | 'allowance-ran-out'
  | 'reached-the-top'
  | 'crisis-skips-local-window'
  | 'severity-raised'
  | 'still-in-exception'
  | 'back-to-normal'
  | 'reopened-within-window'
  | 'acknowledged'
  | 'noted'
  | 'not-due'
  | 'not-open'
  | 'bright-spot-has-no-window';

export interface TransitionResult {
  episode: EpisodeRecord;
  changed: boolean;
  reason: TransitionReason;
}
