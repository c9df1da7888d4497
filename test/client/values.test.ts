import type { IndicatorInfo } from '../../shared/api';
import { fitText } from '../../client/charts/treemap';
import { formatValue, splitValue } from '../../client/state/time-words';
import { factsFor, judgedIndicators, periodLabel, standingWords } from '../../client/state/values';
import type { NodeValue } from '../../shared/api';
import { at, value } from './fixtures';

const indicator = (id: string, detectors: string[], unit = 'beds', better: 'higher' | 'lower' = 'lower'): IndicatorInfo => ({
  id, label: id, unit, better, period: '1h', periodMs: 3_600_000, aggregate: 'sum', ratio: null, detectors,
});

describe('what a node reports', () => {
  const catalogue = [indicator('beds_open', []), indicator('occupancy', ['threshold'], 'ratio'), indicator('handovers', ['threshold'], 'handovers')];

  it('shows the judged indicators, not the counts a ratio is made of', () => {
    expect(judgedIndicators(catalogue).map((i) => i.id)).toEqual(['occupancy', 'handovers']);
    expect(judgedIndicators([indicator('a', []), indicator('b', [])]).map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('gives one fact per indicator with its standing against the thresholds', () => {
    const values = {
      occupancy: value('GM', 'occupancy', at(0), 0.962, { thresholds: { alert: 0.95, crisis: 0.99, clear: 0.94 } }),
      handovers: value('GM', 'handovers', at(0), 3),
    };
    const facts = factsFor('GM', judgedIndicators(catalogue), (_node, id) => values[id as keyof typeof values], formatValue);
    expect(facts).toEqual([
      { label: 'occupancy', value: '96.2%', standing: 'alert' },
      { label: 'handovers', value: '3 handovers', standing: 'normal' },
    ]);
  });

  it('reads shares as percentages and keeps the unit apart for a big number', () => {
    expect(splitValue(0.7812, 'share')).toEqual({ number: '78.1', unit: '%' });
    expect(splitValue(21, 'handovers')).toEqual({ number: '21', unit: 'handovers' });
    expect(splitValue(null, 'beds')).toEqual({ number: '—', unit: '' });
  });

  it('labels hourly periods by time and daily ones by date', () => {
    expect(periodLabel('2026-01-05T14:00:00Z', 3_600_000)).toMatch(/^\d\d:00$/);
    expect(periodLabel('2026-01-05T00:00:00Z', 86_400_000)).toMatch(/Jan/);
  });

  it('cuts a label to the width it has', () => {
    expect(fitText('Ambulance handovers over 60 minutes', 1000, 16)).toBe('Ambulance handovers over 60 minutes');
    const cut = fitText('Ambulance handovers over 60 minutes', 120, 16)!;
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(Math.floor(120 / (16 * 0.58)));
    expect(fitText('Ambulance', 20, 16)).toBeNull();
  });
});

describe('where a figure stands, in words', () => {
  const occupancy = { better: 'lower' as const, minCoverage: 0.8 };
  const bounds = { thresholds: { alert: 0.95, crisis: 0.99, clear: 0.94 } };
  it.each<[string, NodeValue | undefined, { better: 'higher' | 'lower'; minCoverage?: number }, { state: string; words: string }]>([
    ['within bounds, enough reported', value('ENG', 'occ', at(0), 0.931, { ...bounds, coverage: 0.97 }), occupancy, { state: 'normal', words: 'within bounds' }],
    // The case: 8 % reported is not a figure to call within bounds.
    ['8 % reported', value('ENG', 'occ', at(0), 0.931, { ...bounds, coverage: 0.08 }), occupancy, { state: 'unknown', words: 'not judged: 8 % reported' }],
    // Nor beyond them: a handful of trusts cannot put England in crisis.
    ['beyond crisis on too few', value('ENG', 'occ', at(0), 0.995, { ...bounds, coverage: 0.5 }), occupancy, { state: 'unknown', words: 'not judged: 50 % reported' }],
    ['exactly the minimum is judged', value('ENG', 'occ', at(0), 0.96, { ...bounds, coverage: 0.8 }), occupancy, { state: 'alert', words: '▲ beyond alert' }],
    // An older server sends no minimum: judged as before.
    ['no minimum known', value('ENG', 'occ', at(0), 0.995, { ...bounds, coverage: 0.08 }), { better: 'lower' }, { state: 'crisis', words: '◆ beyond crisis' }],
    ['no figure', undefined, occupancy, { state: 'unknown', words: '' }],
  ])('%s', (_why, figure, indicator, expected) => {
    expect(standingWords(figure, indicator)).toEqual(expected);
  });
});
