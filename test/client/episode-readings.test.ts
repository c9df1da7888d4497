import type { Series } from '../../shared/api';
import { readingTable, spanPoints } from '../../client/state/episode-readings';
import { at, episode } from './fixtures';

type Point = Series['points'][number];
const point = (minutes: number, value: number | null): Point => ({ period: at(minutes), value, coverage: 1, final: true, forecast: null });
/** Hourly points from 2 h before the opening to 9 h after. */
const hourly = (values: Record<number, number>) => Array.from({ length: 12 }, (_, i) => point((i - 2) * 60, values[i - 2] ?? 90));

describe('the readings behind an episode', () => {
  test('the span runs from the period that opened it to its settlement', () => {
    const settled = episode({ status: 'resolved', resolvedAt: at(3 * 60) });
    expect(spanPoints(hourly({}), settled).map((p) => p.period)).toEqual([at(0), at(60), at(120), at(180)]);
  });

  test.each([
    // Short: every period of the span, the opening, the worst and the latest marked.
    { name: 'a short span', lower: false, max: 12, marks: ['opened', null, 'worst', null, null, null, null, null, null, 'latest'], omitted: 0 },
    // Long: the opening, the worst and the most recent, so the table stays small.
    { name: 'a long span', lower: false, max: 4, marks: ['opened', 'worst', null, 'latest'], omitted: 6 },
  ])('$name', ({ max, marks, omitted }) => {
    const open = episode(); // open since at(0), A&E 4-hour (higher is better)
    const table = readingTable(hourly({ 0: 80, 2: 70, 9: 85 }), open, 'higher', max);
    expect(table.rows.map((row) => row.mark)).toEqual(marks);
    expect(table.omitted).toBe(omitted);
  });

  test('worst follows the indicator\'s direction', () => {
    const table = readingTable(hourly({ 0: 96, 3: 99, 5: 91 }), episode(), 'lower');
    expect(table.rows.find((row) => row.mark === 'worst')?.point.value).toBe(99);
  });

  test('a missing report has no worst figure', () => {
    const table = readingTable(hourly({ 3: 50 }), episode({ kind: 'no-report', value: null }), 'higher');
    expect(table.rows.some((row) => row.mark === 'worst')).toBe(false);
  });
});
