import type { Episode } from '../../shared/api';
import { allowanceOf, holderLegs, legDuration } from '../state/episodes';
import { formatDuration } from '../../shared/duration';
import { ago, legsInWords, openFor, percent, timeLeftWords } from '../state/time-words';
import { useNow } from './clock';

/** Small ticking pieces of an episode card: each re-renders on its own every second. */

export function TimeLeft({ episode }: { episode: Episode }) {
  const allowance = allowanceOf(episode, useNow());
  const words = timeLeftWords(allowance) || (episode.direction === 'pleasure' ? 'no deadline' : '');
  return (
    <span className={`time-left urgency-${allowance.urgency}`} data-testid="time-left">
      {words}
    </span>
  );
}

export function OpenFor({ since }: { since: string }) {
  const now = useNow();
  return <span className="open-for">{openFor(now - Date.parse(since))}</span>;
}

export function Ago({ at }: { at: string }) {
  const now = useNow();
  return <time dateTime={at}>{ago(now - Date.parse(at))}</time>;
}

/** How much of the holder's window is used; the bar blinks faster as the deadline nears, and stands still once there is no window left. */
export function AllowanceBar({ episode }: { episode: Episode }) {
  const allowance = allowanceOf(episode, useNow());
  if (episode.direction === 'pleasure' || (allowance.deadline === null && !allowance.overdue)) return null;
  const label = allowance.overdue ? 'at the top, no window left' : `${percent(allowance.used)} of the window used`;
  return (
    <div className={`allowance urgency-${allowance.urgency}${allowance.overdue ? ' steady' : ''}`} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(allowance.used * 100)}>
      {/* Scaled, not resized: the bar's second-by-second growth then runs on the compositor, with no layout or paint. */}
      <div className="allowance-used" style={{ transform: `scaleX(${allowance.used.toFixed(4)})` }} />
    </div>
  );
}

/** "unit 2 h 10 m › district 40 m › region 5 m (now)" */
export function Legs({ episode, levelOf, nameOf }: { episode: Episode; levelOf(id: string): string; nameOf(id: string): string }) {
  const now = useNow();
  const legs = holderLegs(episode);
  return (
    <ol className="legs" aria-label={`Path travelled: ${legsInWords(legs, levelOf, now)}`}>
      {legs.map((leg, index) => (
        <li key={`${leg.holder}-${index}`} className={leg.to === null && episode.status === 'open' ? 'leg current' : 'leg'} title={nameOf(leg.holder)}>
          <span className="leg-level">{levelOf(leg.holder)}</span> <span className="leg-time">{formatDuration(legDuration(leg, now))}</span>
        </li>
      ))}
    </ol>
  );
}
