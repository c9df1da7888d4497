import type { NodeConfig } from '../../shared/config';
import type { NodeInfo } from '../../shared/api';

/** The tree of viable systems. Built from a configuration that has already passed its checks. */
export class Hierarchy {
  readonly levels: readonly string[];
  readonly root: string;
  private readonly byId = new Map<string, NodeInfo>();
  private readonly childIds = new Map<string, string[]>();
  private readonly ancestorIds = new Map<string, string[]>();
  private readonly unitCounts = new Map<string, number>();

  constructor(levels: readonly string[], nodes: readonly NodeConfig[]) {
    this.levels = levels;
    for (const node of nodes) {
      const info: NodeInfo = { id: node.id, name: node.name, level: node.level, parent: node.parent ?? null };
      if (node.publishedName !== undefined) info.publishedName = node.publishedName;
      this.byId.set(node.id, info);
      this.childIds.set(node.id, []);
    }
    for (const node of nodes) if (node.parent !== undefined) this.childIds.get(node.parent)?.push(node.id);
    const root = nodes.find((node) => node.parent === undefined);
    if (!root) throw new Error('the hierarchy has no top node');
    this.root = root.id;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  node(id: string): NodeInfo {
    const node = this.byId.get(id);
    if (!node) throw new Error(`unknown node ${id}`);
    return node;
  }

  all(): NodeInfo[] {
    return [...this.byId.values()];
  }

  children(id: string): readonly string[] {
    return this.childIds.get(id) ?? [];
  }

  parent(id: string): string | null {
    return this.byId.get(id)?.parent ?? null;
  }

  levelIndex(id: string): number {
    return this.levels.indexOf(this.node(id).level);
  }

  /** Units are the nodes on the last level: only they post readings. */
  isUnit(id: string): boolean {
    return this.levelIndex(id) === this.levels.length - 1;
  }

  /** Parent first, up to the top. */
  ancestors(id: string): readonly string[] {
    let cached = this.ancestorIds.get(id);
    if (!cached) {
      cached = [];
      for (let at = this.parent(id); at !== null; at = this.parent(at)) cached.push(at);
      this.ancestorIds.set(id, cached);
    }
    return cached;
  }

  /** How many units are at or below `id`. */
  unitCount(id: string): number {
    let count = this.unitCounts.get(id);
    if (count === undefined) {
      const children = this.children(id);
      count = children.length === 0 ? (this.isUnit(id) ? 1 : 0) : children.reduce((sum, child) => sum + this.unitCount(child), 0);
      this.unitCounts.set(id, count);
    }
    return count;
  }

  /** The units at or below `id`. */
  unitsBelow(id: string): string[] {
    if (this.isUnit(id)) return [id];
    return this.children(id).flatMap((child) => this.unitsBelow(child));
  }

  /** `id` is `root` or below it. */
  inSubtree(id: string, root: string): boolean {
    return id === root || this.ancestors(id).includes(root);
  }

  /** The ancestor of `id` on `level`, or null when `id` is not below that level. */
  ancestorOnLevel(id: string, level: string): string | null {
    return this.ancestors(id).find((ancestor) => this.node(ancestor).level === level) ?? null;
  }
}
