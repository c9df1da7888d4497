import type { Episode } from '../../shared/api';
import { byAge, byTimeLeft, byTold, episodesAt, sectionOf, wallFor, type WallSection } from '../../client/state/wall';
import { at, climbed, episode } from './fixtures';

/** Held by England at the top, no window left (as everything at the top is, once it gets there). */
const atTop = (id: string, overrides: Partial<Episode> = {}) =>
  climbed({ id, holder: 'ENG', holderLevel: 'national', deadline: null, overdue: true, severity: 'crisis', reached: ['MFT', 'GM', 'NW', 'ENG'], ...overrides });

describe('where a signal sits on a level’s wall', () => {
  it.each<[string, Episode, string, WallSection]>([
    // The level's own work: it holds it and its window is still running.
    ['held here, window running', climbed(), 'NW', 'own'],
    // At the top there is no window: what stands there is state, not work against the clock.
    ['held at the top, no window left', atTop('top'), 'ENG', 'standing'],
    // The same standing episode seen from the region it passed through is still standing state, not the region's work.
    ['standing at the top, seen from below', atTop('top'), 'NW', 'standing'],
    // Passed up and still within the holder's window: told here, somebody else is on it.
    ['passed up, held above', climbed(), 'GM', 'told'],
    // A crisis told at once to every ancestor while the unit still holds it.
    ['crisis passing through', episode({ severity: 'crisis', reached: ['MFT', 'GM', 'NW', 'ENG'] }), 'NW', 'told'],
    // Good news has no window and nothing to settle, even where it arose.
    ['bright spot at its own unit', episode({ direction: 'pleasure', deadline: null }), 'MFT', 'told'],
  ])('%s', (_why, signal, focus, section) => {
    expect(sectionOf(signal, focus)).toBe(section);
  });
});

describe('the order within a section', () => {
  it.each<[string, (a: Episode, b: Episode) => number, Episode, Episode]>([
    // Own work: the window that runs out first comes first, whatever its severity.
    ['own: sooner deadline first', byTimeLeft, episode({ id: 'soon', deadline: at(30) }), episode({ id: 'late', deadline: at(50), severity: 'crisis' })],
    // Due at the same moment: the crisis first.
    ['own: same deadline, crisis first', byTimeLeft, episode({ id: 'c', severity: 'crisis' }), episode({ id: 'a' })],
    // Told: trouble before good news, even old trouble before fresh good news.
    ['told: pain before a bright spot', byTold, episode({ id: 'pain', openedAt: at(-500) }), episode({ id: 'good', direction: 'pleasure', deadline: null })],
    // Told: a crisis before an alert.
    ['told: crisis before alert', byTold, episode({ id: 'c', severity: 'crisis', deadline: at(90) }), episode({ id: 'a', deadline: at(10) })],
    // Bright spots: newest first, the latest good news on top.
    ['told: newest bright spot first', byTold, episode({ id: 'new', direction: 'pleasure', openedAt: at(30) }), episode({ id: 'old', direction: 'pleasure', openedAt: at(0) })],
    // Standing: crisis before alert however long the alert has stood.
    ['standing: crisis first', byAge, atTop('c', { openedAt: at(100) }), atTop('a', { severity: 'alert', openedAt: at(0) })],
    // Standing: the longest standing first.
    ['standing: oldest first', byAge, atTop('old', { openedAt: at(0) }), atTop('new', { openedAt: at(100) })],
  ])('%s', (_why, order, first, second) => {
    expect(order(first, second)).toBeLessThan(0);
    expect(order(second, first)).toBeGreaterThan(0);
  });
});

describe('algedonic wall', () => {
  it('at a region puts its own two episodes before the six England holds, then what is told', () => {
    const englands = Array.from({ length: 6 }, (_, i) => atTop(`eng${i}`, { openedAt: at(-1000 + i) }));
    const own = [climbed({ id: 'own-late', severity: 'crisis', deadline: at(400) }), climbed({ id: 'own-soon', severity: 'crisis', deadline: at(300) })];
    const told = episode({ id: 'told', node: 'LUH', holder: 'LUH', severity: 'crisis', reached: ['LUH', 'CM', 'NW', 'ENG'] });
    const wall = wallFor([...englands, told, ...own], 'NW');
    expect([...wall.own, ...wall.told, ...wall.standing].map((e) => e.id)).toEqual(['own-soon', 'own-late', 'told', 'eng0', 'eng1', 'eng2', 'eng3', 'eng4', 'eng5']);
    expect(wall.tally).toEqual({ crisis: 9, alert: 0, bright: 0 });
  });

  it('shows only what is open and reached the level; the rest below is the server’s count', () => {
    const episodes = [
      climbed({ id: 'climbed' }),
      episode({ id: 'local' }), // held by MFT in its own window: not at NW
      episode({ id: 'bright', node: 'WUTH', holder: 'WUTH', direction: 'pleasure', deadline: null, reached: ['WUTH', 'CM', 'NW', 'ENG'] }),
      climbed({ id: 'done', status: 'resolved', resolvedAt: at(400) }),
    ];
    const wall = wallFor(episodes, 'NW', { GM: { alert: 1, crisis: 0 }, CM: { alert: 0, crisis: 2 } });
    expect(wall.own.map((e) => e.id)).toEqual(['climbed']);
    expect(wall.told.map((e) => e.id)).toEqual(['bright']);
    expect(wall.standing).toEqual([]);
    expect(wall.tally).toEqual({ crisis: 0, alert: 1, bright: 1 });
    expect(wall.settlingBelow).toBe(3);
    expect(wallFor(episodes, 'ENG').settlingBelow).toBe(0); // no counts from the server: nothing to count
  });

  it('lists a node’s open signals on one indicator: those that reached it', () => {
    const episodes = [climbed({ id: 'climbed' }), episode({ id: 'local' })];
    expect(episodesAt(episodes, 'GM', 'ae4h').map((e) => e.id)).toEqual(['climbed']);
    expect(episodesAt(episodes, 'MFT', 'ae4h').map((e) => e.id).sort()).toEqual(['climbed', 'local']);
    expect(episodesAt(episodes, 'LON', 'ae4h')).toEqual([]);
    expect(episodesAt(episodes, 'GM', 'beds')).toEqual([]);
  });
});
