import { stratify, treemap, treemapSquarify, type HierarchyNode, type HierarchyRectangularNode } from 'd3';
import type { NodeInfo } from '../../shared/api';
import { cutToWidth } from './labels';

/** One rectangle of the recursion map. Depth is relative to the node in focus (0 = the focus, 1 = its children). */
export interface MapCell {
  id: string;
  name: string;
  level: string;
  parent: string | null;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Drawn as a container: a header band with its name, its own children inside. */
  container: boolean;
  /** Height of the header band; 0 for leaves and containers too small for one. */
  header: number;
}

export interface MapSize {
  width: number;
  height: number;
  /** Levels drawn below the focus; deeper ones are folded into their ancestor's rectangle. */
  depth?: number;
}

export type Tree = HierarchyNode<NodeInfo>;

/** The whole hierarchy as a d3 tree, children sorted by name so the map is stable. */
export function treeOf(nodes: NodeInfo[]): Tree {
  const root = stratify<NodeInfo>()
    .id((node) => node.id)
    .parentId((node) => node.parent)(nodes);
  return root.sort((a, b) => a.data.name.localeCompare(b.data.name) || a.data.id.localeCompare(b.data.id));
}

/** Header band wanted at each depth: the focus itself, then its children (e.g. regions), then theirs. */
const HEADER_BY_DEPTH = [34, 30, 20, 14];
const GAP_BY_DEPTH = [6, 3, 1.5, 1];

/**
 * A squarified treemap of the focus's subtree, the focus itself as the outer frame. Every unit weighs the same, so a region's area is
 * the number of units it answers for; nothing moves when states change, so the wall keeps its
 * geography.
 */
export function layoutMap(tree: Tree, focus: string, size: MapSize): MapCell[] {
  const maxDepth = size.depth ?? 3;
  const found = tree.find((node) => node.id === focus);
  if (!found || size.width <= 0 || size.height <= 0) return [];
  const subtree = found.copy().count();
  const headerOf = (node: HierarchyRectangularNode<NodeInfo>) => {
    if (!node.children || node.depth >= maxDepth) return 0;
    const wanted = HEADER_BY_DEPTH[node.depth] ?? 0;
    const height = node.y1 - node.y0;
    return height >= wanted * 2.5 && node.x1 - node.x0 >= wanted * 2 ? wanted : 0;
  };
  const laidOut = treemap<NodeInfo>()
    .tile(treemapSquarify.ratio(1.4))
    .size([size.width, size.height])
    .paddingInner((node) => GAP_BY_DEPTH[node.depth] ?? 1)
    .paddingOuter(2)
    .paddingTop((node) => headerOf(node) || 2)
    .round(false)(subtree);

  const cells: MapCell[] = [];
  for (const node of laidOut.descendants()) {
    if (node.depth > maxDepth) continue;
    cells.push({
      id: node.data.id,
      name: node.data.name,
      level: node.data.level,
      parent: node.data.parent,
      depth: node.depth,
      x: node.x0,
      y: node.y0,
      width: Math.max(0, node.x1 - node.x0),
      height: Math.max(0, node.y1 - node.y0),
      container: Boolean(node.children) && node.depth < maxDepth,
      header: headerOf(node),
    });
  }
  return cells;
}

/** The text cut with an ellipsis to fit `width` at `fontSize`; null when not even a few letters fit. */
export function fitText(text: string, width: number, fontSize: number): string | null {
  const cut = cutToWidth(text, width, fontSize);
  return cut !== null && (cut === text || cut.length > 3) ? cut : null;
}

/** The laid-out map indexed for pointing: which rectangle is under the pointer. */
export interface MapScene {
  cells: MapCell[];
  root: MapCell | undefined;
  childrenOf: Map<string, MapCell[]>;
}

export function sceneOf(cells: MapCell[]): MapScene {
  const childrenOf = new Map<string, MapCell[]>();
  for (const cell of cells) {
    if (cell.depth === 0 || cell.parent === null) continue;
    const siblings = childrenOf.get(cell.parent);
    if (siblings) siblings.push(cell);
    else childrenOf.set(cell.parent, [cell]);
  }
  return { cells, root: cells.find((cell) => cell.depth === 0), childrenOf };
}

const contains = (cell: MapCell, x: number, y: number) => x >= cell.x && x < cell.x + cell.width && y >= cell.y && y < cell.y + cell.height;

/** The deepest rectangle at (x, y): a unit, or the region or district whose band or margin it is; null outside the map. */
export function cellAt(scene: MapScene, x: number, y: number): MapCell | null {
  let at = scene.root;
  if (!at || !contains(at, x, y)) return null;
  for (;;) {
    const inside: MapCell | undefined = scene.childrenOf.get(at.id)?.find((child) => contains(child, x, y));
    if (!inside) return at;
    at = inside;
  }
}
