import type { Episode } from '../../shared/api';
import { lampFor, type Lamp } from '../charts/lamp';
import type { MapCell } from '../charts/treemap';
import { useNow } from './clock';

/** Where the time left is written: in a header band (right-aligned) or under a unit's name. */
export interface LampWords {
  x: number;
  y: number;
  fontPx: number;
  anchor: 'start' | 'end';
}

interface Props {
  held: Episode[];
  cell: MapCell;
  words: LampWords | null;
}

const running = (held: Episode[]) => held.some((episode) => episode.status === 'open' && episode.deadline !== null && !episode.overdue);

/**
 * The lamp on a node holding a signal: an outline that blinks faster as the window runs out
 * (Cybersyn's lamps), a bar of the allowance used, and the time left. Only a lamp with a window
 * running ticks each second; one held at the top with no window left stands lit and still.
 */
export function AllowanceLamp({ held, cell, words }: Props) {
  return running(held) ? <RunningLamp held={held} cell={cell} words={words} /> : <LampShape lamp={lampFor(held, 0)!} cell={cell} words={null} />;
}

function RunningLamp({ held, cell, words }: Props) {
  const lamp = lampFor(held, useNow());
  return lamp ? <LampShape lamp={lamp} cell={cell} words={words} /> : null;
}

function LampShape({ lamp, cell, words }: { lamp: Lamp; cell: MapCell; words: LampWords | null }) {
  const inHeader = cell.container && cell.header > 0;
  const barHeight = inHeader ? 4 : Math.max(3, Math.min(6, cell.height * 0.08));
  const barY = inHeader ? cell.y + cell.header - barHeight - 1 : cell.y + cell.height - barHeight - 2;
  const barWidth = Math.max(0, cell.width - 6);
  return (
    <g className={`lamp urgency-${lamp.urgency}${lamp.standing ? ' standing' : ''}`} data-used={lamp.used.toFixed(2)} aria-hidden="true">
      <rect className="lamp-outline" x={cell.x + 1} y={cell.y + 1} width={Math.max(0, cell.width - 2)} height={Math.max(0, cell.height - 2)} rx={3} />
      {barWidth > 6 && (
        <>
          <rect className="lamp-track" x={cell.x + 3} y={barY} width={barWidth} height={barHeight} rx={barHeight / 2} />
          <rect className="lamp-used" x={cell.x + 3} y={barY} width={barWidth * lamp.used} height={barHeight} rx={barHeight / 2} />
        </>
      )}
      {words && lamp.left && (
        <text className="lamp-words" x={words.x} y={words.y} fontSize={words.fontPx} textAnchor={words.anchor} dominantBaseline={words.anchor === 'end' ? 'central' : undefined} data-time-left="">
          {lamp.left}
        </text>
      )}
    </g>
  );
}
