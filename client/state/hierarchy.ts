import type { NodeInfo } from '../../shared/api';

/** The tree of viable systems, indexed for the lookups the room makes on every render. */
export interface Hierarchy {
  root: NodeInfo;
  levels: string[];
  byId: Map<string, NodeInfo>;
  /** Children of each node, sorted by name so the map and the keyboard order never jump. */
  childrenOf: Map<string, NodeInfo[]>;
}

export function buildHierarchy(nodes: NodeInfo[], levels: string[]): Hierarchy {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const childrenOf = new Map<string, NodeInfo[]>();
  let root: NodeInfo | undefined;
  for (const node of nodes) {
    if (node.parent === null || !byId.has(node.parent)) {
      root ??= node;
      continue;
    }
    const siblings = childrenOf.get(node.parent) ?? [];
    siblings.push(node);
    childrenOf.set(node.parent, siblings);
  }
  if (!root) throw new Error('the hierarchy has no top node');
  for (const siblings of childrenOf.values()) siblings.sort(byName);
  return { root, levels, byId, childrenOf };
}

export const byName = (a: NodeInfo, b: NodeInfo) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export const childrenOf = (tree: Hierarchy, id: string): NodeInfo[] => tree.childrenOf.get(id) ?? [];

/** Per tree, each node's ancestors, worked out once: the wall and its filters ask for thousands a render. */
const ancestorsKnown = new WeakMap<Hierarchy, Map<string, readonly NodeInfo[]>>();

/** The node's ancestors, top first, without the node itself. */
export function ancestorsOf(tree: Hierarchy, id: string): readonly NodeInfo[] {
  let known = ancestorsKnown.get(tree);
  if (!known) ancestorsKnown.set(tree, (known = new Map()));
  let chain = known.get(id);
  if (!chain) known.set(id, (chain = findAncestors(tree, id)));
  return chain;
}

function findAncestors(tree: Hierarchy, id: string): NodeInfo[] {
  const chain: NodeInfo[] = [];
  let parent = tree.byId.get(id)?.parent ?? null;
  while (parent !== null) {
    const node = tree.byId.get(parent);
    if (!node || chain.includes(node)) break;
    chain.unshift(node);
    parent = node.parent;
  }
  return chain;
}

/** True when `id` is `ancestor` or lies below it. */
export function isWithin(tree: Hierarchy, id: string, ancestor: string): boolean {
  return id === ancestor || ancestorsOf(tree, id).some((node) => node.id === ancestor);
}

/** The node `step` places along from `id` among its siblings, wrapping round. */
export function siblingOf(tree: Hierarchy, id: string, step: number): NodeInfo | null {
  const node = tree.byId.get(id);
  if (!node || node.parent === null) return null;
  const siblings = childrenOf(tree, node.parent);
  const at = siblings.findIndex((sibling) => sibling.id === id);
  if (at < 0 || siblings.length < 2) return null;
  return siblings[(at + step + siblings.length) % siblings.length] ?? null;
}

export const nameOf = (tree: Hierarchy, id: string) => tree.byId.get(id)?.name ?? id;
export const levelOf = (tree: Hierarchy, id: string) => tree.byId.get(id)?.level ?? '';
