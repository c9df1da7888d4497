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
  has(indicator: string): boolean;
  periodDays: number;
  /** Report dates of the indicator missed in a row before a silence is a pause, not a late return. */
  missedAtLeast: number;
  /**
   * Whether a unit's row (DayReadings.rows) says it stayed in the collection: in the sitreps a row with
   * blank cells is a missing return, never a pause; monthly A&E providers drop in and out of the file.
   */
  byRows: boolean;
}

/**
 * Where a unit left a collection and came back, or left it for good while others went on reporting
 * (RNN's A&E figures stop in August 2017 and come back in June 2024; RDY's stop in October 2016):
 * counted in the report dates of the indicator (those on which anyone reported it), so the
 * collection's own pauses (between winters, between the two A&E files, an indicator dropped for a
 * while) are never a unit's. In a collection `byRows`, a silence holding any row of the unit is no
 * pause. Indicators in `discontinued` (nobody reports them any more) are left out at the end.
 */
export function pausedReports(days: readonly DayReadings[], timeZone: string, collections: readonly Collection[], discontinued: ReadonlySet<string>): PausedUnit[] {
  const collectionOf = (indicator: string) => collections.find((c) => c.has(indicator))!;
  const clocks = new Map(collections.map((c) => [c, periodClock(c.periodDays * DAY_MS, timeZone)]));
  /** Report dates of each indicator so far. */
  const dateCount = new Map<string, number>();
  /** Per unit, the position (in `days`) of its latest row before the day being read. */
  const lastRow = new Map<string, number>();
  const last = new Map<string, { ts: number; index: number; position: number }>();
  const stretches = new Map<string, Map<string, Array<{ from: string; to?: string }>>>();
  const add = (unit: string, indicator: string, from: number, to?: number) => {
    const byIndicator = stretches.get(unit) ?? stretches.set(unit, new Map()).get(unit)!;
    const list = byIndicator.get(indicator) ?? byIndicator.set(indicator, []).get(indicator)!;
    list.push(to === undefined ? { from: new Date(from).toISOString() } : { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  };
  const rowInGap = (collection: Collection, unit: string, position: number) => collection.byRows && (lastRow.get(unit) ?? -1) > position;
  days.forEach((day, position) => {
    const seen = new Set(day.readings.map((r) => r.indicator));
    for (const reading of day.readings) {
      const collection = collectionOf(reading.indicator);
      const index = dateCount.get(reading.indicator) ?? 0;
      const key = `${reading.unit}\u0000${reading.indicator}`;
      const ts = Date.parse(reading.ts);
      const before = last.get(key);
      if (before && before.index === index) before.ts = Math.max(before.ts, ts);
      else {
        if (before && index - before.index - 1 >= collection.missedAtLeast && !rowInGap(collection, reading.unit, before.position)) {
          const clock = clocks.get(collection)!;
          add(reading.unit, reading.indicator, clock.next(clock.start(before.ts)), clock.start(ts));
        }
        last.set(key, { ts, index, position });
      }
    }
    for (const indicator of seen) dateCount.set(indicator, (dateCount.get(indicator) ?? 0) + 1);
    for (const unit of day.rows ?? []) lastRow.set(unit, position);
  });
  for (const [key, { ts, index, position }] of last) {
    const [unit, indicator] = key.split('\u0000') as [string, string];
    const collection = collectionOf(indicator);
    if (discontinued.has(indicator) || dateCount.get(indicator)! - 1 - index < collection.missedAtLeast) continue;
    if (rowInGap(collection, unit, position)) continue;
    const clock = clocks.get(collection)!;
    add(unit, indicator, clock.next(clock.start(ts)));
  }
  return [...stretches]
    .map(([code, byIndicator]) => ({ code, paused: Object.fromEntries([...byIndicator].sort(([a], [b]) => a.localeCompare(b))) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
