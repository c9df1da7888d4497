import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { describePlan } from '../../scripts/nhs/report';
import { SITREP_COLUMNS } from '../../scripts/nhs/sitreps';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/** The two Sundays where NHS England's England row repeats Christmas Day's critical-care figures. */
const WINDOW = { dir: DATA_DIR, seasons: ['2016-17'], from: '2016-12-25', to: '2017-01-08', ae: false, allowanceDays: DEFAULT_ALLOWANCES };

describe('published totals that differ from the sum of their members (winter 2016-17)', () => {
  let plan: ImportPlan;
  let room: Opsroom;
  beforeAll(() => {
    plan = planImport(WINDOW);
    room = backfill(plan.built.config, ':memory:', plan.days).room;
  });
  afterAll(() => room.close());

  const numbers = (node: string, indicator: string) =>
    room.dataQuality({ node, indicator }).map((f) => [f.period.slice(0, 10), f.published, f.summed, f.difference]);

  it('are recorded as findings with their numbers: 1 and 8 January 2017 critical care', () => {
    expect(numbers('ENG', 'cc_adult_beds_open')).toEqual([
      ['2017-01-01', 3661, 3728, 67],
      ['2017-01-08', 3661, 3804, 143],
    ]);
    expect(numbers('ENG', 'cc_adult_beds_occupied')).toEqual([
      ['2017-01-01', 2805, 3103, 298],
      ['2017-01-08', 2805, 3244, 439],
    ]);
    // The D&V row is carried over from Christmas Day too; nothing else differs in the window.
    expect(room.dataQuality({}).map((f) => `${f.period.slice(0, 10)} ${f.indicator}`)).toEqual([
      '2017-01-01 cc_adult_beds_occupied', '2017-01-01 cc_adult_beds_open', '2017-01-01 dv_beds_closed',
      '2017-01-08 cc_adult_beds_occupied', '2017-01-08 cc_adult_beds_open', '2017-01-08 dv_beds_closed',
    ]);
    const [first] = room.dataQuality({ node: 'ENG', indicator: 'cc_adult_beds_open' });
    expect(first!.source).toMatch(/winter_sitrep_daily\.csv line \d+: the England \(ENG\) row as published; the same figure as published for 2016-12-25, when it did add up/);
  });

  it('never replace the total: England is the sum of its trusts', () => {
    const open = new Map(room.series('ENG', 'cc_adult_beds_open').points.map((p) => [p.period.slice(0, 10), p.value]));
    expect([open.get('2016-12-25'), open.get('2017-01-01'), open.get('2017-01-08')]).toEqual([3661, 3728, 3804]);
  });

  it('are served on the node view, logged with the day they came with, and printed in the summary', () => {
    expect(room.nodeView('ENG').dataQuality).toHaveLength(6);
    expect(room.nodeView('Y56').dataQuality).toEqual([]);
    const logged = room.log.list(0, 1_000_000).filter((e) => e.type === 'findings');
    expect(logged.map((e) => new Date(e.at).toISOString())).toEqual(['2017-01-01T09:00:00.000Z', '2017-01-08T09:00:00.000Z']);
    const summary = describePlan(plan).join('\n');
    expect(summary).toMatch(/data-quality findings recorded[^\n]*: 6\n/);
    expect(summary).toContain("2017-01-01 ENG cc_adult_beds_open: published 3,661, summed 3,728 (+67); the published row repeats 2016-12-25's figure");
    expect(summary).toContain("2017-01-08 ENG cc_adult_beds_open: published 3,661, summed 3,804 (+143); the published row repeats 2016-12-25's figure");
  });
});

describe('a region total row, where a file gives one', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsroom-totals-'));
    for (const file of ['nhs_regions.csv', 'nhs_icbs.csv', 'nhs_trusts.csv']) symlinkSync(join(DATA_DIR, file), join(dir, file));
    const row = (org: string, open: number, occupied: number) =>
      SITREP_COLUMNS.map((c) => (c === 'season' ? '2018-19' : c === 'date' ? '2018-12-03' : c === 'org_code' ? org : c === 'ga_beds_open' ? open : c === 'ga_beds_occupied' ? occupied : '')).join(',');
    // Two London trusts (RJ1 Guy's and St Thomas', RAL Royal Free) and one in the North West (RBL): London's row is 10 beds short.
    const lines = [SITREP_COLUMNS.join(','), row('ENG', 600, 500), row('Y56', 390, 300), row('RJ1', 200, 150), row('RAL', 200, 150), row('RBL', 200, 200)];
    writeFileSync(join(dir, 'winter_sitrep_daily.csv'), `${lines.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is checked against that region's trusts, and read as a total, never as a provider", () => {
    const plan = planImport({ dir, seasons: [], ae: false, allowanceDays: DEFAULT_ALLOWANCES });
    expect(plan.findings.map((f) => [f.node, f.indicator, f.published, f.summed])).toEqual([['Y56', 'ga_beds_open', 390, 400]]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.days[0]!.readings.map((r) => r.unit)).not.toContain('Y56');
    const { room } = backfill(plan.built.config, ':memory:', plan.days);
    try {
      expect(room.dataQuality({ node: 'Y56' }).map((f) => f.difference)).toEqual([10]);
      expect(room.series('Y56', 'ga_beds_open').points.map((p) => p.value)).toEqual([400]);
    } finally {
      room.close();
    }
    expect(describePlan(plan).join('\n')).toMatch(/Y56 check: sum of trusts = published Y56 row on 1 of 2/);
  });
});
