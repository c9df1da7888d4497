import { memo } from 'react';
import { CHAR_WIDTH, fitText, labelFor, type MapCell as Cell } from '../charts/treemap';
import type { NodeMark } from '../state/episodes';
import type { Fact } from '../state/values';
import { AllowanceLamp } from './AllowanceLamp';
import { STATE_GLYPH, STATE_WORD } from './marks';

interface Props {
  cell: Cell;
  mark: NodeMark | undefined;
  /** What the node reports, shown when its rectangle is big enough. */
  facts: Fact[] | undefined;
  selected: boolean;
  /** For a child of the focus: open trouble in its subtree being settled below, as the server counts it. */
  settling?: number;
  onOpen(id: string): void;
}

/** One node on the recursion map: its rectangle, its name, its state, and its lamp if it holds a signal. */
export const MapCell = memo(function MapCell({ cell, mark, facts, selected, settling = 0, onOpen }: Props) {
  const state = mark?.state ?? 'normal';
  const glyph = STATE_GLYPH[state];
  const named = glyph ? `${glyph} ${cell.name}` : cell.name;
  const badge = settling > 0 ? settlingBadge(cell, settling) : null;
  // In a header band the name gives way to the count beside it.
  const labelWidth = badge && badge.inHeader ? cell.width - badge.width : cell.width;
  const label = cell.container
    ? cell.header > 0 ? labelFor(named, labelWidth, cell.header * 2.6, cell.depth <= 1 ? 24 - cell.depth * 2 : 15, 11) : null
    : labelFor(named, cell.width, Math.min(cell.height, 72), cell.depth <= 1 ? 26 : 16, 10);
  const urgent = mark?.held[0];
  const option = cell.depth === 1;
  const counted = mark && mark.held.length > 1 ? `, ${mark.held.length} signals held` : '';
  const below = settling > 0 ? `, ${settling} being settled below` : '';
  const silent = mark?.noReport === true;
  const unreported = silent ? ', no report' : '';

  return (
    <g
      id={option ? `cell-${cell.id}` : undefined}
      data-node={cell.id}
      data-state={state}
      data-settling={option ? settling : undefined}
      data-no-report={silent || undefined}
      className={`cell ${cell.container ? 'container' : 'leaf'} depth-${cell.depth} state-${state}${selected ? ' selected' : ''}${silent ? ' no-report' : ''}`}
      role={option ? 'option' : undefined}
      aria-selected={option ? selected : undefined}
      aria-label={option ? `${cell.name}, ${cell.level}: ${STATE_WORD[state]}${unreported}${counted}${below}` : undefined}
      onClick={(event) => {
        event.stopPropagation();
        onOpen(cell.id);
      }}
    >
      <title>{`${cell.name} (${cell.level}) — ${STATE_WORD[state]}${unreported}${below}`}</title>
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
      {facts && label && !cell.container && <CellFacts cell={cell} facts={facts} top={cell.y + 10 + label.fontSize * 1.3} />}
      {badge && (
        <text className="cell-settling" x={cell.x + cell.width - 8} y={badge.y} fontSize={badge.fontSize} textAnchor="end" dominantBaseline="central" aria-hidden="true">
          {badge.text}
        </text>
      )}
      {silent && <NoReportMark cell={cell} />}
      {urgent && <AllowanceLamp episode={urgent} cell={cell} />}
      {selected && <rect className="cell-cursor" x={cell.x - 2} y={cell.y - 2} width={cell.width + 4} height={cell.height + 4} rx={5} />}
    </g>
  );
});

/** "3 below": what the child is settling itself, in its header band (or low in a leaf), when there is room. */
function settlingBadge(cell: Cell, count: number): { text: string; y: number; fontSize: number; width: number; inHeader: boolean } | null {
  const inHeader = cell.container && cell.header > 0;
  if (cell.width < 90 || (inHeader ? cell.header < 14 : cell.height < 40)) return null;
  const text = `${count} below`;
  const fontSize = inHeader ? Math.min(13, Math.max(10, Math.floor(cell.header * 0.5))) : 13;
  return { text, fontSize, inHeader, width: Math.ceil(text.length * fontSize * CHAR_WIDTH) + 26, y: inHeader ? cell.y + cell.header / 2 + 1 : cell.y + cell.height - 18 };
}

/** A unit that has not reported: a dashed outline inside its rectangle, and the words when there is room. */
function NoReportMark({ cell }: { cell: Cell }) {
  const inset = 3;
  if (cell.width < 2 * inset + 4 || cell.height < 2 * inset + 4) return null;
  const fontSize = Math.round(Math.min(22, Math.max(11, Math.min(cell.width, cell.height) * 0.09)));
  const words = !cell.container && cell.width >= fontSize * 6 && cell.height >= fontSize * 3;
  return (
    <g className="no-report-mark" aria-hidden="true">
      <rect x={cell.x + inset} y={cell.y + inset} width={cell.width - 2 * inset} height={cell.height - 2 * inset} rx={2} />
      {words && (
        <text x={cell.x + 8} y={cell.y + cell.height - fontSize * 0.7} fontSize={fontSize}>
          no report
        </text>
      )}
    </g>
  );
}

const FACT_STANDING = { crisis: ' ◆', alert: ' ▲', normal: '', unknown: '' };

/** The node's latest figures inside its rectangle, one per line, when there is room to read them. */
function CellFacts({ cell, facts, top }: { cell: Cell; facts: Fact[]; top: number }) {
  const room = cell.y + cell.height - top - 22;
  const fontSize = Math.min(24, Math.floor(room / (facts.length * 1.45)));
  if (fontSize < 12 || cell.width < 170) return null;
  return (
    <g className="cell-facts" aria-hidden="true">
      {facts.map((fact, index) => {
        const y = top + fontSize * 1.45 * (index + 0.8);
        const shown = `${fact.value}${FACT_STANDING[fact.standing]}`;
        const labelSize = Math.max(11, Math.round(fontSize * 0.8));
        const label = fitText(fact.label, cell.width - (shown.length + 1) * fontSize * 0.6 - 16, labelSize);
        return (
          <g key={fact.label} className={`fact standing-${fact.standing}`}>
            {label && (
              <text className="fact-label" x={cell.x + 8} y={y} fontSize={labelSize}>
                {label}
              </text>
            )}
            <text className="fact-value" x={cell.x + cell.width - 10} y={y} fontSize={fontSize} textAnchor="end">
              {shown}
            </text>
          </g>
        );
      })}
    </g>
  );
}
