import type { Db } from './database';

/** Engine snapshots (checkpoints), each covering the log up to its `seq`. */
export class SnapshotStore {
  constructor(private readonly db: Db) {}

  save(seq: number, at: number, format: number, state: string): void {
    this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, at, format, state) VALUES (?, ?, ?, ?)').run(seq, at, format, state);
  }

  /** Every checkpoint's seq and engine time, oldest first. */
  list(): Array<{ seq: number; at: number }> {
    return this.db.prepare('SELECT seq, at FROM snapshots ORDER BY seq').all() as Array<{ seq: number; at: number }>;
  }

  /** Delete every checkpoint but these. */
  keepOnly(seqs: readonly number[]): void {
    this.db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(seqs));
  }

  /** The newest checkpoint of this format whose engine time is at or before `at`: where a seek to `at` can start. */
  latestAtOrBefore(format: number, at: number): { seq: number; at: number; state: string } | null {
    return (this.db.prepare('SELECT seq, at, state FROM snapshots WHERE format = ? AND at <= ? ORDER BY seq DESC LIMIT 1').get(format, at) as { seq: number; at: number; state: string } | undefined) ?? null;
  }

  /** The seq and size of that checkpoint only (its state can be large): where a seek would start replaying, and what loading it costs. */
  sizeAtOrBefore(format: number, at: number): { seq: number; chars: number } | null {
    return (this.db.prepare('SELECT seq, length(state) AS chars FROM snapshots WHERE format = ? AND at <= ? ORDER BY seq DESC LIMIT 1').get(format, at) as { seq: number; chars: number } | undefined) ?? null;
  }

  latest(format: number): { seq: number; state: string } | null {
    return (this.db.prepare('SELECT seq, state FROM snapshots WHERE format = ? ORDER BY seq DESC LIMIT 1').get(format) as { seq: number; state: string } | undefined) ?? null;
  }
}
