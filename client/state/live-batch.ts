import { liveReducer, type LiveEvent, type LiveState } from './live';

/** How often queued live news is applied: one React update per this many ms, however many events arrived (four a second reads as live on a wall, and leaves the frames free). */
export const LIVE_BATCH_MS = 250;

/**
 * Whether an event is applied at once rather than with the next batch: the connection's state, a
 * new focus and a snapshot change what the whole room shows (and the first render waits on the
 * snapshot); values, episodes and counts stream in and can wait a tenth of a second.
 */
export function appliesAtOnce(event: LiveEvent): boolean {
  return event.type === 'connection' || event.type === 'focus' || event.type === 'snapshot' || event.type === 'problem';
}

/** The queued events applied in order: the same state as dispatching them one by one, in one update. */
export function applyLiveBatch(state: LiveState, events: readonly LiveEvent[]): LiveState {
  let next = state;
  for (const event of events) next = liveReducer(next, event);
  return next;
}

/**
 * A queue in front of `apply`: streaming events wait for the next batch, an event that applies at
 * once goes out with everything queued before it (so order is kept). `schedule` is setTimeout in the
 * browser; a test passes its own.
 */
export function liveBatcher(apply: (events: LiveEvent[]) => void, schedule: (run: () => void, ms: number) => () => void) {
  let queue: LiveEvent[] = [];
  let cancel: (() => void) | null = null;
  const flush = () => {
    cancel?.();
    cancel = null;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    apply(events);
  };
  return {
    push(event: LiveEvent): void {
      queue.push(event);
      if (appliesAtOnce(event)) flush();
      else if (cancel === null) cancel = schedule(flush, LIVE_BATCH_MS);
    },
    /** Drops what is queued: the room is closing. */
    close(): void {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
