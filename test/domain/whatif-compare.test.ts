import type { Episode, PathEntry } from '../../shared/api';
import { episodeDifferences, quantile, summariseRun, type CompareTree } from '../../server/domain/whatif-compare';

const t = (hour: number) => new Date(Date.UTC(2026, 0, 5, hour)).toISOString();
const H = 3_600_000;
const tree: CompareTree = { levels: ['national', 'region', 'district', 'unit'], levelOf: (node) => ({ ENG: 'national', R1: 'region', D1: 'district' })[node] ?? 'unit' };

/** An episode of U1's load opened at `opened`, escalated up `via` (hour, to), resolved at `resolved` (or open). */
function episode(opened: number, via: Array<[number, string]>, resolved: number | null, node = 'U1'): Episode {
  const path: PathEntry[] = [{ type: 'opened', at: t(opened), holder: node }];
  let holder = node;
  for (const [hour, to] of via) {
    path.push({ type: 'escalated', at: t(hour), from: holder, to, reason: 'deadline' });
    holder = to;
  }
  if (resolved !== null) path.push({ type: 'resolved', at: t(resolved), level: tree.levelOf(holder) });
  return {
    id: `E${opened}${node}`, node, indicator: 'load', direction: 'pain', kind: 'threshold', severity: 'alert', period: t(opened), value: 12, status: resolved === null ? 'open' : 'resolved',
    holder, holderLevel: tree.levelOf(holder), openedAt: t(opened), deadline: null, overdue: false, resolvedAt: resolved === null ? null : t(resolved),
    resolvedLevel: resolved === null ? null : tree.levelOf(holder), acknowledgedBy: null, policyVersion: 1, reached: [node], inhibits: [], inhibitedBy: [], path,
  };
}

describe('quantile (nearest rank)', () => {
  test.each<[string, number[], number, number | null]>([
    ['none', [], 0.5, null], // nothing settled at that level: no figure, not zero
    ['one', [7], 0.9, 7],
    ['median of four is the second', [4, 1, 3, 2], 0.5, 2], // nearest rank never interpolates
    ['p90 of ten is the ninth', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    ['p90 of eleven is the tenth', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])('%s', (_why, values, q, expected) => expect(quantile(values, q)).toBe(expected));
});

describe('summariseRun', () => {
  test.each<[string, Episode[], Partial<ReturnType<typeof summariseRun>>]>([
    // Settled by the unit within its window: counted at the unit, and it reached no higher.
    ['settled locally', [episode(0, [], 2)], { opened: 1, settledAt: { unit: 1 }, open: 0, reachedTop: 0, reachedLevel: { unit: 1 }, timeToSettle: { unit: { count: 1, medianMs: 2 * H, p90Ms: 2 * H } } }],
    // Passed to the district, settled there: counted at the district, and it reached both levels.
    ['settled by the district', [episode(0, [[4, 'D1']], 6)], { settledAt: { district: 1 }, reachedLevel: { district: 1, unit: 1 }, timeToSettle: { district: { count: 1, medianMs: 6 * H, p90Ms: 6 * H } } }],
    // Still open at the end of the span: open, settled nowhere, but its climb counts.
    ['still open at the top', [episode(0, [[4, 'D1'], [12, 'R1'], [36, 'ENG']], null)], { settledAt: {}, open: 1, reachedTop: 1, reachedLevel: { national: 1, region: 1, district: 1, unit: 1 }, timeToSettle: {} }],
    // Levels are listed from the top down whatever order the episodes came in.
    ['levels in order', [episode(0, [], 1), episode(1, [[5, 'D1']], 7)], { settledAt: { district: 1, unit: 1 } }],
  ])('%s', (_why, episodes, expected) => expect(summariseRun(episodes, tree)).toMatchObject(expected));

  test('levels are keyed top down', () => {
    expect(Object.keys(summariseRun([episode(0, [], 1), episode(1, [[5, 'D1']], 7)], tree).settledAt)).toEqual(['district', 'unit']);
  });
});

describe('episodeDifferences', () => {
  const kinds = (live: Episode[], whatif: Episode[]) => episodeDifferences(live, whatif).differences.map((d) => [d.kind, d.key]);
  test.each<[string, Episode[], Episode[], Array<[string, string]>]>([
    // The same problem settled at the same level in both runs is no difference, whatever its ids or times.
    ['the same', [episode(0, [], 2)], [{ ...episode(0, [], 3), id: 'other' }], []],
    // Settled by the district live, by the unit with a longer window.
    ['settled elsewhere', [episode(0, [[4, 'D1']], 6)], [episode(0, [], 6)], [['settled-elsewhere', `U1|load|pain|${t(0)}`]]],
    // Settled in one run, still open in the other: a level of its own.
    ['open in one run', [episode(0, [], 2)], [episode(0, [], null)], [['settled-elsewhere', `U1|load|pain|${t(0)}`]]],
    // Opened in one run only, listed in order of opening.
    ['one run only', [episode(3, [], 4)], [episode(1, [], 2, 'U2')], [['whatif-only', `U2|load|pain|${t(1)}`], ['live-only', `U1|load|pain|${t(3)}`]]],
  ])('%s', (_why, live, whatif, expected) => expect(kinds(live, whatif)).toEqual(expected));

  test('each difference carries both paths', () => {
    const [difference] = episodeDifferences([episode(0, [[4, 'D1']], 6)], [episode(0, [], 6)]).differences;
    expect(difference!.live!.path.map((p) => p.type)).toEqual(['opened', 'escalated', 'resolved']);
    expect(difference!.whatif!.path.map((p) => p.type)).toEqual(['opened', 'resolved']);
  });
});
