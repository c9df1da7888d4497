import { episodesAt, wallFor } from '../../client/state/wall';
import { at, climbed, episode } from './fixtures';

describe('algedonic wall', () => {
  const episodes = [
    climbed({ id: 'climbed' }),
    episode({ id: 'local' }),
    episode({ id: 'crisis', node: 'LUH', holder: 'CM', severity: 'crisis', reached: ['LUH', 'CM', 'NW', 'ENG'] }),
    episode({ id: 'bright', node: 'WUTH', direction: 'pleasure', deadline: null, reached: ['WUTH', 'CM', 'NW', 'ENG'] }),
    climbed({ id: 'done', status: 'resolved', resolvedAt: at(400) }),
  ];

  it('shows at a level what reached it: crisis pinned, bright spots apart, the rest counted below', () => {
    const wall = wallFor(episodes, 'NW');
    expect(wall.pinned.map((e) => e.id)).toEqual(['crisis']);
    expect(wall.signals.map((e) => e.id)).toEqual(['climbed']);
    expect(wall.bright.map((e) => e.id)).toEqual(['bright']);
    expect(wall.settlingBelow).toBe(1);
  });

  it('at a unit shows its own signals', () => {
    // The live state holds the focus's subtree only.
    const wall = wallFor(episodes.filter((e) => e.node === 'MFT'), 'MFT');
    expect(wall.signals.map((e) => e.id).sort()).toEqual(['climbed', 'local']);
    expect(wall.settlingBelow).toBe(0);
  });

  it('at the top shows only what climbed all the way or was told at once', () => {
    const wall = wallFor(episodes, 'ENG');
    expect(wall.pinned.map((e) => e.id)).toEqual(['crisis']);
    expect(wall.signals).toEqual([]);
    expect(wall.settlingBelow).toBe(2);
  });

  it('lists a node’s open signals on one indicator', () => {
    expect(episodesAt(episodes, 'GM', 'ae4h').map((e) => e.id)).toEqual(['climbed']);
    expect(episodesAt(episodes, 'GM', 'beds')).toEqual([]);
  });
});
