/** When a unit expected to report a period is silent: the rule, and when to look. */
export interface SilenceCheck {
  /** The unit's latest reported period of this indicator; null when it never reported it. */
  latestPeriod: number | null;
  /** The period whose report is being looked for. */
  period: number;
  /** How long after the period ends silence counts; false: never for this indicator. */
  noReportMs: number | false;
  /** When the unit closed or merged; null while it runs. */
  closedAt: number | null;
}

export type SilenceDecision =
  | { raise: true; reason: 'silent-past-grace' }
  | { raise: false; reason: 'switched-off' | 'never-reported' | 'unit-closed' | 'reported-since' };

/**
 * A unit is expected to report an indicator from its first reading of it (so a new network opens no
 * flood), until it closes. Once a period's grace has passed with no report for it or any later
 * period, the silence is itself a signal, as a missing report was in Cybersyn.
 */
export function silence(check: SilenceCheck): SilenceDecision {
  if (check.noReportMs === false) return { raise: false, reason: 'switched-off' };
  if (check.latestPeriod === null) return { raise: false, reason: 'never-reported' };
  if (check.closedAt !== null && check.closedAt <= check.period) return { raise: false, reason: 'unit-closed' };
  if (check.latestPeriod >= check.period) return { raise: false, reason: 'reported-since' };
  return { raise: true, reason: 'silent-past-grace' };
}

/** The period after `latest`, and the instant silence about it counts (`end`: the period's end plus the allowance for a late report). */
export function silenceDue(latest: number, next: (start: number) => number, end: (period: number) => number): { period: number; due: number } {
  const period = next(latest);
  return { period, due: end(period) };
}
