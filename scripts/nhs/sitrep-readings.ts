import type { Reading } from '../../shared/api';
import { SITREP_INDICATORS, type SitrepIndicator } from './catalogue';
import type { Placements } from './placement';
import { collectedColumns, ENGLAND_CODE, type SitrepRow } from './sitreps';
import { Tally } from './tally';

/**
 * The sitrep is a snapshot at 08:00; every winter in the data is on GMT, so 08:00 is 08:00Z. Had a
 * date been in BST, 08:00Z would be 09:00 there: the same Europe/London day either way, which is
 * what a reading's period follows.
 */
export const SITREP_TIME = 'T08:00:00Z';

export interface DayReadings {
  date: string;
  readings: Reading[];
}

export interface NationalCheck {
  indicator: SitrepIndicator;
  datesCompared: number;
  /** Dates where the published England row differs from the sum of the trusts' rows. */
  differing: Array<{ date: string; england: number; trusts: number }>;
}

export interface SitrepOutcome {
  days: DayReadings[];
  rowsUsed: number;
  skippedRows: Tally;
  /** Empty cells in columns the season did collect: that reading is skipped. */
  missingCells: Tally;
  /** Columns empty for a whole season (not collected that winter), with the rows affected. */
  notCollected: Map<string, { columns: SitrepIndicator[]; rows: number }>;
  quirks: Tally;
  nationalRows: number;
  nationalCheck: NationalCheck[];
}

const place = (row: SitrepRow) => `line ${row.line}`;

/** Turns sitrep rows into each day's unit readings, counting every cell left out and why. */
export function sitrepReadings(rows: readonly SitrepRow[], placements: Placements): SitrepOutcome {
  const collected = collectedColumns(rows);
  const skippedRows = new Tally();
  const missingCells = new Tally();
  const quirks = new Tally();
  const notCollected = new Map<string, { columns: SitrepIndicator[]; rows: number }>();
  const byDate = new Map<string, Reading[]>();
  const england = new Map<string, SitrepRow>();
  const trustSums = new Map<string, Map<SitrepIndicator, number>>();
  let rowsUsed = 0;

  for (const row of rows) {
    if (row.org === ENGLAND_CODE) {
      england.set(row.date, row);
      continue;
    }
    const placement = placements.of(row.org);
    if (!placement.placed) {
      skippedRows.add(`provider ${row.org} cannot be placed (${placement.reason})`, place(row));
      continue;
    }
    const inSeason = collected.get(row.season)!;
    const absent = SITREP_INDICATORS.filter((column) => !inSeason.has(column));
    if (absent.length > 0) {
      const entry = notCollected.get(row.season) ?? { columns: absent, rows: 0 };
      entry.rows++;
      notCollected.set(row.season, entry);
    }
    const ts = `${row.date}${SITREP_TIME}`;
    const readings = byDate.get(row.date) ?? [];
    const sums = trustSums.get(row.date) ?? new Map<SitrepIndicator, number>();
    let used = false;
    for (const indicator of SITREP_INDICATORS) {
      const value = row.values[indicator];
      if (value === null) {
        if (inSeason.has(indicator)) missingCells.add(indicator, place(row));
        continue;
      }
      readings.push({ unit: row.org, indicator, ts, value });
      sums.set(indicator, (sums.get(indicator) ?? 0) + value);
      used = true;
    }
    noteQuirks(row, quirks);
    if (used) rowsUsed++;
    else skippedRows.add('no value in any imported column', place(row));
    byDate.set(row.date, readings);
    trustSums.set(row.date, sums);
  }

  const days = [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, readings]) => ({ date, readings }));
  return {
    days, rowsUsed, skippedRows, missingCells, notCollected, quirks,
    nationalRows: england.size,
    nationalCheck: checkNational(england, trustSums, collected),
  };
}

function noteQuirks(row: SitrepRow, quirks: Tally): void {
  const v = row.values;
  const over = (occupied: number | null, open: number | null) => occupied !== null && open !== null && occupied > open;
  if (over(v.ga_beds_occupied, v.ga_beds_open)) {
    quirks.add('G&A beds occupied above beds open (kept as published)', `line ${row.line} ${row.org} ${row.date} ${v.ga_beds_occupied}>${v.ga_beds_open}`);
  }
  if (over(v.cc_adult_beds_occupied, v.cc_adult_beds_open)) {
    quirks.add('critical-care beds occupied above beds open (kept as published)', `line ${row.line}`);
  }
}

function checkNational(
  england: Map<string, SitrepRow>,
  trustSums: Map<string, Map<SitrepIndicator, number>>,
  collected: Map<string, Set<string>>,
): NationalCheck[] {
  return SITREP_INDICATORS.map((indicator) => {
    const check: NationalCheck = { indicator, datesCompared: 0, differing: [] };
    for (const [date, row] of [...england.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (!collected.get(row.season)?.has(indicator)) continue;
      const published = row.values[indicator];
      if (published === null) continue;
      check.datesCompared++;
      const trusts = trustSums.get(date)?.get(indicator) ?? 0;
      if (trusts !== published) check.differing.push({ date, england: published, trusts });
    }
    return check;
  });
}
