import { renderToStaticMarkup } from 'react-dom/server';
import { IndicatorCard } from '../../client/components/IndicatorCard';
import { findingsFor, publishedDiffersWords } from '../../client/state/data-quality';
import { buildHierarchy } from '../../client/state/hierarchy';
import { finding, indicatorInfo, LEVELS, NODES } from './fixtures';

const DAY = 86_400_000;
const beds = indicatorInfo({ id: 'cc_adult_beds_open', label: 'Adult critical-care beds open', unit: 'beds', period: '1d', periodMs: DAY, aggregate: 'sum' });
const share = indicatorInfo({ id: 'cc_occupancy', label: 'Adult critical-care occupancy', unit: 'ratio', period: '1d', periodMs: DAY, aggregate: 'ratio' });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the "published figure differs" mark in words', () => {
  it.each([
    ['no finding: no mark', [], beds, null],
    ['one day', [finding('2017-01-01', 3661, 3728)], beds, 'Published figure differs on 1 day — 1 Jan 2017: published 3,661, summed 3,728'],
    [
      'two days: the count, and the latest with both numbers (whatever order they come in)',
      [finding('2017-01-08', 3661, 3804), finding('2017-01-01', 3661, 3728)],
      beds,
      'Published figure differs on 2 days — latest 8 Jan 2017: published 3,661, summed 3,804',
    ],
    [
      'a summer day starts at 23:00 UTC the day before: it still reads as its own date',
      [finding('2024-06-30', 10, 12, { period: '2024-06-29T23:00:00.000Z' })],
      beds,
      'Published figure differs on 1 day — 30 Jun 2024: published 10, summed 12',
    ],
    ['a share reads as a percentage', [finding('2017-01-08', 0.7662, 0.8528, { indicator: 'cc_occupancy' })], share, 'Published figure differs on 1 day — 8 Jan 2017: published 76.6%, summed 85.3%'],
    [
      'periods that are not days are counted as periods',
      [finding('2017-01-26', 100, 120), finding('2016-12-29', 100, 110)],
      { ...beds, periodMs: 28 * DAY },
      'Published figure differs on 2 periods — latest 26 Jan 2017: published 100, summed 120',
    ],
  ])('%s', (_name, findings, indicator, words) => {
    expect(publishedDiffersWords(findings, indicator, 'Europe/London')).toBe(words);
  });

  it('takes the findings of one node and indicator, oldest first', () => {
    const all = [finding('2017-01-08', 1, 2), finding('2017-01-01', 1, 2), finding('2017-01-01', 1, 2, { node: 'NW' }), finding('2017-01-01', 1, 2, { indicator: 'dv_beds_closed' })];
    expect(findingsFor(all, 'ENG', 'cc_adult_beds_open').map((f) => f.period.slice(0, 10))).toEqual(['2017-01-01', '2017-01-08']);
  });
});

describe('the indicator card', () => {
  const tree = buildHierarchy(NODES, LEVELS);
  const card = (indicator: typeof beds, node: string, dataQuality = [finding('2017-01-01', 3661, 3728), finding('2017-01-08', 3661, 3804)]) =>
    renderToStaticMarkup(
      <IndicatorCard node={node} indicator={indicator} value={undefined} episodes={[]} tree={tree} who={null} token={null} onActed={() => undefined} dataQuality={dataQuality} />,
    );

  it('shows the mark with both numbers for the node in focus and that indicator', () => {
    const html = card(beds, 'ENG');
    expect(html).toContain('role="note"');
    expect(text(html)).toMatch(/Published figure differs on 2 days — latest \d+ Jan 2017: published 3,661, summed 3,804/);
  });

  it("marks a ratio's card with its parts' findings, each part named, with both numbers", () => {
    const occupied = indicatorInfo({ id: 'cc_adult_beds_occupied', label: 'Adult critical-care beds occupied', unit: 'beds', period: '1d', periodMs: DAY, aggregate: 'sum' });
    const occupancy = { ...share, ratio: { numerator: 'cc_adult_beds_occupied', denominator: 'cc_adult_beds_open' } };
    const findings = [finding('2017-01-08', 3661, 3804), finding('2017-01-08', 2805, 3244, { indicator: 'cc_adult_beds_occupied' })];
    const html = renderToStaticMarkup(
      <IndicatorCard node="ENG" indicator={occupancy} value={undefined} episodes={[]} tree={tree} who={null} token={null} onActed={() => undefined} dataQuality={findings} catalogue={[beds, occupied, occupancy]} />,
    );
    expect(text(html)).toContain('Adult critical-care beds occupied: published figure differs on 1 day — 8 Jan 2017: published 2,805, summed 3,244');
    expect(text(html)).toContain('Adult critical-care beds open: published figure differs on 1 day — 8 Jan 2017: published 3,661, summed 3,804');
    expect(html.match(/role="note"/g)).toHaveLength(2);
  });

  it('shows none for another indicator, another node, or where nothing differs', () => {
    expect(card(share, 'ENG')).not.toContain('Published figure differs');
    expect(card(beds, 'NW')).not.toContain('Published figure differs');
    expect(card(beds, 'ENG', [])).not.toContain('Published figure differs');
  });
});
