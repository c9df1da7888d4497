import { backoffMs, DEFAULT_BACKOFF, type BackoffRules } from './backoff';
import type { Logger } from '../observe/logger';
import type { Opsroom } from './opsroom';

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** How often checkpoints by age and effect rows waiting for the store are looked at. */
const MAINTAIN_EVERY_MS = 5000;

/**
 * Wakes exactly at the engine's next due time (a deadline or a grace period's end); no polling. When
 * the store fails, it waits longer after each failure (doubling to a minute) and says so in one line,
 * not a stack trace per attempt; the first success puts it back on time.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private maintenance: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly room: Opsroom, private readonly logger: Pick<Logger, 'error'>, private readonly backoff: BackoffRules = DEFAULT_BACKOFF) {
    this.unsubscribe = room.onEffects(() => {
      if (this.failures === 0) this.reschedule();
    });
  }

  start(): void {
    this.reschedule();
    this.maintenance = setInterval(() => this.maintain(), MAINTAIN_EVERY_MS);
    this.maintenance.unref();
  }

  /** Consecutive failed ticks (0 when the store writes). */
  get failing(): number {
    return this.failures;
  }

  reschedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.room.nextDue();
    if (due === null) return;
    // Due items apply once the clock is past them (a window includes its last instant).
    const onTime = Math.max(0, due + 1 - this.room.clock());
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(onTime, backoffMs(this.failures, this.backoff)));
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = null;
    try {
      this.room.tick();
      if (this.failures > 0) this.logger.error(`opsroom: the store writes again; the scheduler is back on time after ${this.failures} failed ticks`);
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.logger.error({ failures: this.failures, error: (error as Error).message }, `opsroom: scheduler tick failed (${this.failures} in a row), next try in ${backoffMs(this.failures, this.backoff) / 1000} s`);
    }
    this.reschedule();
  }

  private maintain(): void {
    try {
      this.room.maintain();
    } catch {
      // The store is failing: health says so, and the next tick or request tries again.
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    if (this.maintenance) clearInterval(this.maintenance);
    this.timer = null;
  }
}
