import type { DataQualityFinding, Reading } from '../../shared/api';
import { AE_2016_FILE, AE_2024_FILE, aeProviders, readAe2016, readAe2024, type AeMonth } from './ae';
import { aeReadings, type AeOutcome } from './ae-readings';
import { buildConfig, NHS_TIME_ZONE, type BuiltConfig } from './build-config';
import { expectedReports, type Expectations } from './expected';
import { Placements, type Placed, type Unplaced } from './placement';
import { ICBS_FILE, loadReference, REGIONS_FILE, TRUSTS_FILE } from './reference';
import { sitrepReadings, type DayReadings, type SitrepOutcome } from './sitrep-readings';
import { readSitreps, SITREP_FILE } from './sitreps';

export interface ImportOptions {
  dir: string;
  /** Sitrep seasons (e.g. `2017-18`); empty means every season in the file. */
  seasons: readonly string[];
  from?: string;
  to?: string;
  /** Also read the monthly A&E files. */
  ae: boolean;
  allowanceDays: Record<string, number>;
  /** How long one reported day lasts in the generated configuration (default: a day). */
  dayMs?: number;
}

export interface ImportPlan {
  built: BuiltConfig;
  /** Each report date's readings, in date order. */
  days: DayReadings[];
  readingCount: number;
  files: Array<{ file: string; rowsRead: number }>;
  seasons: string[];
  sitrepRowsNotSelected: number;
  /** Rows of the selected seasons and dates: every cell of these was checked. */
  sitrepRowsSelected: number;
  sitreps: SitrepOutcome;
  ae: AeOutcome | null;
  aeMonthsNotSelected: number;
  /** Closed or merged trusts kept under their own code. */
  successions: Array<Placed & { succession: string }>;
  /** Trusts that stopped reporting for good, indicators no longer collected, pauses of the collection. */
  expected: Expectations;
  /** Every unit in the configuration, by code. */
  units: Map<string, Placed>;
  unplaced: Unplaced[];
  /** Published totals that differ from the sums of their members, in date order (also on their days). */
  findings: DataQualityFinding[];
}

function mergeDays(...lists: DayReadings[][]): DayReadings[] {
  const byDate = new Map<string, { readings: Reading[]; findings: DataQualityFinding[]; rows: string[] }>();
  for (const list of lists) {
    for (const day of list) {
      const merged = byDate.get(day.date) ?? { readings: [], findings: [], rows: [] };
      merged.readings.push(...day.readings);
      merged.findings.push(...(day.findings ?? []));
      merged.rows.push(...(day.rows ?? []));
      byDate.set(day.date, merged);
    }
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, { readings, findings, rows }]) => ({ date, readings, ...(rows.length > 0 ? { rows } : {}), ...(findings.length > 0 ? { findings } : {}) }));
}

/** Reads and checks every file, places every provider, and builds the configuration and the readings. */
export function planImport(options: ImportOptions): ImportPlan {
  const reference = loadReference(options.dir);
  const older = options.ae ? readAe2016(options.dir) : null;
  const newer = options.ae ? readAe2024(options.dir) : null;
  // What the monthly file says of its providers places them, whichever months are selected.
  const placements = new Placements(reference, newer ? aeProviders(newer.months) : new Map());
  const sitrepFile = readSitreps(options.dir, options);
  const sitreps = sitrepReadings(sitrepFile.rows, placements);
  const seasons = [...new Set(sitrepFile.rows.map((row) => row.season))].sort();

  const files = [
    { file: REGIONS_FILE, rowsRead: reference.regions.size },
    { file: ICBS_FILE, rowsRead: reference.icbs.size },
    { file: TRUSTS_FILE, rowsRead: reference.trusts.size },
    { file: SITREP_FILE, rowsRead: sitrepFile.rowsRead },
  ];
  let ae: AeOutcome | null = null;
  let aeMonthsNotSelected = 0;
  if (older && newer) {
    files.push({ file: AE_2016_FILE, rowsRead: older.rowsRead }, { file: AE_2024_FILE, rowsRead: newer.rowsRead });
    const inRange = (m: AeMonth) => (options.from === undefined || m.month >= options.from.slice(0, 7)) && (options.to === undefined || m.month <= options.to);
    const all = [...older.months, ...newer.months];
    const chosen = all.filter(inRange);
    aeMonthsNotSelected = all.length - chosen.length;
    ae = aeReadings(chosen, placements);
  }

  const days = mergeDays(sitreps.days, ae?.days ?? []);
  const reports = new Map<string, Set<string>>();
  for (const day of days) for (const r of day.readings) (reports.get(r.unit) ?? reports.set(r.unit, new Set()).get(r.unit)!).add(r.indicator);
  const reporting = new Set(reports.keys());
  const units = placements.placed().filter((unit) => reporting.has(unit.code));
  const expected = expectedReports(days, NHS_TIME_ZONE);
  const built = buildConfig({
    name: `NHS England ${seasons.length > 0 ? `winter sitreps ${seasons.join(', ')}` : 'data'}${options.ae ? ' and monthly A&E' : ''}`,
    reference,
    units,
    allowanceDays: options.allowanceDays,
    withAe: options.ae,
    dayMs: options.dayMs,
    expectations: expected,
    reports,
  });
  return {
    built,
    days,
    readingCount: days.reduce((n, day) => n + day.readings.length, 0),
    files,
    seasons,
    sitrepRowsNotSelected: sitrepFile.rowsNotSelected,
    sitrepRowsSelected: sitrepFile.rows.length,
    sitreps,
    ae,
    aeMonthsNotSelected,
    successions: units.filter((u): u is Placed & { succession: string } => u.succession !== null),
    expected,
    units: new Map(units.map((u) => [u.code, u])),
    unplaced: placements.unplaced(),
    findings: sitreps.findings,
  };
}
