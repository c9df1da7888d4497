import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { describePlan } from '../../scripts/nhs/report';
import { SITREP_COLUMNS } from '../../scripts/nhs/sitreps';
import { aeTable, DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/**
 * NHS England's national A&E figure counts every provider in its return. Computed here from the CSV
 * files alone, the way the published figure is: all providers, all department types; in the 2024–25
 * file booked appointments count as attendances (and as over-4-hour where they were).
 */
function publishedByMonth(): Map<string, { attendances: number; breaches: number }> {
  const months = new Map<string, { attendances: number; breaches: number }>();
  const add = (month: string, attendances: number, breaches: number) => {
    const found = months.get(month) ?? { attendances: 0, breaches: 0 };
    found.attendances += attendances;
    found.breaches += breaches;
    months.set(month, found);
  };
  for (const row of aeTable('ae_attendances_2016_2019.csv')) add(row.period!, Number(row.attendances), Number(row.breaches));
  const types = ['type1', 'type2', 'other'];
  const total = (row: Record<string, string>, prefix: string) => types.reduce((sum, t) => sum + Number(row[`${prefix}${t}`]), 0);
  for (const row of aeTable('ae_monthly_2024_25.csv')) {
    add(row.period!, total(row, 'ae_') + total(row, 'booked_'), total(row, 'over4h_') + total(row, 'over4h_booked_'));
  }
  return months;
}

let dir: string;
let plan: ImportPlan;
let room: Opsroom;
beforeAll(() => {
  // Both A&E files and the reference files, and no sitrep day: the smallest import that holds every A&E month.
  dir = mkdtempSync(join(tmpdir(), 'opsroom-ae-'));
  for (const file of ['nhs_regions.csv', 'nhs_icbs.csv', 'nhs_trusts.csv', 'ae_attendances_2016_2019.csv', 'ae_monthly_2024_25.csv']) {
    symlinkSync(join(DATA_DIR, file), join(dir, file));
  }
  writeFileSync(join(dir, 'winter_sitrep_daily.csv'), `${SITREP_COLUMNS.join(',')}\n`);
  plan = planImport({ dir, seasons: [], ae: true, allowanceDays: DEFAULT_ALLOWANCES });
  room = backfill(plan.built.config, ':memory:', plan.days).room;
});
afterAll(() => {
  room?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('national A&E, every provider counted', () => {
  it("equals NHS England's all-provider figure for every month of both files: 4-hour performance, attendances and breaches", () => {
    const published = publishedByMonth();
    expect(published.size).toBe(36 + 13);
    const periodMs = plan.built.config.indicators.find((i) => i.id === 'ae_4h_performance')!.period;
    const pointFor = (indicator: string, month: string) => {
      // A month's figures are stamped on its last day: the point whose period holds that day.
      const next = new Date(`${month}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const lastDay = next.getTime() - 12 * 3_600_000;
      const points = room.series('ENG', indicator).points.filter((p) => Date.parse(p.period) <= lastDay && lastDay < Date.parse(p.period) + periodMs);
      expect(points).toHaveLength(1);
      return points[0]!.value!;
    };
    const rows = [...published].sort(([a], [b]) => a.localeCompare(b)).map(([month, { attendances, breaches }]) => ({
      month,
      attendances: [pointFor('ae_month_attendances', month), attendances],
      breaches: [pointFor('ae_month_attendances', month) - pointFor('ae_month_within_4h', month), breaches],
      performance: [pointFor('ae_4h_performance', month), 1 - breaches / attendances],
    }));
    for (const row of rows) {
      expect([row.month, row.attendances[0]]).toEqual([row.month, row.attendances[1]]);
      expect([row.month, row.breaches[0]]).toEqual([row.month, row.breaches[1]]);
      expect(row.performance[0]).toBeCloseTo(row.performance[1]!, 12);
    }
    // As published: March 2019 86.6 %, April 2016 90.0 %, March 2025 75.0 %.
    const performance = (month: string) => (100 * rows.find((r) => r.month === month)!.performance[0]!).toFixed(1);
    expect([performance('2019-03-01'), performance('2016-04-01'), performance('2025-03-01')]).toEqual(['86.6', '90.0', '75.0']);
  });

  it('counts and places a provider with no known region rather than dropping it', () => {
    // AC008 is in the 2016–19 file only: no ODS trust, no parent_org, no known organisation.
    const nodes = new Map(plan.built.config.nodes.map((n) => [n.id, n]));
    expect(nodes.get('AC008')).toMatchObject({ name: 'AC008 (name not known)', level: 'unit', parent: 'ENG-OTHER-AE' });
    expect(nodes.get('ENG-OTHER-AE')).toMatchObject({ level: 'district', parent: 'ENG-OTHER' });
    expect(nodes.get('ENG-OTHER')).toMatchObject({ level: 'region', parent: 'ENG' });
    const fromFile = aeTable('ae_attendances_2016_2019.csv').filter((row) => row.org_code === 'AC008').reduce((sum, row) => sum + Number(row.attendances), 0);
    const imported = room.series('AC008', 'ae_month_attendances').points.reduce((sum, p) => sum + p.value!, 0);
    expect(imported).toBe(fromFile);
    expect(plan.ae!.providersBy['not-known']).toContain('AC008');
    expect(describePlan(plan).join('\n')).toMatch(/72 providers with no known region[^\n]*\(3,792,091 attendances, 3\.7 %\): AC008 /);
  });

  it('is wholly reported in March 2019 and April 2016: a provider that left the collection while others reported is paused, not missing', () => {
    const pointOn = (day: string) => room.series('ENG', 'ae_4h_performance').points.find((p) => p.period <= `${day}T12:00:00Z` && `${day}T12:00:00Z` < new Date(Date.parse(p.period) + 28 * 86_400_000).toISOString())!;
    expect([pointOn('2019-03-31').coverage, pointOn('2016-04-30').coverage]).toEqual([1, 1]);
    // RDY's A&E figures stop in October 2016 for good; RNN's stop in August 2017 and come back in June 2024.
    const nodes = new Map(plan.built.config.nodes.map((n) => [n.id, n]));
    expect(nodes.get('RDY')!.paused!.ae_month_attendances).toEqual([{ from: expect.stringMatching(/^2016-11-0[23]T/) }]);
    expect(nodes.get('RNN')!.paused!.ae_month_attendances).toEqual([{ from: expect.stringMatching(/^2017-09-0[67]T/), to: expect.stringMatching(/^2024-06-0[56]T/) }]);
  });
});
