import type { Db } from './database';

export interface StoredEvent {
  seq: number;
  at: number;
  kind: 'input' | 'effect';
  type: string;
  data: unknown;
}

/** An event as stored: its data still JSON text. */
export interface RawEvent {
  seq: number;
  at: number;
  kind: 'input' | 'effect';
  type: string;
  data: string;
}

const fromRow = (row: RawEvent): StoredEvent => ({ ...row, data: JSON.parse(row.data) as unknown });

/** The append-only log of every input and every episode effect, in order. */
export class EventLog {
  private readonly insert;
  private readonly page;
  private readonly inputsAfter;
  private readonly last;
  private readonly total;
  private readonly nthPolicy;
  private readonly journaled;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[number, string, string, string]>('INSERT INTO events (at, kind, type, data) VALUES (?, ?, ?, ?)');
    this.page = db.prepare<[number, number], RawEvent>('SELECT seq, at, kind, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.inputsAfter = db.prepare<[number], RawEvent>("SELECT seq, at, kind, type, data FROM events WHERE seq > ? AND kind = 'input' ORDER BY seq");
    this.last = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
    this.total = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events');
    // After every step's effect rows (the ingest path): prepared once.
    this.journaled = db.prepare<[string]>("INSERT INTO meta (key, value) VALUES ('journaled_through', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    this.nthPolicy = db.prepare<[number], RawEvent>("SELECT seq, at, kind, type, data FROM events WHERE kind = 'input' AND type = 'policy' ORDER BY seq LIMIT 1 OFFSET ?");
  }

  /** The `version`th policy input (1 is the first): policy versions count policy inputs in log order. */
  policy(version: number): StoredEvent | null {
    const row = this.nthPolicy.get(version - 1);
    return row ? fromRow(row) : null;
  }

  append(at: number, kind: 'input' | 'effect', type: string, data: unknown): number {
    return Number(this.insert.run(at, kind, type, JSON.stringify(data)).lastInsertRowid);
  }

  list(after: number, limit: number): StoredEvent[] {
    return this.page.all(after, limit).map(fromRow);
  }

  /** Events after `after` in order, read one at a time with their data as stored, so a page can stop early. */
  *rawPage(after: number, limit: number): Generator<RawEvent> {
    yield* this.page.iterate(after, limit);
  }

  *inputs(after: number): Generator<StoredEvent> {
    for (const row of this.inputsAfter.iterate(after)) yield fromRow(row);
  }

  /** The engine times of the first and last input (null when nothing is logged). */
  inputSpan(): { first: number | null; last: number | null } {
    return this.db.prepare("SELECT MIN(at) AS first, MAX(at) AS last FROM events WHERE kind = 'input'").get() as { first: number | null; last: number | null };
  }

  /** The seq of the last input at or before `seq` (0 if none): what a checkpoint taken at `seq` has applied. */
  lastInputThrough(seq: number): number {
    // Backwards from `seq` along the primary key: it stops at the first input (a checkpoint's effect rows are few).
    const row = this.db.prepare("SELECT seq FROM events WHERE seq <= ? AND kind = 'input' ORDER BY seq DESC LIMIT 1").get(seq) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /**
   * A seq that splits the inputs at engine time `at`: every input before it was logged before `at`,
   * every one from it on at or after. Inputs are logged in engine-time order, so this is a binary
   * search over seq: a few index lookups however long the log, where a scan by time reads every row.
   */
  firstInputFrom(at: number): number {
    const probe = this.db.prepare<[number], { seq: number; at: number }>("SELECT seq, at FROM events WHERE seq >= ? AND kind = 'input' ORDER BY seq LIMIT 1");
    let low = 1;
    let high = this.lastSeq() + 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const found = probe.get(mid);
      if (!found) high = mid;
      else if (found.at >= at) high = Math.min(mid, found.seq);
      else low = found.seq + 1;
    }
    return low;
  }

  /**
   * The characters of data of the inputs with seq in (after, before), what replaying them costs,
   * counted no further than just past `cap`: the answer to "more than this?" costs no more than the cap.
   */
  inputChars(after: number, before: number, cap = Number.POSITIVE_INFINITY): number {
    let chars = 0;
    for (const row of this.db.prepare<[number, number], { n: number }>("SELECT octet_length(data) AS n FROM events WHERE seq > ? AND seq < ? AND kind = 'input' ORDER BY seq").iterate(after, before)) {
      chars += row.n;
      if (chars > cap) break;
    }
    return chars;
  }

  /** Inputs after seq `after`, up to seq `through`, with engine times no later than `to`. */
  countInputs(after: number, through: number, to: number): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'input' AND seq > ? AND seq <= ? AND at <= ?").get(after, through, to) as { n: number }).n;
  }

  lastSeq(): number {
    return this.last.get()?.seq ?? 0;
  }

  count(): number {
    return this.total.get()?.n ?? 0;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * A transaction committed without waiting for the disk (synchronous=NORMAL): for derived rows only.
   * A killed process loses none of it (WAL); a machine that loses power may lose it until the next
   * synchronous commit, which syncs every frame before its own.
   */
  relaxed<T>(work: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(work)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * Retention: delete the readings inputs up to `seq` (a checkpoint covers them), and remember it.
   * Policies, acknowledgements, notes, findings and every episode row stay.
   */
  compactReadings(seq: number): number {
    return this.db.transaction(() => {
      const deleted = this.db.prepare("DELETE FROM events WHERE kind = 'input' AND type = 'readings' AND seq <= ?").run(seq).changes;
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('compacted_through', ?) ON CONFLICT (key) DO UPDATE SET value = MAX(CAST(value AS INTEGER), excluded.value)").run(String(seq));
      return deleted;
    })();
  }

  /** The last seq whose readings retention deleted (0: none). */
  compactedThrough(): number {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'compacted_through'").get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  /**
   * The last event whose input's effects are written (the effect rows and the webhook outbox), null when
   * not recorded. A restart journals again the effects of the inputs after it: a crash between an input's
   * commit and its effects' loses none.
   */
  journaledThrough(): number | null {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'journaled_through'").get() as { value: string } | undefined;
    return row ? Number(row.value) : null;
  }

  /** Inside the effects' transaction: every input logged so far has its effects written. */
  markJournaled(): void {
    this.journaled.run(String(this.lastSeq()));
  }

  /** A small write to see whether the store writes again (a full disk that has room once more). */
  probe(at: number): void {
    this.relaxed(() => this.db.prepare("INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(at)));
  }

  /** Take back an input whose step failed (a bug, not the disk): replaying it would fail again. */
  remove(seq: number): void {
    this.db.prepare('DELETE FROM events WHERE seq = ?').run(seq);
  }
}
