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
export function checkpointsToKeep(saved: readonly SavedCheckpoint[], now: number, retainMs: number | null, ladder = 0): CheckpointsKept {
  const sorted = [...saved].sort((a, b) => a.seq - b.seq);
  const latest = sorted.slice(-2).map((checkpoint) => checkpoint.seq);
  if (retainMs === null) return { keep: [...new Set([...seekLadder(sorted, ladder), ...latest])].sort((a, b) => a - b), base: null };
  const horizon = now - retainMs;
  const base = sorted.filter((checkpoint) => checkpoint.at <= horizon).pop() ?? null;
  const chain: number[] = [];
  let previous = -Infinity;
  for (const checkpoint of sorted) {
    if (checkpoint.at <= horizon || checkpoint.at - previous < retainMs / 2) continue;
    chain.push(checkpoint.seq);
    previous = checkpoint.at;
  }
  // A checkpoint older than the base would replay readings no longer kept: the ladder starts at the base.
  const rungs = seekLadder(sorted.filter((checkpoint) => checkpoint.seq >= (base?.seq ?? -Infinity)), ladder);
  const keep = [...new Set([...(base ? [base.seq] : []), ...chain, ...rungs, ...latest])].sort((a, b) => a - b);
  return { keep, base: base?.seq ?? null };
}

/**
 * The seek ladder: at most `count` checkpoints spread over the whole history, so that a seek to any
 * instant (GET /api/state?at=, a what-if) replays only from the nearest rung below it, and the disk
 * holds a fixed number of checkpoints however long the history. The first and the latest always stay;
 * while there are too many, the rung whose going leaves the smallest gap goes (the earlier of a tie).
 */
export function seekLadder(saved: readonly SavedCheckpoint[], count: number): number[] {
  if (count <= 0) return [];
  const rungs = [...saved].sort((a, b) => a.at - b.at || a.seq - b.seq);
  if (count === 1) return rungs.slice(-1).map((rung) => rung.seq);
  while (rungs.length > count) {
    let drop = 1;
    for (let i = 2; i < rungs.length - 1; i++) {
      if (rungs[i + 1]!.at - rungs[i - 1]!.at < rungs[drop + 1]!.at - rungs[drop - 1]!.at) drop = i;
    }
    rungs.splice(drop, 1);
  }
  return rungs.map((rung) => rung.seq);
}
