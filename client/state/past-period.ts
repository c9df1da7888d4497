import { z } from 'zod';
import type { Series } from '../../shared/api';

type Point = Series['points'][number];

const DAY_MS = 86_400_000;

/** `?period=2019-03`: a calendar month to read on the node view. Anything else is dropped (the view shows now). */
export const periodQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, as 2019-03').optional().catch(undefined),
});

export function parsePeriodQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('period');
  return periodQuerySchema.parse(value === null ? {} : { period: value }).period ?? null;
}

/** The query string with `period` set (or removed), every other key kept as it was. */
export function searchWithPeriod(search: string, month: string | null): string {
  const params = new URLSearchParams(search);
  if (month === null) params.delete('period');
  else params.set('period', month);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00Z`);
const nextMonthStart = (month: string) => {
  const next = new Date(monthStart(month));
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next.getTime();
};

/**
 * What to ask /api/series for: the periods starting from a day before the month (a local day may
 * start the evening before in UTC) to its end.
 */
export function seriesWindow(month: string): { from: string; to: string } {
  return { from: new Date(monthStart(month) - DAY_MS).toISOString(), to: new Date(nextMonthStart(month)).toISOString() };
}

/**
 * The figure a month shows: the latest period with a value whose first day falls in the month (read
 * at that day's middle, so a day starting at 23:00 UTC is its own date). A monthly A&E figure is one
 * period; a daily one is the month's last reported day. Null where the month has none.
 */
export function pointInMonth(points: readonly Point[], month: string, periodMs: number): Point | null {
  const from = monthStart(month);
  const to = nextMonthStart(month);
  let found: Point | null = null;
  for (const point of points) {
    if (point.value === null) continue;
    const middle = Date.parse(point.period) + Math.min(periodMs, DAY_MS) / 2;
    if (middle < from || middle >= to) continue;
    if (found === null || Date.parse(point.period) > Date.parse(found.period)) found = point;
  }
  return found;
}

/** "March 2019". */
export const monthWords = (month: string): string =>
  new Date(monthStart(month) + 15 * DAY_MS).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2019-03" for an instant (UTC). */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/**
 * The period a past figure is for, with its year: "31 Mar 2019" for a day, "14 Mar – 10 Apr 2019"
 * for longer periods. Days are read at their middle (in UTC), so a local day that starts the evening
 * before in UTC still reads as its own date.
 */
export function pastPeriodWords(period: string, periodMs: number): string {
  const first = Date.parse(period) + DAY_MS / 2;
  const date = (ms: number, parts: Intl.DateTimeFormatOptions) => new Date(ms).toLocaleDateString('en-GB', { ...parts, timeZone: 'UTC' });
  if (periodMs < DAY_MS) return new Date(period).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  if (periodMs === DAY_MS) return date(first, { day: 'numeric', month: 'short', year: 'numeric' });
  const last = first + periodMs - DAY_MS;
  return `${date(first, { day: 'numeric', month: 'short' })} – ${date(last, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** A period this long is a month's figure (A&E's, in 28-day engine periods). */
const MONTHLY_MS = 28 * DAY_MS;

/**
 * What the past table says a figure is for: a monthly figure names its month as published ("March
 * 2019"), not the engine period that holds it ("21 Mar – 17 Apr 2019" reads as the span it covers);
 * pointInMonth picks the period holding the month's figure, which always starts in that month.
 */
export function pastFigurePeriodWords(period: string, periodMs: number, month: string): string {
  return periodMs >= MONTHLY_MS ? monthWords(month) : pastPeriodWords(period, periodMs);
}

/** A past share with one decimal as NHS England publishes it ("90.0%", not "90%"); anything else as splitValue writes it. */
export function pastFigureWords(value: { number: string; unit: string }, raw: number): string {
  if (value.unit === '%') return `${(raw * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  return `${value.number}${value.unit === '' ? '' : ` ${value.unit}`}`;
}

/**
 * What coverage leaves out: "2 units not expected (paused)" below a node; on a unit, "not expected
 * since 1 Jan 2017 (paused)". Empty where nobody was paused.
 */
export function pausedWords(paused: { units: number; since: string | null } | undefined, isUnit: boolean): string {
  if (paused === undefined) return '';
  const since = paused.since === null ? '' : ` since ${pastPeriodWords(paused.since, DAY_MS)}`;
  if (isUnit) return `not expected${since} (paused)`;
  return `${paused.units} unit${paused.units === 1 ? '' : 's'} not expected (paused${since})`;
}
