import { wordingFor } from '../../client/state/episode-words';
import { nodeMarks } from '../../client/state/episodes';
import { buildHierarchy, isWithin } from '../../client/state/hierarchy';
import { noReportLines, noReportOf, silentTag, silentWithin } from '../../client/state/no-report';
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

  test('the node view of a silent unit says since when, one line per missing period, the longest silence first', () => {
    const hourly = indicatorInfo();
    const daily = indicatorInfo({ id: 'beds', label: 'G&A beds', periodMs: 86_400_000, period: '1d' });
    const occupancy = indicatorInfo({ id: 'occ', label: 'G&A bed occupancy' });
    const wordingOf = (id: string) => wordingFor(tree, id, id === 'beds' ? daily : id === 'occ' ? occupancy : hourly);
    const episodes = [
      episode({ id: 'a', kind: 'no-report', value: null, period: at(120) }),
      episode({ id: 'b', kind: 'no-report', value: null, indicator: 'beds', period: '2026-01-04T00:00:00.000Z' }),
      episode({ id: 'c', kind: 'no-report', value: null, node: 'SRF', period: at(0) }), // another unit
      episode({ id: 'd', kind: 'no-report', value: null, indicator: 'occ', period: at(120) }), // same period: same line
    ];
    expect(noReportLines(episodes, 'MFT', wordingOf)).toEqual(['No report for Sun 4 Jan or since: G&A beds', 'No report since 10:00: A&E 4-hour, G&A bed occupancy']);
  });
});

describe('the mark on the map and the tag in the tables', () => {
  test('the map\'s marks flag the silent unit, not the district holding its episode', () => {
    const passedUp = episode({ kind: 'no-report', value: null, holder: 'GM', holderLevel: 'district', reached: ['MFT', 'GM'] });
    const marks = nodeMarks([passedUp, episode({ id: 'other', node: 'SRF', holder: 'SRF' })]);
    expect(marks.get('MFT')).toMatchObject({ state: 'passed', noReport: true });
    expect(marks.get('GM')?.noReport).toBeUndefined();
    expect(marks.get('SRF')?.noReport).toBeUndefined(); // out of bounds, but reporting
  });

  test('silent units are counted in each subtree', () => {
    const silent = new Set(['MFT', 'SRF', 'LUH']);
    const within = (id: string, ancestor: string) => isWithin(tree, id, ancestor);
    expect(['NW', 'GM', 'CM', 'LON', 'MFT'].map((node) => silentWithin(silent, node, within))).toEqual([3, 2, 1, 0, 1]);
  });

  test.each([
    { count: 1, isUnit: true, tag: 'no report' }, // the unit itself
    { count: 2, isUnit: false, tag: '2 units not reporting' }, // a district with two silent units
    { count: 1, isUnit: false, tag: '1 unit not reporting' },
    { count: 0, isUnit: false, tag: null }, // all reporting: no tag at all
  ])('$tag', ({ count, isUnit, tag }) => {
    expect(silentTag(count, isUnit, 'unit')).toBe(tag);
  });
});
