import { memo } from 'react';
import type { LabelCache } from '../charts/map-labels';
import type { Measure } from '../charts/text-width';
import { fitText, type MapCell as Cell } from '../charts/treemap';
import type { NodeMark } from '../state/episodes';
import type { Fact } from '../state/values';
import { AllowanceLamp, type LampWords } from './AllowanceLamp';
import { STATE_GLYPH, STATE_WORD } from './marks';

/** A node's mark; `noReport` (a unit whose reports stopped) may be set by the code that marks no-report units. */
export type CellMark = NodeMark & { noReport?: boolean };

interface Props {
  cell: Cell;
  mark: CellMark | undefined;
  /** What the node reports, shown when its rectangle is big enough. */
  facts: Fact[] | undefined;
  selected: boolean;
  /** For a child of the focus: open trouble in its subtree being settled below, as the server counts it. */
  settling?: number;
  labels: LabelCache;
}

/** A window is running for something the node holds, so it has a time left to show. */
export const hasWindow = (mark: NodeMark | undefined) => Boolean(mark?.held.some((episode) => episode.deadline !== null && !episode.overdue && episode.status === 'open'));

/**
 * One node drawn in SVG over the quiet canvas: a region or district (its band with its name, time
 * left and "3 below"), a child of the focus, or a unit that is lit or big enough to name.
 */
export const MapCell = memo(function MapCell({ cell, mark, facts, selected, settling = 0, labels }: Props) {
  const state = mark?.state ?? 'normal';
  const glyph = STATE_GLYPH[state];
  const held = mark?.held ?? [];
  const timed = hasWindow(mark);
  const band = cell.container && cell.header > 0;
  const badge = settling > 0 && cell.width >= 90 && cell.header >= 14 ? `${settling} below` : null;
  const header = band ? labels.header(cell, { glyph, timeLeft: timed, badge }) : null;
  const leaf = cell.container ? null : labels.leaf(cell, glyph, timed);
  const option = cell.depth === 1;
  const counted = held.length > 1 ? `, ${held.length} signals held` : '';
  const below = settling > 0 ? `, ${settling} being settled below` : '';
  const silent = mark?.noReport === true;
  const unreported = silent ? ', no report' : '';
  const words: LampWords | null = header?.timeLeft
    ? { x: header.timeLeft.x, y: header.y, fontPx: header.sideFontPx, anchor: 'end' }
    : leaf?.timeLeft ? { x: leaf.x, y: leaf.timeLeft.y, fontPx: leaf.timeLeft.fontPx, anchor: 'start' } : null;

  return (
    <g
      id={option ? `cell-${cell.id}` : undefined}
      data-node={cell.id}
      data-state={state}
      data-settling={option ? settling : undefined}
      data-no-report={silent || undefined}
      className={`cell ${cell.container ? 'container' : 'leaf'} depth-${cell.depth} state-${state}${silent ? ' no-report' : ''}${selected ? ' selected' : ''}`}
      role={option ? 'option' : undefined}
      aria-selected={option ? selected : undefined}
      aria-label={option ? `${cell.name}, ${cell.level}: ${STATE_WORD[state]}${unreported}${counted}${below}` : undefined}
    >
      <rect className="cell-body" x={cell.x} y={cell.y} width={cell.width} height={cell.height} rx={3} />
      {band && <rect className="cell-header" x={cell.x} y={cell.y} width={cell.width} height={cell.header} rx={3} />}
      {header?.name && (
        <text className="cell-label" x={header.name.x} y={header.y} fontSize={header.fontPx} dominantBaseline="central">
          {header.name.text}
        </text>
      )}
      {header?.badge && (
        <text className="cell-settling" x={header.badge.x} y={header.y} fontSize={header.sideFontPx} textAnchor="end" dominantBaseline="central" aria-hidden="true">
          {header.badge.text}
        </text>
      )}
      {leaf && (
        <text className="cell-label" fontSize={leaf.fontPx}>
          {leaf.lines.map((line, index) => (
            <tspan key={index} x={leaf.x} y={leaf.ys[index]}>
              {line}
            </tspan>
          ))}
        </text>
      )}
      {leaf?.glyph && (
        <text className="cell-label" x={leaf.glyph.x} y={leaf.glyph.y} fontSize={leaf.fontPx} textAnchor="end" aria-hidden="true">
          {glyph}
        </text>
      )}
      {!leaf && !cell.container && glyph && cell.width >= 12 && cell.height >= 12 && (
        <text className="cell-glyph" x={cell.x + cell.width / 2} y={cell.y + cell.height / 2} fontSize={Math.min(cell.width, cell.height) * 0.6} textAnchor="middle" dominantBaseline="central">
          {glyph}
        </text>
      )}
      {facts && leaf && <CellFacts cell={cell} facts={facts} top={leaf.bottom} measure={labels.measure} />}
      {silent && <NoReportMark cell={cell} />}
      {held.length > 0 && <AllowanceLamp held={held} cell={cell} words={words} />}
      {selected && <rect className="cell-cursor" x={cell.x - 2} y={cell.y - 2} width={cell.width + 4} height={cell.height + 4} rx={5} />}
    </g>
  );
});

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
function CellFacts({ cell, facts, top, measure }: { cell: Cell; facts: Fact[]; top: number; measure: Measure }) {
  const room = cell.y + cell.height - top - 22;
  const fontSize = Math.min(24, Math.floor(room / (facts.length * 1.45)));
  if (fontSize < 12 || cell.width < 170) return null;
  return (
    <g className="cell-facts" aria-hidden="true">
      {facts.map((fact, index) => {
        const y = top + fontSize * 1.45 * (index + 0.8);
        const shown = `${fact.value}${FACT_STANDING[fact.standing]}`;
        const labelSize = Math.max(11, Math.round(fontSize * 0.8));
        const label = fitText(fact.label, cell.width - measure(shown, fontSize) - 24, labelSize);
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
