import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAttempt, backoffDelayMs, droppedReason, type Backoff } from '../domain/webhook-rules';
import type { AttemptOutcome, OutboxRow } from '../storage/webhook-store';
import type { Logger } from '../observe/logger';
import type { Webhooks } from './webhooks';

export interface DeliverySettings {
  backoff: Backoff;
  /** Attempts before a signal is given up (the log keeps it, failed). */
  maxAttempts: number;
  /** How long one POST may take before it counts as no answer. */
  timeoutMs: number;
  /** POSTs in flight at once (each receiver one at a time, in order). */
  concurrency: number;
  /** How often the outbox is looked at when nothing wakes the worker. */
  pollMs: number;
  /** How long a delivered or given-up signal stays in the delivery log. */
  keepMs: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = { backoff: { baseMs: 1000, capMs: 5 * 60_000 }, maxAttempts: 2000, timeoutMs: 10_000, concurrency: 4, pollMs: 1000, keepMs: 30 * 86_400_000 };

/** How long a shutdown waits for the POSTs in flight to be answered before cutting them. */
const STOP_GRACE_MS = 2000;

/** How often the delivery log is pruned of what is older than `keepMs`. */
const PRUNE_EVERY_MS = 3_600_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the time is signed too, so a receiver can refuse a replay. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export interface DeliveryDeps {
  webhooks: Webhooks;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** In [0, 1); the jitter of each backoff. */
  random?: () => number;
  now?: () => number;
}

/**
 * The adapter that empties the outbox: each receiver's oldest due signal is POSTed, every attempt is
 * logged, and the rules (server/domain/webhook-rules.ts) say whether it is done, retried after a
 * backoff, or given up. A row leaves `pending` only once its answer is recorded, so a process killed
 * mid-POST sends it again after the restart: at least once.
 */
export class WebhookDelivery {
  private readonly settings: DeliverySettings;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly settling = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private prunedAt = -Infinity;
  private stopped = true;
  /** The shutdown's grace ran out: answers arriving now are not recorded (the row stays pending). */
  private cut = false;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly deps: DeliveryDeps, settings: Partial<DeliverySettings> = {}) {
    this.settings = { ...DEFAULT_DELIVERY, ...settings, backoff: { ...DEFAULT_DELIVERY.backoff, ...settings.backoff } };
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.cut = false;
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Look at the outbox now (new signals were enqueued). Never throws, never blocks: the POSTs run on their own. */
  kick(): void {
    if (this.stopped) return;
    this.pruneIfDue();
    const room = this.settings.concurrency - this.inFlight.size;
    if (room <= 0) return;
    let due: OutboxRow[];
    try {
      due = this.deps.webhooks.store.due(this.now(), room, new Set(this.inFlight.keys()));
    } catch (error) {
      this.deps.logger.error({ err: error }, 'webhooks: could not read the outbox');
      return;
    }
    for (const row of due) this.send(row);
  }

  private pruneIfDue(): void {
    const now = this.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    try {
      this.deps.webhooks.store.prune(now - this.settings.keepMs);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'webhooks: could not prune the delivery log');
    }
  }

  /**
   * Stop taking signals; the POSTs in flight get `graceMs` to be answered and recorded (a receiver that
   * answered is not sent the same signal again after the restart), then are cut: their rows stay
   * pending, to be sent after the restart.
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const settled = Promise.all([...this.settling]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise<void>((done) => (timer = setTimeout(done, graceMs)))]);
    clearTimeout(timer);
    this.cut = true;
    for (const controller of this.inFlight.values()) controller.abort(new Error('the server is shutting down'));
    await settled;
  }

  private send(row: OutboxRow): void {
    const controller = new AbortController();
    this.inFlight.set(row.receiver, controller);
    let recorded = true;
    const work = this.attempt(row, controller.signal)
      .catch((error: unknown) => {
        recorded = false; // the row is still due: left to the poll, not sent again at once
        this.deps.logger.error({ err: error, delivery: row.id }, 'webhooks: an attempt could not be recorded');
      })
      .finally(() => {
        this.inFlight.delete(row.receiver);
        this.settling.delete(work);
        if (!this.stopped && recorded) setImmediate(() => this.kick()); // the receiver's next signal, without waiting for the poll
      });
    this.settling.add(work);
  }

  private async attempt(row: OutboxRow, cancelled: AbortSignal): Promise<void> {
    const { webhooks } = this.deps;
    const receiver = webhooks.receiver(row.receiver);
    const at = this.now();
    if (!receiver || webhooks.genOf(row.receiver) !== row.receiverGen) {
      // Removed, or removed and added again: a receiver of the same name is another one, and hears nothing of the old one's.
      const reason = droppedReason('receiver-gone');
      webhooks.store.record({ delivery: row.id, at, status: null, error: reason, durationMs: 0 }, { status: 'dropped', reason });
      return;
    }
    const secret = webhooks.secretOf(receiver);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'opsroom-webhooks', 'X-Opsroom-Delivery': String(row.id) };
    if (secret !== undefined) headers['X-Opsroom-Signature'] = signatureHeader(secret, row.body, Math.floor(at / 1000));
    const started = performance.now();
    let status: number | undefined;
    let error: string | null = null;
    try {
      const response = await fetch(receiver.url, { method: 'POST', headers, body: row.body, redirect: 'manual', signal: AbortSignal.any([cancelled, AbortSignal.timeout(this.settings.timeoutMs)]) });
      status = response.status;
      await response.body?.cancel().catch(() => undefined); // the answer's body is not read: no receiver can hold a connection with it
    } catch (failure) {
      error = describeFailure(failure);
    }
    if (this.cut) return; // cut by the shutdown: still pending, sent again after the restart
    const durationMs = Math.round(performance.now() - started);
    const decision = afterAttempt(status, row.attempts + 1, this.settings.maxAttempts);
    const reason = error ?? `HTTP ${status}`;
    let outcome: AttemptOutcome;
    if (decision.kind === 'delivered') outcome = { status: 'delivered' };
    else if (decision.kind === 'give-up') outcome = { status: 'failed', reason: `${reason} (${decision.reason})` };
    else outcome = { status: 'pending', nextAt: at + durationMs + backoffDelayMs(row.attempts + 1, this.settings.backoff, this.random()), reason };
    webhooks.store.record({ delivery: row.id, at, status: status ?? null, error, durationMs }, outcome);
    if (outcome.status === 'failed') this.deps.logger.warn({ receiver: row.receiver, delivery: row.id, reason: outcome.reason }, 'webhooks: gave a signal up');
  }
}

/** The cause in a few words: fetch's own message ("fetch failed") hides it in `cause`. */
function describeFailure(failure: unknown): string {
  const error = failure as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return 'timed out';
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(failure);
}
