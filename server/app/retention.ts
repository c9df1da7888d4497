export interface SavedCheckpoint {
  seq: number;
  /** Engine time when it was taken. */
  at: number;
}

export interface CheckpointsKept {
  keep: number[];
  /** The newest checkpoint at or before the horizon: the readings logged up to it may go. */
  base: number | null;
}

/**
 * Which checkpoints to keep. Without retention, the latest two (one in case the latest cannot be
 * read). With it, also the base (the newest at or before `now - retainMs`, so the whole horizon can be
 * replayed from it) and, inside the horizon, one every half horizon, so that a base still exists as
 * time moves on.
 */
export function checkpointsToKeep(saved: readonly SavedCheckpoint[], now: number, retainMs: number | null): CheckpointsKept {
  const sorted = [...saved].sort((a, b) => a.seq - b.seq);
  const latest = sorted.slice(-2).map((checkpoint) => checkpoint.seq);
  if (retainMs === null) return { keep: latest, base: null };
  const horizon = now - retainMs;
  const base = sorted.filter((checkpoint) => checkpoint.at <= horizon).pop() ?? null;
  const chain: number[] = [];
  let previous = -Infinity;
  for (const checkpoint of sorted) {
    if (checkpoint.at <= horizon || checkpoint.at - previous < retainMs / 2) continue;
    chain.push(checkpoint.seq);
    previous = checkpoint.at;
  }
  const keep = [...new Set([...(base ? [base.seq] : []), ...chain, ...latest])].sort((a, b) => a - b);
  return { keep, base: base?.seq ?? null };
}
