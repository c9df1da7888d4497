import type { BelowCounts, Episode, NodeInfo, NodeValue, SettlingBelow } from '../../shared/api';
import { hasReached, noneBelow } from '../../shared/reach';
import type { NodeMark, NodeState } from './episodes';
import { ancestorsOf, type Hierarchy } from './hierarchy';
import { valueKey } from './live';

export interface ChildRow {
  node: NodeInfo;
  state: NodeState;
  /** Open trouble anywhere in the child's subtree: what reached the focus, plus what is being settled below. */
  openBelow: number;
  /** Of that, what has not reached the focus: the server's counts, by severity. */
  settling: BelowCounts;
  values: Record<string, NodeValue | undefined>;
}

export type ChildSortKey = 'state' | 'name' | 'open' | 'settling' | `indicator:${string}`;
export interface ChildSort {
  key: ChildSortKey;
  descending: boolean;
}

const STATE_RANK: Record<NodeState, number> = { crisis: 4, held: 3, passed: 2, bright: 1, normal: 0 };

const settled = (counts: BelowCounts) => counts.alert + counts.crisis;

/**
 * The rows of the children table of `focus`. The client holds only the episodes that reached the
 * focus; of the rest, `below` (from the server) says per child how many are being settled there.
 */
export function childRows(
  focus: string,
  children: NodeInfo[],
  tree: Hierarchy,
  marks: Map<string, NodeMark>,
  episodes: Iterable<Episode>,
  below: SettlingBelow,
  values: Record<string, NodeValue>,
  indicators: string[],
): ChildRow[] {
  // One pass: each open trouble that reached the focus counts for the child it arose under.
  const reachedUnder = new Map<string, number>();
  const isChild = new Set(children.map((child) => child.id));
  for (const episode of episodes) {
    if (episode.status !== 'open' || episode.direction !== 'pain' || !hasReached(episode, focus)) continue;
    const child = isChild.has(episode.node) ? episode.node : ancestorsOf(tree, episode.node).find((ancestor) => isChild.has(ancestor.id))?.id;
    if (child !== undefined) reachedUnder.set(child, (reachedUnder.get(child) ?? 0) + 1);
  }
  return children.map((node) => {
    const settling = below[node.id] ?? noneBelow();
    return {
      node,
      state: marks.get(node.id)?.state ?? 'normal',
      openBelow: (reachedUnder.get(node.id) ?? 0) + settled(settling),
      settling,
      values: Object.fromEntries(indicators.map((indicator) => [indicator, values[valueKey(node.id, indicator)]])),
    };
  });
}

/** Worst first by default; ties fall back to more open trouble, then name. */
export function sortChildRows(rows: ChildRow[], sort: ChildSort): ChildRow[] {
  const sign = sort.descending ? -1 : 1;
  const primary = (a: ChildRow, b: ChildRow): number => {
    if (sort.key === 'name') return a.node.name.localeCompare(b.node.name);
    if (sort.key === 'state') return STATE_RANK[a.state] - STATE_RANK[b.state];
    if (sort.key === 'open') return a.openBelow - b.openBelow;
    if (sort.key === 'settling') return settled(a.settling) - settled(b.settling);
    const indicator = sort.key.slice('indicator:'.length);
    const valueA = a.values[indicator]?.value ?? null;
    const valueB = b.values[indicator]?.value ?? null;
    // Children with no value sink to the bottom whichever way the column is sorted.
    if (valueA === null || valueB === null) return valueA === valueB ? 0 : valueA === null ? sign : -sign;
    return valueA - valueB;
  };
  return [...rows].sort(
    (a, b) => sign * primary(a, b) || b.openBelow - a.openBelow || STATE_RANK[b.state] - STATE_RANK[a.state] || a.node.name.localeCompare(b.node.name),
  );
}
