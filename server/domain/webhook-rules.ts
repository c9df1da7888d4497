import { hasReached, type Reaching } from '../../shared/reach';

/** Pure rules of webhook delivery; the delivery worker (an adapter) performs what they decide. */

export interface Receiver {
  readonly name: string;
  readonly node: string;
}

/** The receivers that hear an episode's signal: those whose node the episode has reached (opened, escalated, told). */
export function receiversHearing<R extends Receiver>(receivers: readonly R[], episode: Reaching): R[] {
  return receivers.filter((receiver) => hasReached(episode, receiver.node));
}

export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential backoff with full
 * jitter, `jitter` in [0, 1) drawn by the caller so the rule stays deterministic.
 */
export function backoffDelayMs(attempt: number, backoff: Backoff, jitter: number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling * Math.min(Math.max(jitter, 0), 1));
}

export type RetryDecision = { kind: 'delivered' } | { kind: 'retry' } | { kind: 'give-up'; reason: 'attempts-exhausted' | 'refused' };

/**
 * After an attempt: a 2xx is delivered; a 4xx other than 401, 403, 408 and 429 is the receiver refusing
 * the body, which retrying will not change; anything else (no answer, 5xx, 408, 429, and a signature or
 * credential refused, which a rotated secret or a corrected clock puts right) retries until `maxAttempts`.
 */
const RETRIED_4XX = new Set([401, 403, 408, 429]);
export function afterAttempt(status: number | undefined, attempts: number, maxAttempts: number): RetryDecision {
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status !== undefined && status >= 400 && status < 500 && !RETRIED_4XX.has(status)) {
    return { kind: 'give-up', reason: 'refused' };
  }
  return attempts >= maxAttempts ? { kind: 'give-up', reason: 'attempts-exhausted' } : { kind: 'retry' };
}

export type PendingDecision = { kind: 'keep' } | { kind: 'drop-oldest'; count: number; reason: 'pending-cap' };

/**
 * A receiver that is down keeps its signals pending; past `maxPending` of them the oldest are dropped,
 * so the outbox stays bounded however long the outage. The newest are kept: what an episode is doing
 * now matters more to whoever reads the receiver than what it did days ago (and a resolution still
 * pending says the episode is over even when its firing was dropped).
 */
export function pendingOverflow(pending: number, maxPending: number): PendingDecision {
  return pending > maxPending ? { kind: 'drop-oldest', count: pending - maxPending, reason: 'pending-cap' } : { kind: 'keep' };
}

/** The words a dropped signal carries in the delivery log. */
export function droppedReason(reason: 'pending-cap' | 'receiver-removed' | 'receiver-gone', maxPending?: number): string {
  if (reason === 'pending-cap') return `dropped: more than ${maxPending} signals were waiting for this receiver; the oldest go first`;
  if (reason === 'receiver-removed') return 'dropped: the receiver was removed';
  return 'dropped: the receiver is no longer configured';
}
