import type { Episode } from '../../shared/api';
import { fromBelowWords, nodeSignals } from '../../client/state/node-signals';
import { climbed, episode } from './fixtures';

const atNW = (id: string, rest: Partial<Episode> = {}) => episode({ id, node: 'NW', holder: 'NW', holderLevel: 'region', reached: ['NW'], ...rest });
const fromMFT = (id: string, rest: Partial<Episode> = {}) => climbed({ id, ...rest });

describe('nodeSignals: the node view keeps its own figure\'s signals and counts the rest', () => {
  const cases: Array<{ name: string; episodes: Episode[]; focus: string; own: string[]; fromBelow: { count: number; crisis: number; bright: number } }> = [
    // The national node view listed dozens of rows, a second copy of the wall: now a count.
    { name: 'signals from below are counted, not listed', episodes: [fromMFT('a'), fromMFT('b', { severity: 'crisis' })], focus: 'NW', own: [], fromBelow: { count: 2, crisis: 1, bright: 0 } },
    // The region's own breach is what its indicator card explains.
    { name: 'the node\'s own figure keeps its rows', episodes: [atNW('own'), fromMFT('a')], focus: 'NW', own: ['own'], fromBelow: { count: 1, crisis: 0, bright: 0 } },
    { name: 'good news from below is counted apart', episodes: [fromMFT('b', { direction: 'pleasure' })], focus: 'NW', own: [], fromBelow: { count: 1, crisis: 0, bright: 1 } },
    // At a unit every signal is its own.
    { name: 'at a unit everything is its own', episodes: [episode({ id: 'x' }), episode({ id: 'y' })], focus: 'MFT', own: ['x', 'y'], fromBelow: { count: 0, crisis: 0, bright: 0 } },
    { name: 'nothing, nothing', episodes: [], focus: 'ENG', own: [], fromBelow: { count: 0, crisis: 0, bright: 0 } },
  ];
  it.each(cases)('$name', ({ episodes, focus, own, fromBelow }) => {
    const signals = nodeSignals(episodes, focus);
    expect(signals.own.map((e) => e.id)).toEqual(own);
    expect(signals.fromBelow).toEqual(fromBelow);
  });
});

describe('fromBelowWords', () => {
  const cases: Array<[name: string, fromBelow: { count: number; crisis: number; bright: number }, own: number, words: string | null]> = [
    ['none: no line', { count: 0, crisis: 0, bright: 0 }, 0, null],
    ['one', { count: 1, crisis: 0, bright: 0 }, 0, '1 signal from below on the wall'],
    // "more" only when the card above already lists some.
    ['beside the node\'s own rows', { count: 44, crisis: 0, bright: 0 }, 1, '44 more signals from below on the wall'],
    ['with crises and bright spots named', { count: 44, crisis: 3, bright: 1 }, 0, '44 signals from below on the wall, 3 in crisis, 1 bright spot'],
  ];
  it.each(cases)('%s', (_name, fromBelow, own, words) => expect(fromBelowWords(fromBelow, own)).toBe(words));
});
