import type { DeliveryStatus } from '../../shared/contract/webhooks';
import type { WebhookConfig } from '../../shared/webhook';
import type { Signal } from '../domain/webhook-body';
import type { Db } from './database';

/** A row of the outbox as the worker needs it. */
export interface OutboxRow {
  id: number;
  receiver: string;
  /** Which receiver of that name: 0 the configuration's, else the admin's (one added again is a new one). */
  receiverGen: number;
  episode: string;
  signal: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: number;
  nextAt: number;
  doneAt: number | null;
  lastError: string | null;
}

export interface AttemptRow {
  delivery: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** What an attempt leaves the row as: delivered, given up, or pending again from `nextAt`. */
export type AttemptOutcome = { status: 'delivered' } | { status: 'failed' | 'dropped'; reason: string } | { status: 'pending'; nextAt: number; reason: string };

const OUTBOX_COLUMNS = 'id, receiver, receiver_gen AS receiverGen, episode, signal, body, status, attempts, created_at AS createdAt, next_at AS nextAt, done_at AS doneAt, last_error AS lastError';

/** The webhook tables: admin-added receivers, the outbox and its delivery log. */
export class WebhookStore {
  private readonly insertSignal;
  private readonly headsDue;
  private readonly insertAttempt;
  private readonly updateRow;
  private readonly deliveredAfterDrop;

  constructor(private readonly db: Db) {
    this.insertSignal = db.prepare<[string, number, string, string, string, number, number]>(
      'INSERT INTO webhook_outbox (receiver, receiver_gen, episode, signal, body, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (receiver, receiver_gen, episode, signal) DO NOTHING',
    );
    // Each receiver's oldest pending row only, so one receiver hears its signals in order (a firing before its resolution).
    this.headsDue = db.prepare<[number, number], OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM webhook_outbox o WHERE status = 'pending'
         AND id = (SELECT MIN(id) FROM webhook_outbox p WHERE p.receiver = o.receiver AND p.status = 'pending')
         AND next_at <= ? ORDER BY next_at, id LIMIT ?`,
    );
    this.insertAttempt = db.prepare<[number, number, number | null, string | null, number]>('INSERT INTO webhook_attempts (delivery, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)');
    this.updateRow = db.prepare<[string, number, number | null, string | null, number]>(
      "UPDATE webhook_outbox SET status = ?, attempts = attempts + 1, next_at = ?, done_at = ?, last_error = ? WHERE id = ? AND status = 'pending'",
    );
    // Dropped while its POST was in flight, and answered 2xx all the same: the log says what the receiver got.
    this.deliveredAfterDrop = db.prepare<[number, number]>("UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1, done_at = ?, last_error = NULL WHERE id = ? AND status = 'dropped'");
  }

  /**
   * Enqueue signals for the receivers' generations `genOf` gives; one already enqueued (the same receiver,
   * generation, episode and signal) is left as it is. Call inside the effect rows' transaction. Returns the
   * receivers given a new signal.
   */
  enqueue(signals: readonly Signal[], now: number, genOf: (receiver: string) => number): Map<string, number> {
    const touched = new Map<string, number>();
    for (const signal of signals) {
      const gen = genOf(signal.receiver);
      if (this.insertSignal.run(signal.receiver, gen, signal.episode, signal.signal, JSON.stringify(signal.body), now, now).changes > 0) touched.set(signal.receiver, gen);
    }
    return touched;
  }

  /** How many signals wait for a receiver. */
  pendingOf(receiver: string, gen: number): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM webhook_outbox WHERE receiver = ? AND receiver_gen = ? AND status = 'pending'").get(receiver, gen) as { n: number }).n;
  }

  /** Drop a receiver's `count` oldest pending signals, with the reason in the log. */
  dropOldest(receiver: string, gen: number, count: number, reason: string, now: number): number {
    return this.db.prepare(
      `UPDATE webhook_outbox SET status = 'dropped', done_at = ?, last_error = ? WHERE id IN
         (SELECT id FROM webhook_outbox WHERE receiver = ? AND receiver_gen = ? AND status = 'pending' ORDER BY id LIMIT ?)`,
    ).run(now, reason, receiver, gen, count).changes;
  }

  /** Drop what is pending for any receiver not in `current` (a name and its generation): removed, or gone from the configuration. */
  dropAllBut(current: ReadonlyMap<string, number>, reason: string, now: number): number {
    const pending = this.db.prepare("SELECT DISTINCT receiver, receiver_gen AS gen FROM webhook_outbox WHERE status = 'pending'").all() as Array<{ receiver: string; gen: number }>;
    const drop = this.db.prepare("UPDATE webhook_outbox SET status = 'dropped', done_at = ?, last_error = ? WHERE receiver = ? AND receiver_gen = ? AND status = 'pending'");
    let dropped = 0;
    for (const { receiver, gen } of pending) if (current.get(receiver) !== gen) dropped += drop.run(now, reason, receiver, gen).changes;
    return dropped;
  }

  /** Each receiver's oldest pending signal, if it is due, up to `limit`, skipping the receivers in `busy`. */
  due(now: number, limit: number, busy: ReadonlySet<string>): OutboxRow[] {
    return this.headsDue.all(now, limit + busy.size).filter((row) => !busy.has(row.receiver)).slice(0, limit);
  }

  /** One attempt into the log, and the row moved on, in one transaction. */
  record(attempt: AttemptRow, outcome: AttemptOutcome): void {
    this.db.transaction(() => {
      this.insertAttempt.run(attempt.delivery, attempt.at, attempt.status, attempt.error, attempt.durationMs);
      const nextAt = outcome.status === 'pending' ? outcome.nextAt : attempt.at;
      const doneAt = outcome.status === 'pending' ? null : attempt.at;
      const reason = outcome.status === 'delivered' ? null : outcome.reason;
      const moved = this.updateRow.run(outcome.status, nextAt, doneAt, reason, attempt.delivery).changes;
      if (moved === 0 && outcome.status === 'delivered') this.deliveredAfterDrop.run(attempt.at, attempt.delivery);
    })();
  }


  deliveries(filter: { receiver?: string; status?: DeliveryStatus; limit: number }): Array<OutboxRow & { log: AttemptRow[] }> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.receiver !== undefined) {
      where.push('receiver = ?');
      args.push(filter.receiver);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const rows = this.db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM webhook_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...args, filter.limit) as OutboxRow[];
    const attempts = this.db.prepare<[number], AttemptRow>('SELECT delivery, at, status, error, duration_ms AS durationMs FROM webhook_attempts WHERE delivery = ? ORDER BY id');
    return rows.map((row) => ({ ...row, log: attempts.all(row.id) }));
  }

  /** Forget signals delivered, given up or dropped before `before`, with their attempts; a pending one is never forgotten. */
  prune(before: number): number {
    return this.db.transaction(() => {
      this.db.prepare("DELETE FROM webhook_attempts WHERE delivery IN (SELECT id FROM webhook_outbox WHERE status != 'pending' AND done_at < ?)").run(before);
      return this.db.prepare("DELETE FROM webhook_outbox WHERE status != 'pending' AND done_at < ?").run(before).changes;
    })();
  }

  /** How many signals are in each status (for /metrics). */
  counts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0, dropped: 0 };
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM webhook_outbox GROUP BY status').all() as Array<{ status: DeliveryStatus; n: number }>;
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The admin's receivers, each with its generation. */
  adminReceivers(): Array<{ receiver: WebhookConfig; gen: number }> {
    const rows = this.db.prepare('SELECT name, node, url, secret_env AS secretEnv, gen FROM webhook_receivers ORDER BY created_at, name').all() as Array<{ name: string; node: string; url: string; secretEnv: string | null; gen: number }>;
    return rows.map(({ secretEnv, gen, ...rest }) => ({ receiver: secretEnv === null ? rest : { ...rest, secretEnv }, gen }));
  }

  /** A new admin receiver, with a generation never used before (a counter in meta, so even a removed one's is not reused). */
  addReceiver(receiver: WebhookConfig, now: number): number {
    return this.db.transaction(() => {
      const last = this.db.prepare("SELECT value FROM meta WHERE key = 'webhook_gen'").get() as { value: string } | undefined;
      const gen = Number(last?.value ?? '0') + 1;
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('webhook_gen', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(gen));
      this.db.prepare('INSERT INTO webhook_receivers (name, node, url, secret_env, created_at, gen) VALUES (?, ?, ?, ?, ?, ?)').run(receiver.name, receiver.node, receiver.url, receiver.secretEnv ?? null, now, gen);
      return gen;
    })();
  }

  /** An admin receiver removed, and what it still owed dropped with `reason`, in one transaction. */
  removeReceiver(name: string, reason: string, now: number): boolean {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT gen FROM webhook_receivers WHERE name = ?').get(name) as { gen: number } | undefined;
      if (!row) return false;
      this.db.prepare('DELETE FROM webhook_receivers WHERE name = ?').run(name);
      this.db.prepare("UPDATE webhook_outbox SET status = 'dropped', done_at = ?, last_error = ? WHERE receiver = ? AND receiver_gen = ? AND status = 'pending'").run(now, reason, name, row.gen);
      return true;
    })();
  }
}
