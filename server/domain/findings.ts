import type { DataQualityFinding } from '../../shared/api';
import type { Policy } from './policy';

/** Why a data-quality finding is refused, or 'ok'. */
export type FindingRefusal =
  | 'ok'
  | 'unknown-node'
  | 'unknown-indicator'
  | 'ratio-indicator'
  | 'not-a-total'
  | 'no-difference'
  | 'future-period'
  | 'negative-count';

export interface FindingCheck {
  reason: FindingRefusal;
  /** The field the refusal is about (null when 'ok'). */
  field: 'node' | 'indicator' | 'period' | 'published' | 'summed' | null;
  message: string;
}

/** How far ahead of the server clock a finding's period may begin: a client's clock may run a little fast (as for readings). */
export const FINDING_SKEW_MS = 5 * 60_000;

const ok: FindingCheck = { reason: 'ok', field: null, message: 'ok' };

/**
 * Whether a finding can be recorded: a published total (so a node with members, not a unit; of a
 * counted indicator, not a ratio worked out from its parts) that
 * differs from opsroom's sum, for a period that has begun by `now` (with `skewMs` allowed for a
 * client's clock), and, for a summed indicator (a count), neither figure below zero.
 */
export function checkFinding(policy: Policy, finding: DataQualityFinding, now: number, skewMs: number): FindingCheck {
  const { hierarchy, indicators } = policy;
  if (!hierarchy.has(finding.node)) return { reason: 'unknown-node', field: 'node', message: `unknown node "${finding.node}"` };
  const indicator = indicators.get(finding.indicator);
  if (!indicator) return { reason: 'unknown-indicator', field: 'indicator', message: `unknown indicator "${finding.indicator}"` };
  // A ratio is worked out from its parts, never published as a total of its own: the finding is on a part.
  if (indicator.ratio) {
    return { reason: 'ratio-indicator', field: 'indicator', message: `"${finding.indicator}" is a ratio of ${indicator.ratio.numerator} and ${indicator.ratio.denominator}: record a published total of a part instead` };
  }
  if (hierarchy.isUnit(finding.node)) {
    return { reason: 'not-a-total', field: 'node', message: `"${finding.node}" is a unit: its figure is reported, not summed, so no published total can differ from it` };
  }
  if (finding.published === finding.summed) return { reason: 'no-difference', field: 'summed', message: `published and summed are both ${finding.published}: that is not a difference` };
  const start = indicator.clock.start(Date.parse(finding.period));
  if (start > now + skewMs) return { reason: 'future-period', field: 'period', message: `the period starting ${new Date(start).toISOString()} has not begun (server clock ${new Date(now).toISOString()})` };
  if (indicator.aggregate === 'sum') {
    for (const field of ['published', 'summed'] as const) {
      if (finding[field] < 0) return { reason: 'negative-count', field, message: `${field} is ${finding[field]}: a count of "${finding.indicator}" is never below zero` };
    }
  }
  return ok;
}
