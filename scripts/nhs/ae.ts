import { join } from 'node:path';
import { InputFileError, readCsv, readNumber, type CsvRow } from './csv';
import type { AeProvider } from './placement';
import { isDate } from './sitreps';

export const AE_2016_FILE = 'ae_attendances_2016_2019.csv';
export const AE_2024_FILE = 'ae_monthly_2024_25.csv';

const AE_2016_COLUMNS = ['period', 'org_code', 'type', 'attendances', 'breaches', 'admissions'] as const;
const TYPES = ['type1', 'type2', 'other'] as const;
const AE_2024_COUNTS = [
  ...TYPES.map((t) => `ae_${t}`), ...TYPES.map((t) => `booked_${t}`),
  ...TYPES.map((t) => `over4h_${t}`), ...TYPES.map((t) => `over4h_booked_${t}`),
  'dta_wait_4_12h', 'dta_wait_12h_plus',
  ...TYPES.map((t) => `em_adm_via_ae_${t}`), 'em_adm_other',
];
const AE_2024_COLUMNS = ['period', 'org_code', 'parent_org', 'org_name', ...AE_2024_COUNTS];

/** One provider's A&E month, all department types together. */
export interface AeMonth {
  file: string;
  /** The first line the month was read from. */
  line: number;
  /** YYYY-MM-01. */
  month: string;
  org: string;
  attendances: number;
  /** Attendances that left A&E within 4 hours (attendances − over-4-hour). */
  within4h: number;
  /** Patients who waited 12 hours or more from decision to admit; not in the 2016–19 file. */
  trolley12h: number | null;
  /** The provider's NHS England region (`NHS ENGLAND LONDON`) and name as published; only the 2024–25 file has them. */
  parentOrg?: string;
  orgName?: string;
}

function checkKey(row: CsvRow, file: string): { month: string; org: string } {
  const month = row.get('period');
  const org = row.get('org_code');
  if (!isDate(month) || !month.endsWith('-01')) throw new InputFileError(file, row.line, `column "period" holds "${month}", expected the first day of a month (YYYY-MM-01)`);
  if (!/^[A-Z0-9]+$/.test(org)) throw new InputFileError(file, row.line, `column "org_code" holds "${org}", expected an ODS code`);
  return { month, org };
}

const need = (row: CsvRow, column: string, file: string): number => {
  const value = readNumber(row, column, file);
  if (value === null) throw new InputFileError(file, row.line, `column "${column}" is empty; this file has no missing values`);
  return value;
};

function checkBreaches(attendances: number, over4h: number, row: CsvRow, file: string): void {
  if (over4h > attendances) throw new InputFileError(file, row.line, `more attendances over 4 hours (${over4h}) than attendances (${attendances})`);
}

/** NHSRdatasets `ae_attendances`: one row per provider, month and department type. */
export function readAe2016(dir: string): { rowsRead: number; months: AeMonth[] } {
  const file = join(dir, AE_2016_FILE);
  const rows = readCsv(file, AE_2016_COLUMNS);
  const months = new Map<string, AeMonth>();
  for (const row of rows) {
    const { month, org } = checkKey(row, file);
    const type = row.get('type');
    if (!['1', '2', 'other'].includes(type)) throw new InputFileError(file, row.line, `column "type" holds "${type}", expected 1, 2 or other`);
    const attendances = need(row, 'attendances', file);
    const breaches = need(row, 'breaches', file);
    need(row, 'admissions', file);
    checkBreaches(attendances, breaches, row, file);
    const key = `${month} ${org}`;
    const found = months.get(key) ?? { file, line: row.line, month, org, attendances: 0, within4h: 0, trolley12h: null };
    found.attendances += attendances;
    found.within4h += attendances - breaches;
    months.set(key, found);
  }
  return { rowsRead: rows.length, months: [...months.values()] };
}

/**
 * NHS England's monthly A&E return. Booked appointments count as attendances, as in the published
 * 4-hour figure (all England, March 2025: 75.0 %).
 */
export function readAe2024(dir: string): { rowsRead: number; months: AeMonth[] } {
  const file = join(dir, AE_2024_FILE);
  const rows = readCsv(file, AE_2024_COLUMNS);
  const seen = new Set<string>();
  const months = rows.map((row): AeMonth => {
    const { month, org } = checkKey(row, file);
    const key = `${month} ${org}`;
    if (seen.has(key)) throw new InputFileError(file, row.line, `a second row for ${org} in ${month}`);
    seen.add(key);
    const counts = Object.fromEntries(AE_2024_COUNTS.map((column) => [column, need(row, column, file)]));
    const sum = (prefix: string) => TYPES.reduce((total, t) => total + counts[`${prefix}${t}`]!, 0);
    const attendances = sum('ae_') + sum('booked_');
    const over4h = sum('over4h_') + sum('over4h_booked_');
    checkBreaches(attendances, over4h, row, file);
    const parentOrg = row.get('parent_org').trim();
    const orgName = row.get('org_name').trim();
    if (parentOrg === '') throw new InputFileError(file, row.line, 'column "parent_org" is empty; every provider in this file has its region');
    return { file, line: row.line, month, org, attendances, within4h: attendances - over4h, trolley12h: counts.dta_wait_12h_plus!, parentOrg, orgName };
  });
  return { rowsRead: rows.length, months };
}

/**
 * What the monthly A&E file says of each provider: its region (`parent_org`) and name, from its latest
 * month (no provider changes region in the file), whatever months an import selects.
 */
export function aeProviders(months: readonly AeMonth[]): Map<string, AeProvider> {
  const latest = new Map<string, AeMonth>();
  for (const month of months) {
    if (month.parentOrg === undefined) continue;
    const known = latest.get(month.org);
    if (!known || month.month > known.month) latest.set(month.org, month);
  }
  return new Map([...latest].map(([org, month]) => [org, { parentOrg: month.parentOrg!, name: month.orgName || org }]));
}
