import { wordingFor } from '../../client/state/episode-words';
import { buildHierarchy } from '../../client/state/hierarchy';
import { noReportLines, noReportOf } from '../../client/state/no-report';
import { at, episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);

describe('units that have not reported', () => {
  test.each([
    // An open missing report marks its unit.
    { name: 'open missing report', episodes: [episode({ kind: 'no-report', value: null })], silent: ['MFT'] },
    // Once the report came in, the mark goes.
    { name: 'resolved missing report', episodes: [episode({ kind: 'no-report', value: null, status: 'resolved' })], silent: [] },
    // A figure out of bounds is not silence.
    { name: 'a threshold episode', episodes: [episode()], silent: [] },
    // Two indicators silent at one unit: one mark.
    { name: 'two indicators at one unit', episodes: [episode({ id: 'a', kind: 'no-report', value: null }), episode({ id: 'b', kind: 'no-report', value: null, indicator: 'beds' })], silent: ['MFT'] },
  ])('$name', ({ episodes, silent }) => {
    expect([...noReportOf(episodes)]).toEqual(silent);
  });

  test('the node view of a silent unit says since when, per indicator, the longest silence first', () => {
    const hourly = indicatorInfo();
    const daily = indicatorInfo({ id: 'beds', label: 'G&A beds', periodMs: 86_400_000, period: '1d' });
    const wordingOf = (id: string) => wordingFor(tree, id, id === 'beds' ? daily : hourly);
    const episodes = [
      episode({ id: 'a', kind: 'no-report', value: null, period: at(120) }),
      episode({ id: 'b', kind: 'no-report', value: null, indicator: 'beds', period: '2026-01-04T00:00:00.000Z' }),
      episode({ id: 'c', kind: 'no-report', value: null, node: 'SRF', period: at(0) }), // another unit
    ];
    expect(noReportLines(episodes, 'MFT', wordingOf)).toEqual(['G&A beds: no report for Sun 4 Jan or since', 'A&E 4-hour: no report since 10:00']);
  });
});
