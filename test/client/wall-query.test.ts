import type { Episode } from '../../shared/api';
import { buildHierarchy } from '../../client/state/hierarchy';
import { parseWallQuery, wallQueryString, type WallQuery } from '../../client/state/route';
import { matchesQuery, narrowWall, nodeSearch } from '../../client/state/wall-filter';
import { wallFor } from '../../client/state/wall';
import { climbed, episode, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(
  NODES.map((node) => (node.id === 'MFT' ? { ...node, publishedName: 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST' } : node)),
  LEVELS,
);

describe('a wall’s view in its URL', () => {
  it.each<[string, string, WallQuery]>([
    ['nothing narrowed', '', {}],
    // The brief's example: every part read back.
    ['severity, indicator, search', '?severity=crisis&indicator=occupancy&q=leeds', { severity: 'crisis', indicator: 'occupancy', q: 'leeds' }],
    ['flags as 1, true or yes', '?unacked=1&here=true', { unacked: true, here: true }],
    // A hand-typed value the room does not know is dropped; the rest still narrows.
    ['an unknown severity is dropped', '?severity=purple&q=RW6', { q: 'RW6' }],
    ['a flag with another value is dropped', '?unacked=no', {}],
    // Blank search is no search, and spaces round it do not count.
    ['blank and padded search', '?q=%20%20&indicator=%20beds%20', { indicator: 'beds' }],
    // Other parameters (someone's tracking tag) are ignored, not an error.
    ['unknown parameters ignored', '?utm=x&severity=bright', { severity: 'bright' }],
  ])('%s', (_why, search, query) => {
    expect(parseWallQuery(search)).toEqual(query);
  });

  it.each<[string, WallQuery, string]>([
    ['nothing', {}, ''],
    // Always in the same order, so the same view is always the same URL.
    ['every part, in one order', { q: 'leeds', here: true, unacked: true, indicator: 'occupancy', severity: 'crisis' }, '?severity=crisis&indicator=occupancy&unacked=1&here=1&q=leeds'],
    ['a search with spaces', { q: 'North West' }, '?q=North+West'],
  ])('writes %s', (_why, query, search) => {
    expect(wallQueryString(query)).toBe(search);
    expect(parseWallQuery(search)).toEqual(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
  });
});

describe('narrowing the wall', () => {
  it.each<[string, string, string, boolean]>([
    ['by code', 'MFT', 'MFT', true],
    ['by name, any case', 'manchester univ', 'MFT', true],
    // ODS names are published in capitals and kept as publishedName: still found.
    ['by published name', 'foundation trust', 'MFT', true],
    // A node above, below the focus: the region's name finds its units.
    ['by a node above, below the focus', 'greater manchester', 'SRF', true],
    // The focus itself and above do not count, or every search at a level would match everything.
    ['not by the focus itself', 'north west', 'SRF', false],
    ['not another node', 'salford', 'MFT', false],
  ])('search %s: %s finds %s: %s', (_why, words, node, found) => {
    expect(nodeSearch(tree, 'NW', words)(node)).toBe(found);
  });

  it.each<[string, WallQuery, Episode, boolean]>([
    ['severity', { severity: 'crisis' }, episode({ severity: 'alert' }), false],
    ['severity bright', { severity: 'bright' }, episode({ direction: 'pleasure' }), true],
    ['indicator', { indicator: 'beds' }, episode(), false],
    ['unacknowledged', { unacked: true }, episode({ acknowledgedBy: 'A. Okafor' }), false],
    // Good news needs no acknowledgement: not in the list of what still needs one.
    ['unacknowledged bright spot', { unacked: true }, episode({ direction: 'pleasure' }), false],
    ['held here', { here: true }, climbed(), true],
    ['held elsewhere', { here: true }, episode(), false],
  ])('%s', (_why, query, signal, kept) => {
    expect(matchesQuery(signal, query, 'NW', null)).toBe(kept);
  });

  it('keeps the sections and their order, fewer in them', () => {
    const wall = wallFor([climbed({ id: 'mft' }), climbed({ id: 'luh', node: 'LUH', severity: 'crisis' }), climbed({ id: 'srf', node: 'SRF' })], 'NW');
    const narrowed = narrowWall(wall, { q: 'greater' }, 'NW', tree);
    expect(narrowed.own.map((e) => e.id)).toEqual(['mft', 'srf']);
    expect(narrowWall(wall, {}, 'NW', tree)).toBe(wall);
  });
});
