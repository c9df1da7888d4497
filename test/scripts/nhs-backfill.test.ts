import type { Opsroom } from '../../server/app/opsroom';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { DATA_DIR, DEFAULT_ALLOWANCES, sitrepTable } from './nhs-data';

const SEASON = '2018-19';
let plan: ImportPlan;
let room: Opsroom;
let published: Array<Record<string, string>>;

beforeAll(() => {
  plan = planImport({ dir: DATA_DIR, seasons: [SEASON], ae: false, allowanceDays: DEFAULT_ALLOWANCES });
  room = backfill(plan.built.config, ':memory:', plan.days).room;
  published = sitrepTable().filter((row) => row.season === SEASON && row.org_code === 'ENG');
});
afterAll(() => room.close());

describe(`a backfilled season (${SEASON})`, () => {
  it.each([
    'ga_beds_open', 'ga_beds_occupied', 'cc_adult_beds_open', 'cc_adult_beds_occupied', 'long_stay_over_7_days', 'long_stay_over_21_days',
  ])('gives England the published ENG value of %s on every date', (indicator) => {
    const england = published;
    expect(england).toHaveLength(91);
    const byDate = new Map(room.series('ENG', indicator).points.map((p) => [p.period.slice(0, 10), p.value]));
    for (const row of england) expect([row.date, byDate.get(row.date!)]).toEqual([row.date, Number(row[indicator])]);
    expect(byDate.size).toBe(england.length);
  });

  it('logs each winter day with its own date as the clock, episodes and escalations included', () => {
    const events = room.log.list(0, 1_000_000);
    expect(events[0]).toMatchObject({ kind: 'input', type: 'policy' });
    const readings = events.filter((e) => e.type === 'readings');
    expect(readings).toHaveLength(91);
    expect(new Date(readings[0]!.at).toISOString()).toBe('2018-12-03T09:00:00.000Z');
    const days = readings.map((e) => e.at);
    expect(days.every((at, i) => i === 0 || at > days[i - 1]!)).toBe(true);
    expect(events.filter((e) => e.type === 'episode.opened').length).toBeGreaterThan(100);
    const episodes = room.episodes({ status: 'all' });
    const escalations = episodes.flatMap((e) => e.path.filter((entry) => entry.type === 'escalated'));
    expect(escalations.length).toBeGreaterThan(100);
    // Stamped at the deadline: a report time plus whole days of allowance.
    expect(escalations.every((entry) => entry.at >= '2018-12-04' && entry.at <= '2019-03-10')).toBe(true);
    expect(episodes.some((e) => e.resolvedLevel === 'unit')).toBe(true);
    expect(episodes.some((e) => e.resolvedLevel === 'region')).toBe(true);
  });

  it('keeps a trust whose occupied beds exceed its open beds, and reports it', () => {
    expect(plan.sitreps.quirks.count()).toBe(1);
    expect(plan.sitreps.quirks.lines().join('\n')).toMatch(/R1H 2019-02-08 1338>781/);
    const r1h = room.series('R1H', 'ga_beds_occupied').points.find((p) => p.period.startsWith('2019-02-08'));
    expect(r1h?.value).toBe(1338);
  });
});
