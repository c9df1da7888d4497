import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/**
 * With `--ae`, providers that report only A&E (walk-in centres, independent providers) join the
 * hierarchy. They report no beds, so bed occupancy must not count them as missing: coverage is per
 * indicator, over the units that report it.
 */
const WINDOW = { dir: DATA_DIR, seasons: ['2018-19'], from: '2019-02-15', to: '2025-03-31', ae: true, allowanceDays: DEFAULT_ALLOWANCES };

describe('coverage with every A&E provider counted (late winter 2019, and the 2024-25 A&E months)', () => {
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
    const trusts = plan.built.config.nodes.filter((node) => node.level === 'unit' && (!node.reports || node.reports.includes('ga_beds_occupied')));
    expect(trusts.length).toBeGreaterThan(100);
    expect(trusts.every((node) => !node.reports || node.reports.includes('ga_beds_open'))).toBe(true);
  });

  it("judges England's bed occupancy again: every trust that reports beds reported, so coverage is whole", () => {
    const day = pointOn('ENG', 'ga_occupancy', '2019-02-20');
    expect(day).toMatchObject({ coverage: 1, final: true });
    expect(day!.value).toBeGreaterThan(0.9);
  });

  it('expects a provider that first reports in 2024 only from then: March 2019 A&E is whole, and reads as published', () => {
    const started = plan.expected.started.filter((s) => s.firstDate >= '2024-01-01');
    expect(started.length).toBeGreaterThan(5);
    const node = plan.built.config.nodes.find((n) => n.id === started[0]!.code)!;
    expect(node.opened).toBe(started[0]!.opened);
    const march = pointOn('ENG', 'ae_4h_performance', '2019-03');
    expect(march).toMatchObject({ coverage: 1, final: true });
    expect(Math.round(march!.value! * 1000) / 10).toBe(86.6);
  });
});
