import { useMemo, useRef, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { labelCache } from '../charts/map-labels';
import { cellAt, layoutMap, sceneOf, type Tree } from '../charts/treemap';
import type { Fact } from '../state/values';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { MapCell, type CellMark } from './MapCell';
import { MapHover, type HoverHandle } from './MapHover';
import { QuietCanvas } from './QuietCanvas';
import { useElementSize } from './useElementSize';
import { useMapMeasure } from './useMapMeasure';

interface Props {
  tree: Hierarchy;
  layoutTree: Tree;
  focus: string;
  /** The child the keyboard is on; Enter opens it. */
  cursor: string | null;
  marks: Map<string, CellMark>;
  /** Latest figures of the focus and its children (the live feed carries no deeper ones). */
  factsOf(id: string): Fact[] | undefined;
  /** Per child of the focus, open trouble being settled below (the server's count). */
  settlingOf(id: string): number;
  stale: boolean;
  frame: RefObject<HTMLDivElement | null>;
  onOpen(id: string): void;
  onKey(event: KeyboardEvent<HTMLElement>): void;
}

const lit = (mark: CellMark | undefined) => mark !== undefined && (mark.state !== 'normal' || mark.held.length > 0 || Boolean(mark.noReport));

/**
 * The whole subtree of the node in focus as nested rectangles: regions, their districts, their
 * units. Every rectangle is painted once on a canvas as it looks when all is well; over it, in SVG,
 * the regions and districts with their names, the focus's children (the options the keyboard
 * moves between), every lit node and every unit big enough to name. Pointing and clicking find the
 * rectangle from the layout, so a unit drawn only on the canvas opens like any other.
 */
export function RecursionMap({ tree, layoutTree, focus, cursor, marks, factsOf, settlingOf, stale, frame, onOpen, onKey }: Props) {
  const { width, height } = useElementSize(frame);
  const cells = useMemo(() => layoutMap(layoutTree, focus, { width, height }), [layoutTree, focus, width, height]);
  const scene = useMemo(() => sceneOf(cells), [cells]);
  const measure = useMapMeasure();
  // A fresh cache per layout: a rectangle's labels change only when it does.
  const labels = useMemo(() => labelCache(measure), [cells, measure]);
  // Units named on the quiet map (big enough for a name), found once per layout.
  const named = useMemo(() => new Set(cells.filter((cell) => !cell.container && cell.depth > 1 && labels.leaf(cell, '', false)).map((cell) => cell.id)), [cells, labels]);
  const drawn = useMemo(() => cells.filter((cell) => cell.container || cell.depth <= 1 || named.has(cell.id) || lit(marks.get(cell.id))), [cells, named, marks]);
  const hover = useRef<HoverHandle>(null);
  const marksNow = useRef(marks);
  marksNow.current = marks;
  const name = nameOf(tree, focus);

  const pointAt = (event: MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { cell: cellAt(scene, x, y), x, y };
  };

  return (
    <div
      ref={frame}
      className={`map-frame${stale ? ' stale' : ''}`}
      tabIndex={0}
      role="listbox"
      aria-label={`Recursion map of ${name}. Arrow keys move between parts, Enter opens one, Escape goes up.`}
      aria-activedescendant={cursor ? `cell-${cursor}` : undefined}
      onKeyDown={onKey}
      onClick={(event) => {
        const { cell } = pointAt(event);
        if (cell) onOpen(cell.id);
      }}
      onMouseMove={(event) => {
        const { cell, x, y } = pointAt(event);
        hover.current?.show(cell, marksNow.current.get(cell?.id ?? ''), x, y);
      }}
      onMouseLeave={() => hover.current?.show(null, undefined, 0, 0)}
      data-testid="recursion-map"
    >
      <QuietCanvas cells={cells} width={width} height={height} />
      <svg width={width} height={height} className="map" aria-hidden={cells.length === 0}>
        <defs>
          <pattern id="hatch-passed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" className="hatch-ground" />
            <line x1="0" y1="0" x2="0" y2="8" className="hatch-line" />
          </pattern>
        </defs>
        {drawn.map((cell) => (
          <MapCell
            key={cell.id}
            cell={cell}
            mark={marks.get(cell.id)}
            facts={cell.depth <= 1 ? factsOf(cell.id) : undefined}
            settling={cell.depth === 1 ? settlingOf(cell.id) : undefined}
            selected={cell.id === cursor}
            labels={labels}
          />
        ))}
      </svg>
      <MapHover ref={hover} />
    </div>
  );
}
