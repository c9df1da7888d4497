import type { DataQualityFinding, Reading } from '../../shared/api';
import { SITREP_INDICATORS, type SitrepIndicator } from './catalogue';
import type { Placements } from './placement';
import { collectedColumns, ENGLAND_CODE, SITREP_FILE, type SitrepRow } from './sitreps';
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
  /**
   * Units with a row in the sitrep file that date, with values or with blank cells: a unit with a row
   * did not leave the collection, so its blank cells are missing returns, never a pause.
   */
  rows?: string[];
  /**
   * Published totals of that date that differ from the sum of their members (data quality): recorded
   * beside opsroom's own totals, never in their place.
   */
  findings?: DataQualityFinding[];
}

export interface TotalDifference {
  date: string;
  /** The line of the published total row. */
  line: number;
  published: number;
  /** The sum of the imported rows of its members (every trust for England, the region's trusts for a region). */
  summed: number;
  /** An earlier date whose published figure this one repeats, where that one did add up (a row carried over). */
  repeats: string | null;
}

/** A published total row (England's `ENG`, or a region's) against the sum of its members, for one indicator. */
export interface TotalCheck {
  /** The node the total is for: ENG, or a region code. */
  node: string;
  indicator: SitrepIndicator;
  datesCompared: number;
  /** Dates where the published total differs from the sum of its members' rows. */
  differing: TotalDifference[];
}

/**
 * What is known of a difference: England's ambulance handover totals count handovers at sites that
 * file no bed return (see the data README), so their England row is expected to be higher.
 */
export function knownCause(node: string, indicator: string): string | null {
  return node === ENGLAND_CODE && indicator.startsWith('amb_handover') ? 'England counts handovers at sites with no bed return' : null;
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
  /** Published total rows read (England, and regions where the file has them): used as the check, never as readings. */
  totalRows: Map<string, number>;
  /** Every published total against its members, indicator by indicator, England first. */
  totalChecks: TotalCheck[];
  /** The differences as data-quality findings, one per (node, indicator, date), in date order. */
  findings: DataQualityFinding[];
}

const place = (row: SitrepRow) => `line ${row.line}`;

/**
 * Turns sitrep rows into each day's unit readings, counting every cell left out and why. Rows of
 * England (`ENG`) or of a region (its code in nhs_regions.csv) are published totals: each is checked
 * against the sum of its members' rows, and a difference becomes a data-quality finding on that day.
 */
export function sitrepReadings(rows: readonly SitrepRow[], placements: Placements): SitrepOutcome {
  const collected = collectedColumns(rows);
  const skippedRows = new Tally();
  const missingCells = new Tally();
  const quirks = new Tally();
  const notCollected = new Map<string, { columns: SitrepIndicator[]; rows: number }>();
  const byDate = new Map<string, Reading[]>();
  const rowsByDate = new Map<string, Set<string>>();
  /** Published total rows by node, then date. */
  const totals = new Map<string, Map<string, SitrepRow>>();
  /** Members' sums by node, then date, then indicator. */
  const sums = new Map<string, Map<string, Map<SitrepIndicator, number>>>();
  const add = (node: string, date: string, indicator: SitrepIndicator, value: number) => {
    const byNode = sums.get(node) ?? sums.set(node, new Map()).get(node)!;
    const byDay = byNode.get(date) ?? byNode.set(date, new Map()).get(date)!;
    byDay.set(indicator, (byDay.get(indicator) ?? 0) + value);
  };
  let rowsUsed = 0;

  for (const row of rows) {
    if (placements.isTotal(row.org)) {
      const byNode = totals.get(row.org) ?? totals.set(row.org, new Map()).get(row.org)!;
      byNode.set(row.date, row);
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
    (rowsByDate.get(row.date) ?? rowsByDate.set(row.date, new Set()).get(row.date)!).add(row.org);
    const readings = byDate.get(row.date) ?? [];
    let used = false;
    for (const indicator of SITREP_INDICATORS) {
      const value = row.values[indicator];
      if (value === null) {
        if (inSeason.has(indicator)) missingCells.add(indicator, place(row));
        continue;
      }
      readings.push({ unit: row.org, indicator, ts, value });
      add(ENGLAND_CODE, row.date, indicator, value);
      add(placement.region, row.date, indicator, value);
      used = true;
    }
    noteQuirks(row, quirks);
    if (used) rowsUsed++;
    else skippedRows.add('no value in any imported column', place(row));
    byDate.set(row.date, readings);
  }

  const totalChecks = [...totals.keys()]
    .sort((a, b) => (a === ENGLAND_CODE ? -1 : b === ENGLAND_CODE ? 1 : a.localeCompare(b)))
    .flatMap((node) => checkTotals(node, totals.get(node)!, sums.get(node) ?? new Map(), collected));
  const findings = findingsOf(totalChecks);
  const findingsByDate = new Map<string, DataQualityFinding[]>();
  for (const finding of findings) {
    const date = finding.period.slice(0, 10);
    findingsByDate.set(date, [...(findingsByDate.get(date) ?? []), finding]);
    // A total for a date with no member rows still differs (from nothing): that date gets a day of its own.
    if (!byDate.has(date)) byDate.set(date, []);
  }
  const days = [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, readings]): DayReadings => ({
      date,
      readings,
      ...(rowsByDate.has(date) ? { rows: [...rowsByDate.get(date)!].sort() } : {}),
      ...(findingsByDate.has(date) ? { findings: findingsByDate.get(date)! } : {}),
    }));
  return {
    days, rowsUsed, skippedRows, missingCells, notCollected, quirks,
    totalRows: new Map([...totals].map(([node, byDate]) => [node, byDate.size])),
    totalChecks,
    findings,
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

function checkTotals(
  node: string,
  published: Map<string, SitrepRow>,
  sums: Map<string, Map<SitrepIndicator, number>>,
  collected: Map<string, Set<string>>,
): TotalCheck[] {
  const dates = [...published.keys()].sort();
  return SITREP_INDICATORS.map((indicator) => {
    const check: TotalCheck = { node, indicator, datesCompared: 0, differing: [] };
    /** The latest date of each season whose published figure added up, by that figure. */
    const rightBefore = new Map<string, string>();
    for (const date of dates) {
      const row = published.get(date)!;
      if (!collected.get(row.season)?.has(indicator)) continue;
      const value = row.values[indicator];
      if (value === null) continue;
      check.datesCompared++;
      const summed = sums.get(date)?.get(indicator) ?? 0;
      const key = `${row.season} ${value}`;
      if (summed === value) rightBefore.set(key, date);
      else check.differing.push({ date, line: row.line, published: value, summed, repeats: rightBefore.get(key) ?? null });
    }
    return check;
  });
}

function findingsOf(checks: readonly TotalCheck[]): DataQualityFinding[] {
  const findings = checks.flatMap((check) =>
    check.differing.map((d): DataQualityFinding => {
      const what = check.node === ENGLAND_CODE ? 'the England (ENG) row' : `the ${check.node} row`;
      const notes = [
        `${SITREP_FILE} line ${d.line}: ${what} as published`,
        ...(d.repeats === null ? [] : [`the same figure as published for ${d.repeats}, when it did add up`]),
        ...(knownCause(check.node, check.indicator) === null ? [] : [knownCause(check.node, check.indicator)!]),
      ];
      return { node: check.node, indicator: check.indicator, period: `${d.date}${SITREP_TIME}`, published: d.published, summed: d.summed, source: notes.join('; ') };
    }),
  );
  return findings.sort((a, b) => a.period.localeCompare(b.period) || a.node.localeCompare(b.node) || a.indicator.localeCompare(b.indicator));
}
