import { episodesAt, wallFor } from '../../client/state/wall';
import { at, climbed, episode } from './fixtures';

describe('algedonic wall', () => {
  const episodes = [
    climbed({ id: 'climbed' }), // MFT → GM → NW, held by NW
    episode({ id: 'local' }), // held by MFT in its own window
    episode({ id: 'crisis', node: 'LUH', holder: 'CM', severity: 'crisis', reached: ['LUH', 'CM', 'NW', 'ENG'] }),
    episode({ id: 'bright', node: 'WUTH', direction: 'pleasure', deadline: null, reached: ['WUTH', 'CM', 'NW', 'ENG'] }),
    climbed({ id: 'done', status: 'resolved', resolvedAt: at(400) }),
  ];

  it('shows at a level what reached it, crisis pinned, bright spots apart; the rest is the server\'s count', () => {
    // 'local' has not reached NW: even held by the client, it is not on NW's wall, nor counted from it.
    const wall = wallFor(episodes, 'NW', { GM: { alert: 1, crisis: 0 }, CM: { alert: 0, crisis: 0 } });
    expect(wall.pinned.map((e) => e.id)).toEqual(['crisis']);
    expect(wall.signals.map((e) => e.id)).toEqual(['climbed']);
    expect(wall.bright.map((e) => e.id)).toEqual(['bright']);
    expect(wall.settlingBelow).toBe(1);
  });

  it('at a unit shows its own signals, the climbed one too (it hears what is said above about it)', () => {
    const wall = wallFor(episodes.filter((e) => e.node === 'MFT'), 'MFT');
    expect(wall.signals.map((e) => e.id).sort()).toEqual(['climbed', 'local']);
    expect(wall.settlingBelow).toBe(0);
  });

  it('at the top shows only what climbed all the way or was told at once, and counts the rest below', () => {
    const wall = wallFor(episodes, 'ENG', { NW: { alert: 2, crisis: 0 }, LON: { alert: 0, crisis: 1 } });
    expect(wall.pinned.map((e) => e.id)).toEqual(['crisis']);
    expect(wall.signals).toEqual([]);
    expect(wall.settlingBelow).toBe(3);
  });

  it('with no counts from the server, counts nothing below (it no longer has those episodes to count)', () => {
    expect(wallFor(episodes, 'ENG').settlingBelow).toBe(0);
  });

  it('lists a node’s open signals on one indicator: those that reached it', () => {
    expect(episodesAt(episodes, 'GM', 'ae4h').map((e) => e.id)).toEqual(['climbed']);
    expect(episodesAt(episodes, 'MFT', 'ae4h').map((e) => e.id).sort()).toEqual(['climbed', 'local']);
    expect(episodesAt(episodes, 'LON', 'ae4h')).toEqual([]);
    expect(episodesAt(episodes, 'GM', 'beds')).toEqual([]);
  });
});
