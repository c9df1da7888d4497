import { childRows, sortChildRows } from '../../client/state/children';
import { nodeMarks } from '../../client/state/episodes';
import { ancestorsOf, buildHierarchy, childrenOf, isWithin, siblingOf } from '../../client/state/hierarchy';
import { valueKey } from '../../client/state/live';
import { nodeFromPath, pathForNode } from '../../client/state/route';
import { mayAct } from '../../client/state/scope';
import { valueState } from '../../client/state/values';
import { at, climbed, episode, LEVELS, NODES, value } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);

describe('hierarchy', () => {
  it('knows ancestors, children (by name) and siblings (wrapping round)', () => {
    expect(ancestorsOf(tree, 'MFT').map((n) => n.id)).toEqual(['ENG', 'NW', 'GM']);
    expect(childrenOf(tree, 'NW').map((n) => n.id)).toEqual(['CM', 'GM']);
    expect(siblingOf(tree, 'GM', 1)?.id).toBe('CM');
    expect(siblingOf(tree, 'CM', -1)?.id).toBe('GM');
    expect(siblingOf(tree, 'ENG', 1)).toBeNull();
    expect(isWithin(tree, 'MFT', 'NW')).toBe(true);
    expect(isWithin(tree, 'MFT', 'LON')).toBe(false);
  });
});

describe('routes', () => {
  it('names a node in the URL and reads it back', () => {
    expect(pathForNode('ENG', 'ENG')).toBe('/');
    expect(pathForNode('R:1 x', 'ENG')).toBe('/node/R%3A1%20x');
    expect(nodeFromPath('/node/R%3A1%20x')).toBe('R:1 x');
    expect(nodeFromPath('/node/RJ1/')).toBe('RJ1');
    expect(nodeFromPath('/')).toBeNull();
    expect(nodeFromPath('/node/%E0%A4%A')).toBeNull();
  });
});

describe('who may act', () => {
  const held = climbed(); // held by NW
  it.each([
    ['a coordinator of the holder', { role: 'coordinator' as const, node: 'NW', name: 'a' }, true],
    ['a coordinator above the holder', { role: 'coordinator' as const, node: 'ENG', name: 'a' }, true],
    ['a coordinator below the holder', { role: 'coordinator' as const, node: 'GM', name: 'a' }, false],
    ['a coordinator elsewhere', { role: 'coordinator' as const, node: 'LON', name: 'a' }, false],
    ['the reporter of the origin once it climbed', { role: 'reporter' as const, node: 'MFT', name: 'a' }, false],
    ['an admin', { role: 'admin' as const, node: null, name: 'a' }, true],
  ])('%s: %s', (_label, who, expected) => expect(mayAct(who, held, tree)).toBe(expected));

  it('lets a reporter act on what its unit holds, and nobody on a resolved episode', () => {
    expect(mayAct({ role: 'reporter', node: 'MFT', name: 'r' }, episode(), tree)).toBe(true);
    expect(mayAct({ role: 'coordinator', node: 'ENG', name: 'c' }, episode({ status: 'resolved' }), tree)).toBe(false);
    expect(mayAct(null, episode(), tree)).toBe(false);
  });
});

describe('children table', () => {
  const episodes = [climbed(), episode({ id: 'lon', node: 'RFH', holder: 'RFH' })];
  const values = { [valueKey('NW', 'ae4h')]: value('NW', 'ae4h', at(0), 71), [valueKey('LON', 'ae4h')]: value('LON', 'ae4h', at(0), 64) };
  const rows = childRows(childrenOf(tree, 'ENG'), tree, nodeMarks(episodes), episodes, values, ['ae4h']);

  it('counts open trouble in each child subtree and carries its latest values', () => {
    expect(rows.map((r) => [r.node.id, r.state, r.openBelow, r.values.ae4h?.value])).toEqual([
      ['LON', 'normal', 1, 64],
      ['NW', 'held', 1, 71],
    ]);
  });

  it('sorts worst first by default and by any column both ways', () => {
    expect(sortChildRows(rows, { key: 'state', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
    expect(sortChildRows(rows, { key: 'indicator:ae4h', descending: false }).map((r) => r.node.id)).toEqual(['LON', 'NW']);
    expect(sortChildRows(rows, { key: 'name', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
  });

  it('sinks children without a value whichever way a value column is sorted', () => {
    const withGap = rows.map((r) => (r.node.id === 'LON' ? { ...r, values: {} } : r));
    expect(sortChildRows(withGap, { key: 'indicator:ae4h', descending: false }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
    expect(sortChildRows(withGap, { key: 'indicator:ae4h', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
  });
});

describe('value standing', () => {
  const thresholds = { alert: 90, crisis: 95, clear: null };
  it.each([
    [80, 'lower', 'normal'],
    [92, 'lower', 'alert'],
    [96, 'lower', 'crisis'],
    [null, 'lower', 'unknown'],
  ] as const)('%s where %s is better: %s', (v, better, expected) => {
    expect(valueState(value('NW', 'beds', at(0), v, { thresholds }), better)).toBe(expected);
  });
  it('reads thresholds the other way where higher is better', () => {
    expect(valueState(value('NW', 'ae4h', at(0), 70, { thresholds: { alert: 76, crisis: 60, clear: null } }), 'higher')).toBe('alert');
  });
});
