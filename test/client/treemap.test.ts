import type { NodeInfo } from '../../shared/api';
import { cellAt, layoutMap, sceneOf, treeOf, type MapCell } from '../../client/charts/treemap';
import { NODES } from './fixtures';

const inside = (inner: MapCell, outer: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x - 1e-6 && inner.y >= outer.y - 1e-6 && inner.x + inner.width <= outer.x + outer.width + 1e-6 && inner.y + inner.height <= outer.y + outer.height + 1e-6;
const overlap = (a: MapCell, b: MapCell) =>
  a.x < b.x + b.width - 1e-6 && b.x < a.x + a.width - 1e-6 && a.y < b.y + b.height - 1e-6 && b.y < a.y + a.height - 1e-6;

/** England → 7 regions → 42 districts → `units` units, spread round-robin. */
function nhsLike(units: number): NodeInfo[] {
  const nodes: NodeInfo[] = [{ id: 'ENG', name: 'England', level: 'national', parent: null }];
  for (let r = 0; r < 7; r += 1) nodes.push({ id: `R${r}`, name: `Region ${r}`, level: 'region', parent: 'ENG' });
  for (let d = 0; d < 42; d += 1) nodes.push({ id: `D${d}`, name: `District ${d}`, level: 'district', parent: `R${d % 7}` });
  for (let u = 0; u < units; u += 1) nodes.push({ id: `U${u}`, name: `Unit ${u}`, level: 'unit', parent: `D${u % 42}` });
  return nodes;
}

describe('recursion map layout', () => {
  const size = { width: 1200, height: 700 };

  it('draws the focus as the frame and every node below it inside, children inside parents, siblings apart', () => {
    const cells = layoutMap(treeOf(NODES), 'ENG', size);
    expect(cells.map((c) => c.id).sort()).toEqual(NODES.map((n) => n.id).sort());
    expect(cells.find((c) => c.id === 'ENG')).toMatchObject({ depth: 0, x: 0, y: 0, width: 1200, height: 700, container: true });
    const byId = new Map(cells.map((c) => [c.id, c]));
    for (const cell of cells) {
      expect(inside(cell, { x: 0, y: 0, ...size })).toBe(true);
      const parent = cell.parent ? byId.get(cell.parent) : undefined;
      if (parent) expect(inside(cell, parent)).toBe(true);
      for (const other of cells) if (other !== cell && other.parent === cell.parent) expect(overlap(cell, other)).toBe(false);
    }
  });

  it('gives each region an area in proportion to its units and a header band for its name', () => {
    const cells = layoutMap(treeOf(NODES), 'ENG', size);
    const nw = cells.find((c) => c.id === 'NW')!;
    const lon = cells.find((c) => c.id === 'LON')!;
    // North West answers for 4 units, London for 2.
    expect((nw.width * nw.height) / (lon.width * lon.height)).toBeCloseTo(2, 0);
    expect(nw.container).toBe(true);
    expect(nw.header).toBeGreaterThan(0);
    expect(cells.find((c) => c.id === 'MFT')).toMatchObject({ container: false, header: 0, depth: 3 });
  });

  it('zooms to the focus: its subtree fills the frame under its header', () => {
    const cells = layoutMap(treeOf(NODES), 'GM', size);
    expect(cells.map((c) => c.id).sort()).toEqual(['GM', 'MFT', 'SRF']);
    const children = cells.filter((c) => c.depth === 1);
    const area = children.reduce((sum, c) => sum + c.width * c.height, 0);
    expect(area / (size.width * size.height)).toBeGreaterThan(0.9);
  });

  it('draws a unit in focus as one rectangle filling the frame', () => {
    const cells = layoutMap(treeOf(NODES), 'MFT', size);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ id: 'MFT', x: 0, y: 0, width: 1200, height: 700 });
  });

  it('is stable: the same tree in any input order gives the same rectangles', () => {
    const a = layoutMap(treeOf(NODES), 'ENG', size);
    const b = layoutMap(treeOf([...NODES].reverse()), 'ENG', size);
    const key = (cells: MapCell[]) => cells.map((c) => `${c.id}:${c.x.toFixed(2)},${c.y.toFixed(2)}`).sort();
    expect(key(b)).toEqual(key(a));
  });

  it('stays usable at 2,000 units: every unit gets a visible cell', () => {
    const cells = layoutMap(treeOf(nhsLike(2000)), 'ENG', { width: 1200, height: 620 });
    const units = cells.filter((c) => c.id.startsWith('U'));
    expect(units).toHaveLength(2000);
    expect(Math.min(...units.map((c) => Math.min(c.width, c.height)))).toBeGreaterThan(3);
  });

  it('folds levels deeper than asked into their ancestor', () => {
    const cells = layoutMap(treeOf(NODES), 'ENG', { ...size, depth: 2 });
    expect(cells.some((c) => c.depth === 3)).toBe(false);
    expect(cells.find((c) => c.id === 'GM')).toMatchObject({ container: false, header: 0 });
  });

  it('returns nothing for an unknown focus or an empty frame', () => {
    expect(layoutMap(treeOf(NODES), 'nowhere', size)).toEqual([]);
    expect(layoutMap(treeOf(NODES), 'ENG', { width: 0, height: 0 })).toEqual([]);
  });
});

describe('pointing at the map', () => {
  const cells = layoutMap(treeOf(NODES), 'ENG', { width: 1200, height: 700 });
  const scene = sceneOf(cells);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const middle = (c: MapCell) => [c.x + c.width / 2, c.y + c.height / 2] as const;

  it.each([
    // A unit's middle is the unit, however deep it sits.
    ['the middle of a unit', () => middle(byId.get('SRF')!), 'SRF'],
    // A region's header band holds no child: pointing there is pointing at the region.
    ['a region\'s header band', () => [byId.get('NW')!.x + 10, byId.get('NW')!.y + 5] as const, 'NW'],
    // The focus's own band, above every region, is the focus.
    ['the focus\'s band', () => [5, 5] as const, 'ENG'],
  ])('%s finds the rectangle a person sees there', (_what, point, expected) => {
    const [x, y] = point();
    expect(cellAt(scene, x, y)?.id).toBe(expected);
  });

  it('finds nothing outside the map', () => {
    expect(cellAt(scene, -5, 10)).toBeNull();
    expect(cellAt(scene, 1300, 10)).toBeNull();
  });
});
