import { memo } from 'react';
import { labelFor, type MapCell as Cell } from '../charts/treemap';
import type { NodeMark } from '../state/episodes';
import { AllowanceLamp } from './AllowanceLamp';
import { STATE_GLYPH, STATE_WORD } from './marks';

interface Props {
  cell: Cell;
  mark: NodeMark | undefined;
  selected: boolean;
  onOpen(id: string): void;
}

/** One node on the recursion map: its rectangle, its name, its state, and its lamp if it holds a signal. */
export const MapCell = memo(function MapCell({ cell, mark, selected, onOpen }: Props) {
  const state = mark?.state ?? 'normal';
  const glyph = STATE_GLYPH[state];
  const named = glyph ? `${glyph} ${cell.name}` : cell.name;
  const label = cell.container
    ? cell.header > 0 ? labelFor(named, cell.width, cell.header * 2.6, cell.depth === 1 ? 22 : 15, 11) : null
    : labelFor(named, cell.width, Math.min(cell.height, 64), cell.depth === 1 ? 24 : 16, 10);
  const urgent = mark?.held[0];
  const option = cell.depth === 1;
  const counted = mark && mark.held.length > 1 ? `, ${mark.held.length} signals held` : '';

  return (
    <g
      id={option ? `cell-${cell.id}` : undefined}
      data-node={cell.id}
      data-state={state}
      className={`cell ${cell.container ? 'container' : 'leaf'} depth-${cell.depth} state-${state}${selected ? ' selected' : ''}`}
      role={option ? 'option' : undefined}
      aria-selected={option ? selected : undefined}
      aria-label={option ? `${cell.name}, ${cell.level}: ${STATE_WORD[state]}${counted}` : undefined}
      onClick={(event) => {
        event.stopPropagation();
        onOpen(cell.id);
      }}
    >
      <title>{`${cell.name} (${cell.level}) — ${STATE_WORD[state]}`}</title>
      <rect className="cell-body" x={cell.x} y={cell.y} width={cell.width} height={cell.height} rx={3} />
      {cell.container && cell.header > 0 && (
        <rect className="cell-header" x={cell.x} y={cell.y} width={cell.width} height={cell.header} rx={3} />
      )}
      {label ? (
        <text className="cell-label" x={cell.x + 6} y={cell.container ? cell.y + cell.header / 2 + 1 : cell.y + 5 + label.fontSize * 0.6} fontSize={label.fontSize} dominantBaseline="central">
          {label.text}
        </text>
      ) : (
        glyph && !cell.container && cell.width >= 12 && cell.height >= 12 && (
          <text className="cell-glyph" x={cell.x + cell.width / 2} y={cell.y + cell.height / 2} fontSize={Math.min(cell.width, cell.height) * 0.6} textAnchor="middle" dominantBaseline="central">
            {glyph}
          </text>
        )
      )}
      {urgent && <AllowanceLamp episode={urgent} cell={cell} />}
      {selected && <rect className="cell-cursor" x={cell.x - 2} y={cell.y - 2} width={cell.width + 4} height={cell.height + 4} rx={5} />}
    </g>
  );
});
