import type { Logger } from '../observe/logger';
import type { Opsroom } from './opsroom';

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Wakes exactly at the engine's next due time (a deadline or a grace period's end); no polling. */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly room: Opsroom, private readonly logger: Pick<Logger, 'error'>) {
    this.unsubscribe = room.onEffects(() => this.reschedule());
  }

  start(): void {
    this.reschedule();
  }

  reschedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.room.nextDue();
    if (due === null) return;
    // Due items apply once the clock is past them (a window includes its last instant).
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, due + 1 - this.room.clock()));
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = null;
    try {
      this.room.tick();
    } catch (error) {
      this.logger.error({ err: error }, 'opsroom: scheduled tick failed; retried at the next due time');
    }
    this.reschedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
