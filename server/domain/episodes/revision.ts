import type { Finding } from '../detectors/types';

/** One re-judged period, for one direction: what the detectors find now, and what they found before (null: normal, or not judged). */
export interface Rejudged {
  period: number;
  now: Finding | null;
  before: Finding | null;
}

export type RevisionDecision =
  | { action: 'revise'; reason: 'cause-gone' }
  | { action: 'open'; period: number; finding: Finding; reason: 'new-exception' }
  | { action: 'none'; reason: 'cause-remains' | 'opening-period-unchanged' | 'nothing-new' };

/**
 * Late data or a correction re-ran the detectors from `from`. What was told stays told: an open
 * episode whose opening figure changed and whose cause is gone from every re-judged period resolves
 * as revised; otherwise a newly found exception opens one now, stamped with its own period.
 */
export function revision(open: { period: number } | null, from: number, rejudged: readonly Rejudged[]): RevisionDecision {
  if (open) {
    if (from > open.period) return { action: 'none', reason: 'opening-period-unchanged' };
    const stillOut = rejudged.some((entry) => entry.period >= open.period && entry.now !== null);
    return stillOut ? { action: 'none', reason: 'cause-remains' } : { action: 'revise', reason: 'cause-gone' };
  }
  const fresh = rejudged.find((entry) => entry.period >= from && entry.now !== null && !entry.before);
  return fresh ? { action: 'open', period: fresh.period, finding: fresh.now!, reason: 'new-exception' } : { action: 'none', reason: 'nothing-new' };
}
