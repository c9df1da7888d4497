import { z } from 'zod';

// Bounds on what the API and the configuration accept, each one rule with a named reason.

/**
 * Why a name cannot key a per-level, per-node or per-indicator record: `__proto__`, `constructor`,
 * `toString` and the rest of Object.prototype's names would read the prototype's member, not a setting.
 */
export function reservedNameProblem(name: string): 'reserved-name' | null {
  return name in Object.prototype ? 'reserved-name' : null;
}

export const reservedNameMessage = (name: string) => `"${name}" is a reserved name (a member of every JavaScript object); choose another`;

/** A configuration name that may key a record: refused when it is one of Object.prototype's. */
export const unreservedName = <T extends z.ZodString>(schema: T) =>
  schema.refine((name) => reservedNameProblem(name) === null, { error: (issue) => reservedNameMessage(String(issue.input)) });

/**
 * Why an instant is outside what the room can draw and store: its year in UTC must have four digits
 * (0000–9999). `0000-01-01T00:30:00+01:00` is 31 December of the year −1 in UTC.
 */
export function utcYearProblem(epochMs: number): 'not-a-time' | 'year-not-four-digits' | null {
  if (!Number.isFinite(epochMs)) return 'not-a-time';
  const year = new Date(epochMs).getUTCFullYear();
  return year >= 0 && year <= 9999 ? null : 'year-not-four-digits';
}

/** ISO 8601 instant with an offset (`Z` or `+01:00`) whose UTC year has four digits. */
export const boundedInstantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, e.g. 2026-01-05T08:00:00Z' })
  // Text that is not a time at all is already refused by the format check: one problem, not two.
  .refine((text) => Number.isNaN(Date.parse(text)) || utcYearProblem(Date.parse(text)) === null, { message: 'must be a time whose year in UTC has four digits (0000 to 9999)' });

/** How far back a reading's `ts` may be by default: a year and a leap day before the server clock. */
export const DEFAULT_HISTORY_HORIZON_MS = 366 * 86_400_000;
/** How far ahead of the server clock a reading's ts may be. */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Why a reading's time is refused against the server clock `now`: before the history horizon, or ahead of the clock. */
export function readingTimeProblem(ts: number, now: number, horizonMs: number): 'before-horizon' | 'in-future' | null {
  if (ts < now - horizonMs) return 'before-horizon';
  if (ts > now + MAX_FUTURE_MS) return 'in-future';
  return null;
}
