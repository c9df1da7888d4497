import { stratify, treemap, treemapSquarify, type HierarchyNode, type HierarchyRectangularNode } from 'd3';
import type { NodeInfo } from '../../shared/api';

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

/** How to label a rectangle: a font size that fits, the text cut to the width, or nothing. */
export interface CellLabel {
  text: string;
  fontSize: number;
}

export const CHAR_WIDTH = 0.58; // average glyph width of the UI font, in ems

export function labelFor(name: string, width: number, height: number, maxFont = 22, minFont = 10): CellLabel | null {
  const room = width - 8;
  const fontSize = Math.min(maxFont, Math.floor(height * 0.34), Math.floor(room / (Math.min(name.length, 12) * CHAR_WIDTH)));
  if (fontSize < minFont || room < minFont * 2) return null;
  const fits = Math.floor(room / (fontSize * CHAR_WIDTH));
  if (fits < 3) return null;
  return { text: name.length <= fits ? name : `${name.slice(0, Math.max(1, fits - 1)).trimEnd()}…`, fontSize };
}

/** The text cut with an ellipsis to fit `width` at `fontSize`; null when not even a few letters fit. */
export function fitText(text: string, width: number, fontSize: number): string | null {
  const fits = Math.floor(width / (fontSize * CHAR_WIDTH));
  if (fits < 4) return null;
  return text.length <= fits ? text : `${text.slice(0, fits - 1).trimEnd()}…`;
}
