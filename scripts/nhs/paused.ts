import { periodClock } from '../../server/domain/periods';
import { DAY_MS } from './catalogue';
import type { DayReadings } from './sitrep-readings';

/** A unit's stretches without reports of an indicator, while its collection went on: not expected then. */
export interface PausedUnit {
  code: string;
  /** Per indicator, from the period after its last reading before the silence to the period of its next (none: for good). */
  paused: Record<string, Array<{ from: string; to?: string }>>;
}

interface Collection {
  /** A report date of the collection's own calendar. */
  has(indicator: string): boolean;
  periodDays: number;
  /** Report dates of the collection missed in a row before a silence is a pause, not a late return. */
  missedAtLeast: number;
}

/**
 * Where a unit left a collection and came back, or left it for good while others went on reporting
 * (RNN's A&E figures stop in August 2017 and come back in June 2024; RDY's stop in October 2016):
 * counted in report dates of that collection, so the collection's own pauses (between winters, between
 * the two A&E files) are never a unit's. Indicators in `discontinued` (nobody reports them any more)
 * are left out at the end: the collection stopped, not the unit.
 */
export function pausedReports(days: readonly DayReadings[], timeZone: string, collections: readonly Collection[], discontinued: ReadonlySet<string>): PausedUnit[] {
  const collectionOf = (indicator: string) => collections.find((c) => c.has(indicator))!;
  const clocks = new Map(collections.map((c) => [c, periodClock(c.periodDays * DAY_MS, timeZone)]));
  const dateCount = new Map(collections.map((c) => [c, 0]));
  const last = new Map<string, { ts: number; index: number }>();
  const stretches = new Map<string, Map<string, Array<{ from: string; to?: string }>>>();
  const add = (unit: string, indicator: string, from: number, to?: number) => {
    const byIndicator = stretches.get(unit) ?? stretches.set(unit, new Map()).get(unit)!;
    const list = byIndicator.get(indicator) ?? byIndicator.set(indicator, []).get(indicator)!;
    list.push(to === undefined ? { from: new Date(from).toISOString() } : { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  };
  for (const day of days) {
    const seen = new Set(day.readings.map((r) => collectionOf(r.indicator)));
    for (const reading of day.readings) {
      const collection = collectionOf(reading.indicator);
      const index = dateCount.get(collection)!;
      const key = `${reading.unit}\u0000${reading.indicator}`;
      const ts = Date.parse(reading.ts);
      const before = last.get(key);
      if (before && before.index === index) before.ts = Math.max(before.ts, ts);
      else {
        if (before && index - before.index - 1 >= collection.missedAtLeast) {
          const clock = clocks.get(collection)!;
          add(reading.unit, reading.indicator, clock.next(clock.start(before.ts)), clock.start(ts));
        }
        last.set(key, { ts, index });
      }
    }
    for (const collection of seen) dateCount.set(collection, dateCount.get(collection)! + 1);
  }
  for (const [key, { ts, index }] of last) {
    const [unit, indicator] = key.split('\u0000') as [string, string];
    const collection = collectionOf(indicator);
    if (discontinued.has(indicator) || dateCount.get(collection)! - 1 - index < collection.missedAtLeast) continue;
    const clock = clocks.get(collection)!;
    add(unit, indicator, clock.next(clock.start(ts)));
  }
  return [...stretches]
    .map(([code, byIndicator]) => ({ code, paused: Object.fromEntries([...byIndicator].sort(([a], [b]) => a.localeCompare(b))) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
