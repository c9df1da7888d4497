import type { DataQualityFinding } from '../../shared/api';
import type { ImportPlan } from '../../scripts/nhs/plan';
import { describeTotals } from '../../scripts/nhs/report';

/** The full import finds 231 handover differences on England's row: the summary prints every one, nothing cut. */
const day = (i: number) => new Date(Date.parse('2016-11-01T00:00:00Z') + i * 86_400_000).toISOString();
const handovers: DataQualityFinding[] = Array.from({ length: 231 }, (_, i) => ({
  node: 'ENG', indicator: i % 3 === 0 ? 'amb_handover_over_60_min' : 'amb_handover_30_60_min', period: day(i), published: 100 + i, summed: 100 + i + (i % 5) + 1,
}));
const critical: DataQualityFinding = { node: 'ENG', indicator: 'cc_adult_beds_open', period: '2017-01-08T00:00:00.000Z', published: 3661, summed: 3804 };
const plan = { sitreps: { totalChecks: [], findings: [...handovers, critical] } } as unknown as ImportPlan;

describe('the import summary lists every data-quality finding', () => {
  const summary = describeTotals(plan).join('\n');

  it('prints each handover finding, with its date, both figures and the difference', () => {
    for (const f of handovers) expect(summary).toContain(`${f.period.slice(0, 10)} ${f.published}→${f.summed} (+${f.summed - f.published})`);
    expect(summary).not.toMatch(/… and \d+ more/);
  });

  it('counts them by indicator, and still lists an unexplained one in full', () => {
    expect(summary).toContain('ENG amb_handover_30_60_min: 154');
    expect(summary).toContain('ENG amb_handover_over_60_min: 77');
    expect(summary).toMatch(/expected, as England counts handovers at sites with no bed return \(231;/);
    expect(summary).toContain('2017-01-08 ENG cc_adult_beds_open: published 3,661, summed 3,804 (+143)');
  });

  it('stays compact: a few findings to a line', () => {
    expect(summary.split('\n').length).toBeLessThan(60);
  });
});
