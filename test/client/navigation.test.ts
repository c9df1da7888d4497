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
  // At the top, the client holds only what reached it: an alert from Manchester that climbed all the way.
  const top = climbed({
    id: 'top',
    holder: 'ENG',
    holderLevel: 'national',
    deadline: null,
    overdue: true,
    reached: ['MFT', 'GM', 'NW', 'ENG'],
    path: [...climbed().path, { type: 'escalated', at: at(300), from: 'NW', to: 'ENG', reason: 'deadline' }],
  });
  // The server counts the rest: one alert held within North West, one within London.
  const below = { NW: { alert: 1, crisis: 0 }, LON: { alert: 1, crisis: 0 } };
  const values = { [valueKey('NW', 'ae4h')]: value('NW', 'ae4h', at(0), 71), [valueKey('LON', 'ae4h')]: value('LON', 'ae4h', at(0), 64) };
  const rows = childRows('ENG', childrenOf(tree, 'ENG'), tree, nodeMarks([top]), [top], below, values, ['ae4h']);

  it('counts per child what reached here plus what is being settled below, and carries its latest values', () => {
    expect(rows.map((r) => [r.node.id, r.state, r.openBelow, r.settling, r.values.ae4h?.value])).toEqual([
      ['LON', 'normal', 1, { alert: 1, crisis: 0 }, 64],
      ['NW', 'passed', 2, { alert: 1, crisis: 0 }, 71],
    ]);
  });

  it('never counts twice an episode it holds that has not reached the focus (the server counts it)', () => {
    const stray = climbed(); // held by NW; the top has not heard of it
    const again = childRows('ENG', childrenOf(tree, 'ENG'), tree, nodeMarks([top]), [top, stray], below, values, ['ae4h']);
    expect(again.map((r) => [r.node.id, r.openBelow])).toEqual([['LON', 1], ['NW', 2]]);
  });

  it('shows no settling where the server sent no count', () => {
    const bare = childRows('ENG', childrenOf(tree, 'ENG'), tree, new Map(), [], {}, {}, []);
    expect(bare.map((r) => [r.node.id, r.openBelow, r.settling])).toEqual([['LON', 0, { alert: 0, crisis: 0 }], ['NW', 0, { alert: 0, crisis: 0 }]]);
  });

  it('sorts worst first by default and by any column both ways', () => {
    expect(sortChildRows(rows, { key: 'state', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
    expect(sortChildRows(rows, { key: 'open', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
    expect(sortChildRows(rows, { key: 'indicator:ae4h', descending: false }).map((r) => r.node.id)).toEqual(['LON', 'NW']);
    expect(sortChildRows(rows, { key: 'name', descending: true }).map((r) => r.node.id)).toEqual(['NW', 'LON']);
    const more = rows.map((r) => (r.node.id === 'LON' ? { ...r, settling: { alert: 3, crisis: 0 } } : r));
    expect(sortChildRows(more, { key: 'settling', descending: true }).map((r) => r.node.id)).toEqual(['LON', 'NW']);
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
