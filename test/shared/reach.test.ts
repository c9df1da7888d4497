import { hasReached, settlingBelow, totalBelow, type Settling } from '../../shared/reach';

/** ENG → R1 (D1: U1 U2; D2: U3) and R2 (D3: U4), as in test/helpers/network.ts. */
const PARENT: Record<string, string | null> = { ENG: null, R1: 'ENG', R2: 'ENG', D1: 'R1', D2: 'R1', D3: 'R2', U1: 'D1', U2: 'D1', U3: 'D2', U4: 'D3' };
const isWithin = (node: string, ancestor: string): boolean => {
  for (let at: string | null | undefined = node; at != null; at = PARENT[at]) if (at === ancestor) return true;
  return false;
};
const children = (node: string) => Object.keys(PARENT).filter((id) => PARENT[id] === node);

const pain = (over: Partial<Settling> = {}): Settling => ({ node: 'U1', reached: ['U1'], status: 'open', severity: 'alert', direction: 'pain', ...over });

describe('hasReached: the one rule of what a level hears', () => {
  test.each([
    // The origin holds it in its own window: its own room hears it.
    { name: 'held here', episode: pain(), node: 'U1', expected: true },
    // Escalated U1 → D1 → R1: the district it went through has heard it and keeps hearing it.
    { name: 'passed through', episode: pain({ reached: ['U1', 'D1', 'R1'] }), node: 'D1', expected: true },
    // Transparency: once it has climbed, the unit still hears what is said above about it.
    { name: 'origin after it climbed', episode: pain({ reached: ['U1', 'D1', 'R1'] }), node: 'U1', expected: true },
    // A crisis is held by the parent and told at once to every ancestor, the top included.
    { name: 'crisis told', episode: pain({ severity: 'crisis', reached: ['U1', 'D1', 'R1', 'ENG'] }), node: 'ENG', expected: true },
    // A bright spot has no holder above the unit but is told to every ancestor.
    { name: 'bright spot told', episode: pain({ direction: 'pleasure', reached: ['U4', 'D3', 'R2', 'ENG'] }), node: 'R2', expected: true },
    // Held by D1 inside its window: the region above has not heard of it.
    { name: 'below, not reached', episode: pain({ reached: ['U1', 'D1'] }), node: 'R1', expected: false },
    // The top never hears what is settled in a district.
    { name: 'the top, not reached', episode: pain({ reached: ['U1', 'D1'] }), node: 'ENG', expected: false },
    // A sibling district is not on the path, however high the episode climbed.
    { name: 'sibling', episode: pain({ reached: ['U1', 'D1', 'R1', 'ENG'] }), node: 'D2', expected: false },
    // A sibling unit neither.
    { name: 'sibling unit', episode: pain({ reached: ['U1', 'D1'] }), node: 'U2', expected: false },
    // Resolved after reaching the region: the region's room gets the resolution.
    { name: 'resolved after reaching', episode: pain({ status: 'resolved', reached: ['U1', 'D1', 'R1'] }), node: 'R1', expected: true },
    // Resolved while still with the district: the region never heard of it, nor of its end.
    { name: 'resolved below', episode: pain({ status: 'resolved', reached: ['U1', 'D1'] }), node: 'R1', expected: false },
  ])('$name → $expected', ({ episode, node, expected }) => expect(hasReached(episode, node)).toBe(expected));
});

describe('settlingBelow: what a level is told of the rest, as counts per child', () => {
  const zero = { alert: 0, crisis: 0 };
  test.each([
    // Held by the unit: the top counts it under the region it arose in.
    { name: 'held at a unit, seen from the top', episodes: [pain()], node: 'ENG', expected: { R1: { alert: 1, crisis: 0 }, R2: zero } },
    // Seen from its region: under the district.
    { name: 'held at a unit, seen from its region', episodes: [pain()], node: 'R1', expected: { D1: { alert: 1, crisis: 0 }, D2: zero } },
    // Held by D1 now: D1 has it on its wall, so D1 counts nothing below; R1 still counts it under D1.
    { name: 'held by the district, seen from it', episodes: [pain({ reached: ['U1', 'D1'] })], node: 'D1', expected: { U1: zero, U2: zero } },
    { name: 'held by the district, seen from above', episodes: [pain({ reached: ['U1', 'D1'] })], node: 'R1', expected: { D1: { alert: 1, crisis: 0 }, D2: zero } },
    // Passed up to the top: nothing left below for the top to count.
    { name: 'reached the top', episodes: [pain({ reached: ['U1', 'D1', 'R1', 'ENG'] })], node: 'ENG', expected: { R1: zero, R2: zero } },
    // Settled: not being settled any more.
    { name: 'resolved below', episodes: [pain({ status: 'resolved' })], node: 'ENG', expected: { R1: zero, R2: zero } },
    // Good news is not trouble being settled (and it is told at once anyway).
    { name: 'a bright spot', episodes: [pain({ direction: 'pleasure', node: 'U4', reached: ['U4'] })], node: 'ENG', expected: { R1: zero, R2: zero } },
    // By severity: a crisis that has not reached the level (should a bypass ever stop short) counts as crisis.
    { name: 'a crisis not told this far', episodes: [pain({ node: 'U3', severity: 'crisis', reached: ['U3', 'D2'] })], node: 'ENG', expected: { R1: { alert: 0, crisis: 1 }, R2: zero } },
    // An episode of the node's own figure has reached it (its origin): never below.
    { name: 'the node\'s own episode', episodes: [pain({ node: 'R1', reached: ['R1'] })], node: 'R1', expected: { D1: zero, D2: zero } },
    // Another subtree's trouble is not this node's to count.
    { name: 'a sibling subtree', episodes: [pain({ node: 'U4', reached: ['U4'] })], node: 'R1', expected: { D1: zero, D2: zero } },
    // Several at once, each under its own child.
    {
      name: 'several',
      episodes: [pain(), pain({ node: 'U2', reached: ['U2', 'D1'] }), pain({ node: 'U4', reached: ['U4'] }), pain({ node: 'U3', reached: ['U3', 'D2', 'R1', 'ENG'] })],
      node: 'ENG',
      expected: { R1: { alert: 2, crisis: 0 }, R2: { alert: 1, crisis: 0 } },
    },
    // A unit has no children: nothing to count.
    { name: 'at a unit', episodes: [pain()], node: 'U1', expected: {} },
  ])('$name', ({ episodes, node, expected }) => expect(settlingBelow(episodes, node, children(node), isWithin)).toEqual(expected));

  test('totals add up the children', () => {
    expect(totalBelow({ R1: { alert: 2, crisis: 1 }, R2: { alert: 1, crisis: 0 } })).toEqual({ alert: 3, crisis: 1 });
    expect(totalBelow({})).toEqual({ alert: 0, crisis: 0 });
  });
});
