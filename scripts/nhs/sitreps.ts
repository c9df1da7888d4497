import { join } from 'node:path';
import { InputFileError, readCsv, readNumber } from './csv';

export const SITREP_FILE = 'winter_sitrep_daily.csv';
export const ENGLAND_CODE = 'ENG';

export const SITREP_NUMERIC_COLUMNS = [
  'ga_beds_open', 'ga_beds_occupied', 'ga_beds_void', 'cc_adult_beds_open', 'cc_adult_beds_occupied',
  'dv_beds_closed', 'dv_beds_closed_unoccupied', 'long_stay_over_7_days', 'long_stay_over_21_days',
  'amb_handover_30_60_min', 'amb_handover_over_60_min', 'flu_beds_ga', 'flu_beds_cc', 'ae_attendances',
  'ae_closures', 'ae_diverts',
] as const;
export type SitrepColumn = (typeof SITREP_NUMERIC_COLUMNS)[number];
export const SITREP_COLUMNS = ['season', 'date', 'org_code', ...SITREP_NUMERIC_COLUMNS] as const;

export interface SitrepRow {
  line: number;
  season: string;
  /** YYYY-MM-DD, the day reported on. */
  date: string;
  org: string;
  values: Record<SitrepColumn, number | null>;
}

export interface SitrepSelection {
  /** Seasons to read (e.g. `2017-18`); empty means every season. */
  seasons: readonly string[];
  from?: string;
  to?: string;
}

export interface SitrepFile {
  file: string;
  rowsRead: number;
  /** Rows outside the selected seasons or dates. */
  rowsNotSelected: number;
  seasonsInFile: string[];
  rows: SitrepRow[];
}

const SEASON = /^(\d{4})-(\d{2})$/;
const ORG = /^[A-Z0-9]+$/;

export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(text);
}

/**
 * Reads the daily winter sitreps of the selected seasons and dates, in file order. Every cell of a
 * selected row is checked: a bad one is an error naming the file, line and column.
 */
export function readSitreps(dir: string, selection: SitrepSelection): SitrepFile {
  const file = join(dir, SITREP_FILE);
  const csvRows = readCsv(file, SITREP_COLUMNS);
  const wanted = new Set(selection.seasons);
  const seasonsInFile = new Set<string>();
  const rows: SitrepRow[] = [];
  let rowsNotSelected = 0;
  for (const row of csvRows) {
    const season = row.get('season');
    const date = row.get('date');
    const org = row.get('org_code');
    if (!SEASON.test(season)) throw new InputFileError(file, row.line, `column "season" holds "${season}", expected a season such as 2017-18`);
    if (!isDate(date)) throw new InputFileError(file, row.line, `column "date" holds "${date}", expected a date YYYY-MM-DD`);
    seasonsInFile.add(season);
    const selected =
      (wanted.size === 0 || wanted.has(season)) &&
      (selection.from === undefined || date >= selection.from) &&
      (selection.to === undefined || date <= selection.to);
    if (!selected) {
      rowsNotSelected++;
      continue;
    }
    // Cells are checked in the rows imported; a row outside the selection cannot affect the import.
    if (!ORG.test(org)) throw new InputFileError(file, row.line, `column "org_code" holds "${org}", expected an ODS code`);
    const values = {} as Record<SitrepColumn, number | null>;
    for (const column of SITREP_NUMERIC_COLUMNS) values[column] = readNumber(row, column, file);
    rows.push({ line: row.line, season, date, org, values });
  }
  const unknown = [...wanted].filter((season) => !seasonsInFile.has(season));
  if (unknown.length > 0) {
    throw new InputFileError(file, null, `no rows for season ${unknown.join(', ')} (the file has ${[...seasonsInFile].sort().join(', ')})`);
  }
  return { file, rowsRead: csvRows.length, rowsNotSelected, seasonsInFile: [...seasonsInFile].sort(), rows };
}

/** The columns that hold at least one value in each season: a column empty all season was not collected then. */
export function collectedColumns(rows: readonly SitrepRow[]): Map<string, Set<SitrepColumn>> {
  const collected = new Map<string, Set<SitrepColumn>>();
  for (const row of rows) {
    let set = collected.get(row.season);
    if (!set) collected.set(row.season, (set = new Set()));
    for (const column of SITREP_NUMERIC_COLUMNS) if (row.values[column] !== null) set.add(column);
  }
  return collected;
}
