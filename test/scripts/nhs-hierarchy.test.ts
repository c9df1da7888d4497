import { parseConfig } from '../../shared/config';
import { periodClock } from '../../server/domain/periods';
import { readAe2016, readAe2024, type AeMonth } from '../../scripts/nhs/ae';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { describePlan } from '../../scripts/nhs/report';
import { aeTable, DATA_DIR, DEFAULT_ALLOWANCES, sitrepTable } from './nhs-data';

let plan: ImportPlan;
beforeAll(() => {
  plan = planImport({ dir: DATA_DIR, seasons: [], ae: true, allowanceDays: DEFAULT_ALLOWANCES });
});

describe('the generated NHS configuration (every season, with A&E)', () => {
  it('passes parseConfig as written to --config-out', () => {
    const config = parseConfig(JSON.parse(JSON.stringify(plan.built.input)));
    expect(config.levels).toEqual(['national', 'region', 'district', 'unit']);
    expect(config.allowances).toEqual({ unit: 86_400_000, district: 2 * 86_400_000, region: 3 * 86_400_000 });
  });

  it('counts days in Europe/London, and every reading falls on its own local day', () => {
    expect(plan.built.input.timeZone).toBe('Europe/London');
    expect(plan.built.config.timeZone).toBe('Europe/London');
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const dates = new Map<string, string>();
    const londonDate = (ts: string) => dates.get(ts) ?? dates.set(ts, format.format(Date.parse(ts))).get(ts)!;
    const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const monthly = periodClock(plan.built.config.indicators.find((i) => i.id === 'ae_month_attendances')!.period, 'Europe/London');
    const months = new Map<string, { posted: number; periods: Set<number> }>();
    const wrong: string[] = [];
    for (const day of plan.days) {
      for (const reading of day.readings) {
        // A sitrep is the report date's own; a month's A&E figures are stamped on its last day, reported the day after.
        const own = reading.indicator.startsWith('ae_month') ? dayBefore(day.date) : day.date;
        if (londonDate(reading.ts) !== own) wrong.push(`${reading.unit} ${reading.indicator} ${reading.ts} (${own})`);
        if (reading.indicator === 'ae_month_attendances') {
          const unit = months.get(reading.unit) ?? { posted: 0, periods: new Set<number>() };
          unit.posted++;
          unit.periods.add(monthly.start(Date.parse(reading.ts)));
          months.set(reading.unit, unit);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Summer months are in the data: June 2024 is stamped 13:00 BST on its last day.
    expect(dates.get('2024-06-30T12:00:00Z')).toBe('2024-06-30');
    // No two months of one provider share a 28-day period in London either.
    for (const [unit, { posted, periods }] of months) expect([unit, periods.size]).toEqual([unit, posted]);
  });

  it('has England, the 7 regions and the 42 ICBs under their published codes, and the groups of other A&E providers', () => {
    const nodes = plan.built.config.nodes;
    const at = (level: string) => nodes.filter((n) => n.level === level);
    expect(at('national').map((n) => n.id)).toEqual(['ENG']);
    expect(at('region').map((n) => n.id)).toEqual(['Y56', 'Y58', 'Y59', 'Y60', 'Y61', 'Y62', 'Y63', 'ENG-OTHER']);
    const icbs = at('district').filter((n) => /^Q[A-Z0-9]{2}$/.test(n.id));
    expect(icbs).toHaveLength(42);
    // Every region has providers that are not trusts; each sits in its region's group, named as such.
    const groups = at('district').filter((n) => !icbs.includes(n));
    expect(groups.map((n) => [n.id, n.name, n.parent])).toEqual([
      ['Y56-OTHER-AE', 'Other A&E providers, London', 'Y56'],
      ['Y58-OTHER-AE', 'Other A&E providers, South West', 'Y58'],
      ['Y59-OTHER-AE', 'Other A&E providers, South East', 'Y59'],
      ['Y60-OTHER-AE', 'Other A&E providers, Midlands', 'Y60'],
      ['Y61-OTHER-AE', 'Other A&E providers, East of England', 'Y61'],
      ['Y62-OTHER-AE', 'Other A&E providers, North West', 'Y62'],
      ['Y63-OTHER-AE', 'Other A&E providers, North East and Yorkshire', 'Y63'],
      ['ENG-OTHER-AE', 'Other A&E providers (region not known)', 'ENG-OTHER'],
    ]);
    expect(nodes.find((n) => n.id === 'ENG-OTHER')).toMatchObject({ name: 'Other A&E providers (region not known)', level: 'region', parent: 'ENG' });
    expect(plan.built.emptyIcbs).toEqual([]);
  });

  it('places every trust code of the sitrep file under an ICB and a region', () => {
    const nodes = new Map(plan.built.config.nodes.map((n) => [n.id, n]));
    const codes = new Set(sitrepTable().map((row) => row.org_code!).filter((code) => code !== 'ENG'));
    expect(codes.size).toBe(175);
    for (const code of codes) {
      const unit = nodes.get(code);
      const icb = nodes.get(unit?.parent ?? '');
      const region = nodes.get(icb?.parent ?? '');
      expect([code, unit?.level, icb?.level, region?.level, region?.parent]).toEqual([code, 'unit', 'district', 'region', 'ENG']);
    }
  });

  it('keeps merged trusts under their own code, placed where the reference data says, and reports them', () => {
    const parentOf = (id: string) => plan.built.config.nodes.find((n) => n.id === id)?.parent;
    expect(parentOf('RE9')).toBe('QHM'); // South Tyneside, now part of R0B: ICB from its successor
    expect(parentOf('RD3')).toBe('QVV'); // Poole, closed 2020, now part of R0D
    const reported = plan.successions.map((s) => s.code);
    expect(reported).toEqual(expect.arrayContaining(['RE9', 'RD3', 'RDZ', 'RM2', 'RW3']));
  });

  it('places every provider of both A&E files, and counts where each went', () => {
    const nodes = new Map(plan.built.config.nodes.map((n) => [n.id, n]));
    const codes = new Set([...aeTable('ae_attendances_2016_2019.csv'), ...aeTable('ae_monthly_2024_25.csv')].map((row) => row.org_code!));
    expect(codes.size).toBe(306);
    for (const code of codes) {
      const unit = nodes.get(code);
      const district = nodes.get(unit?.parent ?? '');
      const region = nodes.get(district?.parent ?? '');
      expect([code, unit?.level, district?.level, region?.level, region?.parent]).toEqual([code, 'unit', 'district', 'region', 'ENG']);
    }
    expect(plan.unplaced).toEqual([]);
    const by = plan.ae!.providersBy;
    expect([by['ods-trust'].length, by['parent-org'].length, by['ods-organisation'].length, by['not-known'].length]).toEqual([180, 52, 2, 72]);
    // A walk-in centre in the 2024-25 file: its region from parent_org, its name as a person writes it, the published one kept.
    expect(nodes.get('AD913')).toMatchObject({ name: 'Beckenham Beacon UCC', publishedName: 'BECKENHAM BEACON UCC', parent: 'Y56-OTHER-AE' });
    // A site of an organisation whose region is known (NLX, Sirona Care & Health, South West).
    expect(nodes.get('NLX02')).toMatchObject({ name: 'Site NLX02 of Sirona Care & Health', parent: 'Y58-OTHER-AE' });
    // Trusts keep their ODS name searchable.
    expect(nodes.get('RCX')).toMatchObject({ name: "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", publishedName: "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST" });
    const summary = describePlan(plan).join('\n');
    expect(summary).toMatch(/every provider placed and counted in England's total: 306 providers/);
    expect(summary).toMatch(/72 providers with no known region, in "Other A&E providers \(region not known\)" below England/);
    expect(summary).not.toMatch(/could not be placed/);
  });

  it('reads 4-hour performance as published (England, March 2019: 86.6 %; March 2025: 75.0 %)', () => {
    const england = (months: AeMonth[], month: string) => {
      const chosen = months.filter((m) => m.month === month);
      return chosen.reduce((s, m) => s + m.within4h, 0) / chosen.reduce((s, m) => s + m.attendances, 0);
    };
    expect(england(readAe2016(DATA_DIR).months, '2019-03-01')).toBeCloseTo(0.866, 3);
    expect(england(readAe2016(DATA_DIR).months, '2016-04-01')).toBeCloseTo(0.9, 3);
    expect(england(readAe2024(DATA_DIR).months, '2025-03-01')).toBeCloseTo(0.75, 3);
    // Posted once the month is over, stamped on its last day; every provider counted, as NHS England counts them (86.6 %).
    const march = plan.days.find((d) => d.date === '2019-04-01')!.readings.filter((r) => r.indicator.startsWith('ae_month'));
    expect(new Set(march.map((r) => r.ts))).toEqual(new Set(['2019-03-31T12:00:00Z']));
    const sum = (indicator: string) => march.filter((r) => r.indicator === indicator).reduce((s, r) => s + r.value, 0);
    expect(sum('ae_month_within_4h') / sum('ae_month_attendances')).toBeCloseTo(0.866, 3);
  });
});
