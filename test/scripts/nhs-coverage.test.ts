import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { periodClock } from '../../server/domain/periods';
import { MONTHLY_PERIOD_DAYS } from '../../scripts/nhs/catalogue';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/**
 * With `--ae`, providers that report only A&E (walk-in centres, independent providers) join the
 * hierarchy. They report no beds, so bed occupancy must not count them as missing: coverage is per
 * indicator, over the units that report it.
 */
const WINDOW = { dir: DATA_DIR, seasons: ['2018-19', '2020-21'], from: '2019-02-15', to: '2025-03-31', ae: true, allowanceDays: DEFAULT_ALLOWANCES };

describe('coverage with every A&E provider counted (late winter 2019, winter 2020-21, and the 2024-25 A&E months)', () => {
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
    expect(node.opened).toEqual(started[0]!.opened);
    const march = pointOn('ENG', 'ae_4h_performance', '2019-03');
    expect(march).toMatchObject({ coverage: 1, final: true });
    expect(Math.round(march!.value! * 1000) / 10).toBe(86.6);
  });

  const monthClock = periodClock(MONTHLY_PERIOD_DAYS * 86_400_000, 'Europe/London');
  const firstReading = (unit: string, indicator: string) => plan.days.flatMap((d) => d.readings).find((r) => r.unit === unit && r.indicator === indicator)!;

  it('opens a late provider at the start of the A&E period holding its first reading, so it counts in that period', () => {
    const late = plan.built.config.nodes.filter((n) => typeof n.opened === 'object' && n.opened.ae_month_attendances !== undefined);
    expect(late.length).toBeGreaterThan(5);
    const { policy } = room.engine;
    for (const node of late) {
      const period = monthClock.start(Date.parse(firstReading(node.id, 'ae_month_attendances').ts));
      expect({ node: node.id, opened: (node.opened as Record<string, string>).ae_month_attendances }).toEqual({ node: node.id, opened: new Date(period).toISOString() });
      // Expected in the period of its first reading (not from the last day of it), and not the one before.
      expect([policy.expectedUnits(node.id, period, 'ae_month_attendances'), policy.expectedUnits(node.id, monthClock.start(period - 1), 'ae_month_attendances')]).toEqual([1, 0]);
    }
  });

  it('opens per indicator: RH5, with A&E figures from the first month and bed returns only from winter 2020-21, is expected for A&E throughout and for beds from its first day', () => {
    const rh5 = plan.built.config.nodes.find((n) => n.id === 'RH5')!;
    expect(rh5.opened).toMatchObject({ ga_beds_occupied: expect.stringMatching(/^2020-11-0[12]T/) });
    expect(rh5.opened).not.toHaveProperty('ae_month_attendances');
    const { policy } = room.engine;
    const march2019 = Date.parse('2019-03-10T00:00:00Z');
    const winter2020 = Date.parse('2020-12-01T00:00:00Z');
    expect([policy.expectedUnits('RH5', march2019, 'ae_month_attendances'), policy.expectedUnits('RH5', march2019, 'ga_beds_occupied'), policy.expectedUnits('RH5', march2019, 'ga_occupancy')]).toEqual([1, 0, 0]);
    expect([policy.expectedUnits('RH5', winter2020, 'ga_beds_occupied'), policy.expectedUnits('RH5', winter2020, 'ga_occupancy')]).toEqual([1, 1]);
    // So England's bed occupancy is whole on a 2020-21 day, as the A&E figure is in March 2019.
    expect(pointOn('ENG', 'ga_occupancy', '2020-12-01')).toMatchObject({ coverage: 1 });
  });
});
