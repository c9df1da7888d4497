/** What the log holds beyond the latest checkpoint: what a restart would replay. */
export interface SinceCheckpoint {
  inputs: number;
  readings: number;
  /** How long ago the latest checkpoint was taken (or this process started, if it has taken none). */
  ageMs: number;
}

export interface CheckpointLimits {
  /** Logged inputs (requests, ticks) before a checkpoint. */
  inputs: number;
  /** Readings in those inputs before a checkpoint: a batch of 10,000 costs a restart far more than a tick. */
  readings: number;
  /** Age of the latest checkpoint, once anything was logged after it. */
  ageMs: number;
  /** How many checkpoints are kept spread over the history for seeking (the seek ladder; 0 keeps only the latest two). */
  ladder: number;
}

export const DEFAULT_CHECKPOINT_LIMITS: CheckpointLimits = { inputs: 2000, readings: 50_000, ageMs: 5 * 60_000, ladder: 16 };

export type CheckpointDue =
  | { due: false; reason: 'nothing-new' | 'within-limits' }
  | { due: true; reason: 'inputs' | 'readings' | 'age' };

/** Whether to take a checkpoint now. A restart replays at most one limit's worth (plus one batch) whatever the crash history. */
export function checkpointDue(since: SinceCheckpoint, limits: CheckpointLimits): CheckpointDue {
  if (since.inputs === 0) return { due: false, reason: 'nothing-new' };
  if (since.readings >= limits.readings) return { due: true, reason: 'readings' };
  if (since.inputs >= limits.inputs) return { due: true, reason: 'inputs' };
  if (since.ageMs >= limits.ageMs) return { due: true, reason: 'age' };
  return { due: false, reason: 'within-limits' };
}
