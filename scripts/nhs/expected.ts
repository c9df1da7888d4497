import { periodClock } from '../../server/domain/periods';
import { AE_INDICATORS, DAY_MS, MONTHLY_PERIOD_DAYS } from './catalogue';
import { pausedReports, type PausedUnit } from './paused';
import type { DayReadings } from './sitrep-readings';

/**
 * Which reports the engine should expect, so that a missing report means a trust fell silent and not
 * that the collection changed. Worked out from the data, since a backfill knows what came next.
 *
 * How long a silence at the end of the data has to be before it is a trust (or a collection) that
 * stopped for good rather than a gap still running. In the sitreps no trust's returns stop within a
 * winter: trusts stop between winters (merged into a successor, or left the collection), and the
 * longest gap a trust came back from is 11 days without a figure (RRJ, 24 Feb – 6 Mar 2022; RTF in
 * February 2017 and RHW in February 2016 are 10).
 */
export const STOPPED_AFTER_DAYS = 14;

export type Collection = 'sitrep' | 'ae';

export interface StoppedUnit {
  code: string;
  /** The last report date with a reading from it. */
  lastDate: string;
  /** Days from that date to the end of the data. */
  silentDays: number;
  /** The instant just after its last reported day (local midnight): no report is expected after it. */
  closed: string;
}

export interface StartedUnit {
  code: string;
  /** The first report date with a reading from it of an indicator it started later than the data did. */
  firstDate: string;
  /**
   * Per indicator it first reported later than anyone else did: the start of the period (of that
   * indicator: a day, or a 28-day A&E month) holding its first reading. No report is expected before.
   */
  opened: Record<string, string>;
}

export interface Discontinued {
  indicator: string;
  /** The last report date anyone reported it. */
  lastDate: string;
}

export interface CollectionBreak {
  collection: Collection;
  /** Days between two consecutive report dates of the collection, the longest such. */
  days: number;
  from: string;
  to: string;
}

export interface Expectations {
  /** The last report date of the import. */
  dataEnd: string | null;
  stopped: StoppedUnit[];
  /** Units whose first report comes after the data's first day: new trusts and providers. */
  started: StartedUnit[];
  /** Indicators nobody reports after a date well before the data ends: the collection stopped, not the trusts. */
  discontinued: Discontinued[];
  /** Units that left a collection while it went on (and came back, or did not): not expected meanwhile. */
  paused: PausedUnit[];
  /** Collections whose own calendar has breaks longer than their period (weekends in 2015-16, summers between winters, months). */
  breaks: CollectionBreak[];
}

export const collectionOf = (indicator: string): Collection => ((AE_INDICATORS as readonly string[]).includes(indicator) ? 'ae' : 'sitrep');
const PERIOD_DAYS: Record<Collection, number> = { sitrep: 1, ae: MONTHLY_PERIOD_DAYS };
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** A silence long enough to be a stop: two weeks, and at least two of the indicator's periods. */
const stopsAfter = (periodDays: number) => Math.max(STOPPED_AFTER_DAYS, 2 * periodDays);

/**
 * What the data says about who is expected to report what. `timeZone` places the end of a unit's last
 * reported day (the sitreps' days are English days).
 */
export function expectedReports(days: readonly DayReadings[], timeZone: string): Expectations {
  const dataEnd = days.at(-1)?.date ?? null;
  const units = new Map<string, { lastDate: string; lastTs: number; periodDays: number }>();
  /** Per unit and indicator, its first reading (days come in date order, so the first date seen is the first). */
  const firsts = new Map<string, Map<string, { firstDate: string; firstTs: number }>>();
  const indicators = new Map<string, string>();
  const reportDates: Record<Collection, string[]> = { sitrep: [], ae: [] };
  for (const day of days) {
    const seen = new Set<Collection>();
    for (const reading of day.readings) {
      const collection = collectionOf(reading.indicator);
      seen.add(collection);
      const ts = Date.parse(reading.ts);
      const unit = units.get(reading.unit);
      const unitFirsts = firsts.get(reading.unit) ?? firsts.set(reading.unit, new Map()).get(reading.unit)!;
      const first = unitFirsts.get(reading.indicator);
      if (!first) unitFirsts.set(reading.indicator, { firstDate: day.date, firstTs: ts });
      else if (first.firstDate === day.date) first.firstTs = Math.min(first.firstTs, ts);
      // Days come in date order: a new date is the unit's latest so far; on its last date, the latest
      // reading places the end of its last period, and the shortest period says how soon it is missed.
      if (unit?.lastDate !== day.date) units.set(reading.unit, { lastDate: day.date, lastTs: ts, periodDays: PERIOD_DAYS[collection] });
      else {
        unit.lastTs = Math.max(unit.lastTs, ts);
        unit.periodDays = Math.min(unit.periodDays, PERIOD_DAYS[collection]);
      }
      indicators.set(reading.indicator, day.date);
    }
    for (const collection of seen) reportDates[collection].push(day.date);
  }
  if (dataEnd === null) return { dataEnd, stopped: [], started: [], discontinued: [], paused: [], breaks: [] };

  const day = periodClock(DAY_MS, timeZone);
  const stopped: StoppedUnit[] = [];
  for (const [code, unit] of units) {
    const silentDays = daysBetween(unit.lastDate, dataEnd);
    if (silentDays < stopsAfter(unit.periodDays)) continue;
    stopped.push({ code, lastDate: unit.lastDate, silentDays, closed: new Date(day.next(day.start(unit.lastTs))).toISOString() });
  }
  stopped.sort((a, b) => a.lastDate.localeCompare(b.lastDate) || a.code.localeCompare(b.code));

  const started = startedUnits(firsts, timeZone);

  const discontinued = [...indicators.entries()]
    .filter(([indicator, lastDate]) => daysBetween(lastDate, dataEnd) >= stopsAfter(PERIOD_DAYS[collectionOf(indicator)]))
    .map(([indicator, lastDate]) => ({ indicator, lastDate }))
    .sort((a, b) => a.indicator.localeCompare(b.indicator));

  const breaks: CollectionBreak[] = [];
  for (const collection of ['sitrep', 'ae'] as const) {
    const dates = reportDates[collection];
    let longest: CollectionBreak | null = null;
    for (let i = 1; i < dates.length; i++) {
      const gap = daysBetween(dates[i - 1]!, dates[i]!);
      if (gap > (longest?.days ?? PERIOD_DAYS[collection])) longest = { collection, days: gap, from: dates[i - 1]!, to: dates[i]! };
    }
    if (longest) breaks.push(longest);
  }
  const collections = (['sitrep', 'ae'] as const).map((c) => ({
    has: (indicator: string) => collectionOf(indicator) === c,
    periodDays: PERIOD_DAYS[c],
    // As long a silence as a stop (two weeks, and two periods), counted in the collection's report dates.
    missedAtLeast: Math.max(2, Math.ceil(STOPPED_AFTER_DAYS / PERIOD_DAYS[c])),
    byRows: c === 'sitrep',
  }));
  const closedAt = new Map(stopped.map((s) => [s.code, Date.parse(s.closed)]));
  const paused = withoutClosed(pausedReports(days, timeZone, collections, new Set(discontinued.map((d) => d.indicator))), closedAt);
  return { dataEnd, stopped, started, discontinued, paused, breaks };
}

/** A pause for good from the unit's own `closed` on only repeats it: left out (and a unit left with none). */
export function withoutClosed(paused: readonly PausedUnit[], closedAt: ReadonlyMap<string, number>): PausedUnit[] {
  return paused.flatMap((p) => {
    const closed = closedAt.get(p.code);
    if (closed === undefined) return [p];
    const kept = Object.entries(p.paused)
      .map(([indicator, list]) => [indicator, list.filter((s) => s.to !== undefined || Date.parse(s.from) < closed)] as const)
      .filter(([, list]) => list.length > 0);
    return kept.length === 0 ? [] : [{ code: p.code, paused: Object.fromEntries(kept) }];
  });
}

/**
 * Units that first reported an indicator in a later period than the indicator's first in the data
 * (a new trust; a provider that joined the A&E collection years after its bed returns): `opened` per
 * such indicator at the start of the period holding its first reading, so it counts in that period.
 */
function startedUnits(firsts: ReadonlyMap<string, ReadonlyMap<string, { firstDate: string; firstTs: number }>>, timeZone: string): StartedUnit[] {
  const clocks = new Map((['sitrep', 'ae'] as const).map((c) => [c, periodClock(PERIOD_DAYS[c] * DAY_MS, timeZone)]));
  const periodOf = (indicator: string, ts: number) => clocks.get(collectionOf(indicator))!.start(ts);
  const dataFirst = new Map<string, number>();
  for (const unitFirsts of firsts.values()) {
    for (const [indicator, first] of unitFirsts) dataFirst.set(indicator, Math.min(dataFirst.get(indicator) ?? Infinity, periodOf(indicator, first.firstTs)));
  }
  const started: StartedUnit[] = [];
  for (const [code, unitFirsts] of firsts) {
    const late = [...unitFirsts].filter(([indicator, first]) => periodOf(indicator, first.firstTs) > dataFirst.get(indicator)!).sort(([a], [b]) => a.localeCompare(b));
    if (late.length === 0) continue;
    const opened = Object.fromEntries(late.map(([indicator, first]) => [indicator, new Date(periodOf(indicator, first.firstTs)).toISOString()]));
    started.push({ code, firstDate: late.map(([, first]) => first.firstDate).sort()[0]!, opened });
  }
  return started.sort((a, b) => a.firstDate.localeCompare(b.firstDate) || a.code.localeCompare(b.code));
}

/**
 * An indicator's `noReport` (ms, or false), or undefined for the default: off where the collection
 * stopped; where the collection's own calendar pauses, the longest pause, so a pause of the
 * collection is never read as a trust's silence (a trust is missing once the others have reported again).
 */
export function noReportFor(expectations: Expectations, indicator: string, dayMs = DAY_MS): number | false | undefined {
  if (expectations.discontinued.some((d) => d.indicator === indicator)) return false;
  const pause = expectations.breaks.find((b) => b.collection === collectionOf(indicator));
  return pause === undefined ? undefined : pause.days * dayMs;
}
