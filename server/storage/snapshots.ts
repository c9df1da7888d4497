import type { Db } from './database';

/** Engine snapshots, each covering the log up to its `seq`. */
export class SnapshotStore {
  constructor(private readonly db: Db) {}

  save(seq: number, at: number, format: number, state: string): void {
    this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, at, format, state) VALUES (?, ?, ?, ?)').run(seq, at, format, state);
    // Two are enough: the latest, and one before it in case the latest cannot be read.
    this.db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)').run();
  }

  latest(format: number): { seq: number; state: string } | null {
    return (this.db.prepare('SELECT seq, state FROM snapshots WHERE format = ? ORDER BY seq DESC LIMIT 1').get(format) as { seq: number; state: string } | undefined) ?? null;
  }
}
