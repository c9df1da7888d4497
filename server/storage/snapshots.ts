import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Db } from './database';

/**
 * Brotli at its fastest: a winter's 40 MB compact checkpoint becomes about 12 MB in about 0.2 s, and
 * comes back in about 0.1 s, so a ladder of checkpoints for seeking costs a third of the disk.
 */
const pack = (state: Uint8Array): Buffer => brotliCompressSync(state, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: state.length } });
const unpack = (stored: Buffer): Uint8Array => brotliDecompressSync(stored);

interface StoredRow {
  seq: number;
  at: number;
  state: Buffer;
}

/** Engine snapshots (checkpoints), each covering the log up to its `seq`, stored compressed. */
export class SnapshotStore {
  constructor(private readonly db: Db) {}

  save(seq: number, at: number, format: number, state: Uint8Array): void {
    this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, at, format, state) VALUES (?, ?, ?, ?)').run(seq, at, format, pack(state));
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
  latestAtOrBefore(format: number, at: number): { seq: number; at: number; state: Uint8Array } | null {
    const row = this.db.prepare('SELECT seq, at, state FROM snapshots WHERE format = ? AND at <= ? ORDER BY seq DESC LIMIT 1').get(format, at) as StoredRow | undefined;
    return row ? { seq: row.seq, at: row.at, state: unpack(row.state) } : null;
  }

  /** The seq and stored size of that checkpoint only (its state can be large): where a seek would start replaying, and what loading it costs. */
  sizeAtOrBefore(format: number, at: number): { seq: number; bytes: number } | null {
    return (this.db.prepare('SELECT seq, length(state) AS bytes FROM snapshots WHERE format = ? AND at <= ? ORDER BY seq DESC LIMIT 1').get(format, at) as { seq: number; bytes: number } | undefined) ?? null;
  }

  latest(format: number): { seq: number; state: Uint8Array } | null {
    const row = this.db.prepare('SELECT seq, at, state FROM snapshots WHERE format = ? ORDER BY seq DESC LIMIT 1').get(format) as StoredRow | undefined;
    return row ? { seq: row.seq, state: unpack(row.state) } : null;
  }

  /** Bytes on disk for the checkpoints kept (for /metrics and the bench). */
  storedBytes(): number {
    return (this.db.prepare('SELECT coalesce(sum(length(state)), 0) AS bytes FROM snapshots').get() as { bytes: number }).bytes;
  }
}
