import type { Episode } from '../../shared/api';
import type { MapCell } from '../charts/treemap';
import { allowanceOf } from '../state/episodes';
import { timeLeftWords } from '../state/time-words';
import { useNow } from './clock';

/**
 * The lamp on a node holding a signal: an outline that blinks faster as the window runs out
 * (Cybersyn's lamps), and a bar showing how much of the allowance is used. Standing at the top with
 * no window left is state, not a countdown: lit, steady.
 */
export function AllowanceLamp({ episode, cell }: { episode: Episode; cell: MapCell }) {
  const now = useNow();
  const allowance = allowanceOf(episode, now);
  const inHeader = cell.container && cell.header > 0;
  const barHeight = inHeader ? 4 : Math.max(3, Math.min(8, cell.height * 0.08));
  const barY = inHeader ? cell.y + cell.header - barHeight - 1 : cell.y + cell.height - barHeight - 2;
  const barWidth = Math.max(0, cell.width - 6);
  const showWords = !cell.container && cell.height >= 56 && cell.width >= 96;
  return (
    <g className={`lamp urgency-${allowance.urgency}${allowance.overdue ? ' steady' : ''}`} data-used={allowance.used.toFixed(2)} aria-hidden="true">
      <rect className="lamp-outline" x={cell.x + 1} y={cell.y + 1} width={Math.max(0, cell.width - 2)} height={Math.max(0, cell.height - 2)} rx={3} />
      {barWidth > 6 && (
        <>
          <rect className="lamp-track" x={cell.x + 3} y={barY} width={barWidth} height={barHeight} rx={barHeight / 2} />
          <rect className="lamp-used" x={cell.x + 3} y={barY} width={barWidth * allowance.used} height={barHeight} rx={barHeight / 2} />
        </>
      )}
      {showWords && (
        <text className="lamp-words" x={cell.x + 6} y={barY - 12} fontSize={Math.min(18, cell.height * 0.2)}>
          {timeLeftWords(allowance)}
        </text>
      )}
    </g>
  );
}
