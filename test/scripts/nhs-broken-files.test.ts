import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planImport } from '../../scripts/nhs/plan';
import { SITREP_COLUMNS } from '../../scripts/nhs/sitreps';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

const HEADER = SITREP_COLUMNS.join(',');
const row = (org: string, date: string, cells: Partial<Record<string, string>> = {}) =>
  SITREP_COLUMNS.map((column) => {
    if (column === 'season') return '2018-19';
    if (column === 'date') return date;
    if (column === 'org_code') return org;
    return cells[column] ?? (column.startsWith('ga_beds_o') ? '100' : '');
  }).join(',');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-broken-'));
  for (const file of ['nhs_regions.csv', 'nhs_icbs.csv', 'nhs_trusts.csv']) symlinkSync(join(DATA_DIR, file), join(dir, file));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plan = () => planImport({ dir, seasons: [], ae: false, allowanceDays: DEFAULT_ALLOWANCES });
const sitreps = (...lines: string[]) => writeFileSync(join(dir, 'winter_sitrep_daily.csv'), `${lines.join('\n')}\n`);

describe('a broken input file', () => {
  it('with a column renamed names the file and the missing column', () => {
    sitreps(HEADER.replace('ga_beds_occupied', 'ga_beds_occ'), row('RA7', '2018-12-03'));
    expect(plan).toThrow(/winter_sitrep_daily\.csv, line 1: unexpected header: missing column "ga_beds_occupied"/);
  });

  it('with a column too many names it', () => {
    sitreps(`${HEADER},notes`, `${row('RA7', '2018-12-03')},x`);
    expect(plan).toThrow(/winter_sitrep_daily\.csv, line 1: unexpected header: unknown column "notes"/);
  });

  it('with a non-numeric cell names the file, the line and the column', () => {
    sitreps(HEADER, row('RA7', '2018-12-03'), row('RA7', '2018-12-04', { cc_adult_beds_open: '12a' }));
    expect(plan).toThrow(/winter_sitrep_daily\.csv, line 3: column "cc_adult_beds_open" holds "12a", which is not a non-negative number/);
  });

  it('with a short line names the line', () => {
    sitreps(HEADER, 'x,y');
    expect(plan).toThrow(/winter_sitrep_daily\.csv, line 2: expected 19 fields, found 2/);
  });

  it('with a bad reference row names it', () => {
    rmSync(join(dir, 'nhs_regions.csv'));
    writeFileSync(join(dir, 'nhs_regions.csv'), '"region_code","region_ons_code","region_name"\n"Y56","E40000003",""\n');
    sitreps(HEADER, row('RA7', '2018-12-03'));
    expect(plan).toThrow(/nhs_regions\.csv, line 2: column "region_name"/);
  });

  it('that is missing names it', () => {
    expect(plan).toThrow(/winter_sitrep_daily\.csv: cannot read the file/);
  });
});

describe('quirks in the published data', () => {
  it('are kept, skipped or counted, each with its line', () => {
    sitreps(
      HEADER,
      row('ENG', '2018-12-03', { ga_beds_open: '300', ga_beds_occupied: '310', ae_diverts: '1' }),
      row('RA7', '2018-12-03', { ga_beds_open: '100', ga_beds_occupied: '110', ae_diverts: '1' }), // over its beds: kept
      row('RA7', '2018-12-04', { ga_beds_open: '', ae_diverts: '0' }), // an empty cell: that reading skipped
      row('XYZ99', '2018-12-03'), // not a trust: the row is skipped
      row('RBK', '2018-12-03', { ga_beds_open: '200', ga_beds_occupied: '200', ae_diverts: '0' }),
    );
    const result = plan();
    expect(result.sitreps.rowsUsed).toBe(3);
    expect(result.sitreps.quirks.lines().join()).toMatch(/G&A beds occupied above beds open \(kept as published\) \(line 3 RA7 2018-12-03 110>100\)/);
    expect(result.sitreps.missingCells.count('ga_beds_open')).toBe(1);
    expect(result.sitreps.missingCells.lines().join()).toMatch(/ga_beds_open \(line 4\)/);
    expect(result.sitreps.skippedRows.lines().join()).toMatch(/provider XYZ99 cannot be placed \(not-a-trust\) \(line 5\)/);
    expect(result.sitreps.notCollected.get('2018-19')?.columns).toContain('long_stay_over_7_days');
    const ga = result.sitreps.totalChecks.find((c) => c.node === 'ENG' && c.indicator === 'ga_beds_occupied')!;
    expect(ga).toEqual({ node: 'ENG', indicator: 'ga_beds_occupied', datesCompared: 1, differing: [] });
    expect(result.days.map((d) => d.date)).toEqual(['2018-12-03', '2018-12-04']);
    expect(result.days[0]!.readings).toContainEqual({ unit: 'RA7', indicator: 'ga_beds_occupied', ts: '2018-12-03T08:00:00Z', value: 110 });
    expect(result.built.config.nodes.filter((n) => n.level === 'unit').map((n) => n.id)).toEqual(['RA7', 'RBK']);
  });
});
