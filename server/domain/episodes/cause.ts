import type { Thresholds } from '../../../shared/config';
import type { Finding } from '../detectors/types';
import type { OpeningCause } from './episode';

/**
 * What an episode's opening figure was measured against, from the finding that opened it: the
 * bounds of the node's own level for a threshold, what the detector expected or the rule it applied
 * otherwise; null when the detector said nothing of it.
 */
export function openingCause(finding: Finding, thresholds: Thresholds | undefined): OpeningCause | null {
  if (finding.kind === 'threshold') {
    if (!thresholds) return null;
    const alert = thresholds.alert ?? null;
    const crisis = thresholds.crisis ?? null;
    // Hysteresis: it clears back inside `clear`, the alert bound unless set apart (threshold.ts).
    return { type: 'bound', alert, crisis, clear: thresholds.clear ?? alert ?? crisis };
  }
  const cause = finding.cause;
  if (!cause) return null;
  if (cause.type === 'forecast') return { type: 'forecast', expected: cause.expected, probability: finding.probability ?? null };
  return cause;
}
