import { useImperativeHandle, useRef, type Ref } from 'react';
import type { MapCell } from '../charts/treemap';
import type { CellMark } from './MapCell';
import { STATE_WORD } from './marks';

export interface HoverHandle {
  /** Outline the rectangle under the pointer and name it beside the pointer; null hides both. */
  show(cell: MapCell | null, mark: CellMark | undefined, x: number, y: number): void;
}

/** "Salford Royal (unit) — signal passed up": the words a title tooltip gave, for every rectangle on the map. */
export function hoverWords(cell: MapCell, mark: CellMark | undefined): string {
  const held = mark && mark.held.length > 0 ? `, ${mark.held.length} held here` : '';
  const silent = mark?.noReport ? ', reports missing' : '';
  return `${cell.name} (${cell.level}) — ${STATE_WORD[mark?.state ?? 'normal']}${held}${silent}`;
}

/**
 * The pointer's outline and name on the map, moved by writing to the DOM directly: following the
 * mouse over thousands of units re-renders nothing.
 */
export function MapHover({ ref }: { ref: Ref<HoverHandle> }) {
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const shown = useRef<string | null>(null);
  useImperativeHandle(ref, () => ({
    show(cell, mark, x, y) {
      const outline = box.current;
      const words = tip.current;
      if (!outline || !words) return;
      if (!cell || cell.depth === 0) {
        outline.hidden = words.hidden = true;
        shown.current = null;
        return;
      }
      if (shown.current !== cell.id) {
        shown.current = cell.id;
        Object.assign(outline.style, { left: `${cell.x}px`, top: `${cell.y}px`, width: `${cell.width}px`, height: `${cell.container ? cell.header || cell.height : cell.height}px` });
        words.textContent = hoverWords(cell, mark);
      }
      const frame = outline.parentElement?.clientWidth ?? 0;
      const left = Math.max(4, Math.min(x + 14, frame - words.offsetWidth - 4));
      Object.assign(words.style, { left: `${left}px`, top: `${y + 18}px` });
      outline.hidden = words.hidden = false;
    },
  }));
  return (
    <>
      <div ref={box} className="map-hover" hidden aria-hidden="true" />
      <div ref={tip} className="map-tip" hidden aria-hidden="true" />
    </>
  );
}
