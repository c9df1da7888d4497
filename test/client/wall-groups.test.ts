import type { Episode } from '../../shared/api';
import { buildHierarchy } from '../../client/state/hierarchy';
import { branchesOf, freshFirst, groupLine, groupSection, openByDefault, plural, type GroupWording, type WallGroup } from '../../client/state/wall-groups';
import type { WallSection } from '../../client/state/wall';
import { at, climbed, episode, LEVELS, NODES, T0 } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const childOf = (focus: string) => (node: string) => {
  let id: string | null = node;
  while (id !== null && tree.byId.get(id)?.parent !== focus) id = tree.byId.get(id)?.parent ?? null;
  return id ?? focus;
};
const wording = (focus: string): GroupWording => ({
  label: 'G&A bed occupancy',
  focus,
  levels: LEVELS,
  levelOf: (id) => tree.byId.get(id)?.level ?? '',
  nameOf: (id) => tree.byId.get(id)?.name ?? id,
  childOf: childOf(focus),
});
const DAY = 24 * 60;
const standing = (id: string, node: string, overrides: Partial<Episode> = {}) =>
  episode({ id, node, holder: 'ENG', holderLevel: 'national', deadline: null, overdue: true, severity: 'crisis', ...overrides });
const group = (section: WallSection, episodes: Episode[]): WallGroup => groupSection(section, episodes)[0]!;

describe('grouping a section', () => {
  it('gives one group per indicator, trouble and good news apart, in the order of their most pressing episode', () => {
    const groups = groupSection('told', [
      episode({ id: 'a', indicator: 'beds' }),
      episode({ id: 'b', indicator: 'ae4h', severity: 'crisis' }),
      episode({ id: 'c', indicator: 'beds', severity: 'crisis' }),
      episode({ id: 'd', indicator: 'beds', direction: 'pleasure' }),
    ]);
    expect(groups.map((g) => [g.indicator, g.direction, g.kind, g.episodes.map((e) => e.id)])).toEqual([
      ['beds', 'pain', 'crisis', ['a', 'c']],
      ['ae4h', 'pain', 'crisis', ['b']],
      ['beds', 'pleasure', 'pleasure', ['d']],
    ]);
  });

  it('splits a group by the child of the focus each episode sits under', () => {
    const branches = branchesOf([standing('1', 'MFT'), standing('2', 'UCLH'), standing('3', 'LUH'), standing('4', 'NW')], childOf('ENG'));
    expect(branches.map((b) => [b.child, b.episodes.map((e) => e.id)])).toEqual([['NW', ['1', '3', '4']], ['LON', ['2']]]);
  });

  it.each<[string, WallGroup, boolean]>([
    // One episode: the line would say less than its card, so the card is shown.
    ['a group of one', group('standing', [standing('1', 'MFT')]), true],
    // The level's own few: its work, shown open to act on.
    ['the level’s own few', group('own', [climbed({ id: '1' }), climbed({ id: '2' })]), true],
    // Many of its own: one line until opened, or the wall is nothing but cards.
    ['the level’s own many', group('own', Array.from({ length: 5 }, (_, i) => climbed({ id: String(i) }))), false],
    // Standing state at the top: one calm line.
    ['standing at the top', group('standing', [standing('1', 'MFT'), standing('2', 'SRF')]), false],
  ])('%s open from the start: %s', (_why, g, open) => {
    expect(openByDefault(g)).toBe(open);
  });
});

describe('the words of a group line', () => {
  const now = T0 + 118 * DAY * 60_000 + 5 * 3_600_000;
  const time = (minutes: number) => Date.parse(at(minutes));
  it.each<[string, WallGroup, string, number, string]>([
    // The issue's own example: many units in crisis at the top, the longest for 118 days, across the regions.
    ['standing crisis across regions', group('standing', [standing('1', 'MFT'), standing('2', 'UCLH', { openedAt: at(3 * DAY) })]), 'ENG', now, 'G&A bed occupancy: 2 units in crisis, longest 118 d 5 h, in 2 regions'],
    // Crisis and alert apart, each counted; one region named rather than counted.
    ['mixed severities in one region', group('standing', [standing('1', 'MFT'), standing('2', 'LUH', { severity: 'alert' }), standing('3', 'SRF')]), 'ENG', time(90), 'G&A bed occupancy: 2 units in crisis, 1 unit on alert, longest 1 h 30 m, in North West'],
    // Silent units are not "on alert": a missing report says what it is.
    ['missing reports', group('standing', [standing('1', 'MFT', { kind: 'no-report', severity: 'alert', value: null }), standing('2', 'SRF', { severity: 'alert' }), standing('3', 'LUH', { kind: 'no-report', severity: 'alert', value: null })]), 'ENG', time(60), 'G&A bed occupancy: 1 unit on alert, 2 units not reporting, longest 1 h, in North West'],
    // Different levels of origin: counted as signals, not as "units".
    ['different levels of origin', group('standing', [standing('1', 'MFT'), standing('2', 'GM', { severity: 'alert' }), standing('3', 'CM', { severity: 'alert' })]), 'NW', time(60), 'G&A bed occupancy: 1 unit in crisis, 2 districts on alert, longest 1 h, in 2 districts'],
    // Held by the one child they are all in: named once, as the holder.
    ['told, held by the child they sit in', group('told', [climbed({ id: '1', severity: 'crisis' }), climbed({ id: '2', node: 'LUH', severity: 'crisis' })]), 'ENG', time(240), 'G&A bed occupancy: 2 units in crisis, longest 4 h, held by North West'],
    // The level's own work says how soon the first window runs out, not how old it is.
    ['own work', group('own', [climbed({ id: '1', deadline: at(300) }), climbed({ id: '2', node: 'LUH', deadline: at(250) })]), 'NW', time(200), 'G&A bed occupancy: 2 units on alert, soonest 50 m left, in 2 districts'],
    ['own work, one due', group('own', [climbed({ id: '1', deadline: at(300) })]), 'NW', time(300), 'G&A bed occupancy: 1 unit on alert, one due now, in Greater Manchester'],
    // Told here, all held by one node: who has it.
    ['told, one holder', group('told', [climbed({ id: '1', severity: 'crisis' }), climbed({ id: '2', node: 'SRF', severity: 'crisis' })]), 'GM', time(240), 'G&A bed occupancy: 2 units in crisis, longest 4 h, held by North West'],
    // England's own figure: it is one node, so it is a signal, not "1 national".
    ['the top’s own figure', group('standing', [standing('1', 'ENG')]), 'ENG', time(60), 'G&A bed occupancy: 1 signal in crisis, longest 1 h'],
    // Good news: how many, and how fresh.
    ['bright spots', group('told', [episode({ id: '1', direction: 'pleasure', openedAt: at(10) }), episode({ id: '2', node: 'UCLH', direction: 'pleasure', openedAt: at(40) })]), 'ENG', time(60), 'G&A bed occupancy: 2 units with a bright spot, newest 20 m ago, in 2 regions'],
  ])('%s', (_why, g, focus, when, words) => {
    expect(groupLine(g, wording(focus), when)).toBe(words);
  });

  it.each([
    ['unit', 1, 'unit'], // one of them
    ['unit', 2, 'units'],
    ['country', 3, 'countries'], // consonant + y
    ['day', 2, 'days'], // vowel + y
    ['branch', 2, 'branches'],
  ])('plural of %s × %d is %s', (word, count, expected) => {
    expect(plural(word, count)).toBe(expected);
  });
});

describe('freshFirst: an opened group shows what just came in among its first cards', () => {
  const e = (id: string) => standing(id, 'MFT');
  const list = [e('old1'), e('old2'), e('new1'), e('new2')];
  const cases: Array<[name: string, fresh: Array<[string, number]>, order: string[]]> = [
    // Nothing new: the section's order stands.
    ['nothing new', [], ['old1', 'old2', 'new1', 'new2']],
    // A group of 300 opens eight at a time; the arrival would otherwise be on the last page.
    ['one arrival leads', [['new2', 100]], ['new2', 'old1', 'old2', 'new1']],
    // The latest arrival is the news; the one before it next.
    ['arrivals newest first', [['new1', 100], ['new2', 200]], ['new2', 'new1', 'old1', 'old2']],
  ];
  it.each(cases)('%s', (_name, fresh, order) => expect(freshFirst(list, new Map(fresh)).map((episode) => episode.id)).toEqual(order));
  it('gives back the same list when nothing is new', () => expect(freshFirst(list, new Map())).toBe(list));
});
