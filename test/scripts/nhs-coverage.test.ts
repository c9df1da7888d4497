import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/**
 * With `--ae`, providers that report only A&E (walk-in centres, independent providers) join the
 * hierarchy. They report no beds, so bed occupancy must not count them as missing: coverage is per
 * indicator, over the units that report it.
 */
const WINDOW = { dir: DATA_DIR, seasons: ['2018-19'], from: '2019-01-01', to: '2019-01-31', ae: true, allowanceDays: DEFAULT_ALLOWANCES };

describe('coverage with every A&E provider counted (January 2019)', () => {
  let plan: ImportPlan;
  let room: Opsroom;
  beforeAll(() => {
    plan = planImport(WINDOW);
    room = backfill(plan.built.config, ':memory:', plan.days).room;
  });
  afterAll(() => room.close());

  const pointOn = (node: string, indicator: string, day: string) => room.series(node, indicator).points.find((p) => p.period.startsWith(day));

  it('lists what each A&E-only provider reports, and what each trust does', () => {
    const aeOnly = plan.built.config.nodes.filter((node) => node.reports !== undefined && !node.reports.includes('ga_beds_occupied'));
    expect(aeOnly.length).toBeGreaterThan(50);
    for (const node of aeOnly) expect(node.reports!.every((id) => id.startsWith('ae_'))).toBe(true);
    const trusts = plan.built.config.nodes.filter((node) => node.reports?.includes('ga_beds_occupied'));
    expect(trusts.length).toBeGreaterThan(100);
    expect(trusts.every((node) => node.reports!.includes('ga_beds_open'))).toBe(true);
  });

  it("judges England's bed occupancy again: every trust that reports beds reported, so coverage is whole", () => {
    const day = pointOn('ENG', 'ga_occupancy', '2019-01-15');
    expect(day).toMatchObject({ coverage: 1, final: true });
    expect(day!.value).toBeGreaterThan(0.9);
  });

  it('counts the A&E-only providers in A&E coverage', () => {
    const month = room.series('ENG', 'ae_4h_performance').points.at(-1);
    expect(month).toMatchObject({ coverage: 1 });
  });
});
