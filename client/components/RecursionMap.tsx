import { useMemo, type KeyboardEvent, type RefObject } from 'react';
import { layoutMap, type Tree } from '../charts/treemap';
import type { NodeMark } from '../state/episodes';
import type { Fact } from '../state/values';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { MapCell } from './MapCell';
import { useElementSize } from './useElementSize';

interface Props {
  tree: Hierarchy;
  layoutTree: Tree;
  focus: string;
  /** The child the keyboard is on; Enter opens it. */
  cursor: string | null;
  marks: Map<string, NodeMark>;
  /** Latest figures of the focus and its children (the live feed carries no deeper ones). */
  factsOf(id: string): Fact[] | undefined;
  /** Per child of the focus, open trouble being settled below (the server's count). */
  settlingOf(id: string): number;
  stale: boolean;
  frame: RefObject<HTMLDivElement | null>;
  onOpen(id: string): void;
  onKey(event: KeyboardEvent<HTMLElement>): void;
}

/** The whole subtree of the node in focus as nested rectangles: regions, their districts, their units. */
export function RecursionMap({ tree, layoutTree, focus, cursor, marks, factsOf, settlingOf, stale, frame, onOpen, onKey }: Props) {
  const { width, height } = useElementSize(frame);
  const cells = useMemo(() => layoutMap(layoutTree, focus, { width, height }), [layoutTree, focus, width, height]);
  const name = nameOf(tree, focus);

  return (
    <div
      ref={frame}
      className={`map-frame${stale ? ' stale' : ''}`}
      tabIndex={0}
      role="listbox"
      aria-label={`Recursion map of ${name}. Arrow keys move between parts, Enter opens one, Escape goes up.`}
      aria-activedescendant={cursor ? `cell-${cursor}` : undefined}
      onKeyDown={onKey}
      data-testid="recursion-map"
    >
      <svg width={width} height={height} className="map" aria-hidden={cells.length === 0}>
        <defs>
          <pattern id="hatch-passed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" className="hatch-ground" />
            <line x1="0" y1="0" x2="0" y2="8" className="hatch-line" />
          </pattern>
        </defs>
        {cells.map((cell) => (
          <MapCell
            key={cell.id}
            cell={cell}
            mark={marks.get(cell.id)}
            facts={cell.depth <= 1 ? factsOf(cell.id) : undefined}
            settling={cell.depth === 1 ? settlingOf(cell.id) : undefined}
            selected={cell.id === cursor}
            onOpen={onOpen}
          />
        ))}
      </svg>
    </div>
  );
}
