import type { Episode } from '../../shared/api';
import { plural } from './wall-groups';

/**
 * What the node view shows of the signals on one indicator of the node in focus. The wall already
 * lists everything that reached the level, grouped; the node view keeps only what belongs to the
 * node's own figure (its breach, the rows its indicator card explains) and counts the rest, with a
 * way to that indicator's line on the wall.
 */
export interface NodeSignals {
  /** Open episodes on the focus's own figure, as the card lists them (in the order given). */
  own: Episode[];
  /** Open episodes that reached the focus from below (or were told to it): counted, not repeated. */
  fromBelow: { count: number; crisis: number; bright: number };
}

/** `episodes`: the open ones on this indicator that reached the focus (episodesAt), most urgent first. */
export function nodeSignals(episodes: readonly Episode[], focus: string): NodeSignals {
  const own: Episode[] = [];
  const fromBelow = { count: 0, crisis: 0, bright: 0 };
  for (const episode of episodes) {
    if (episode.node === focus) {
      own.push(episode);
      continue;
    }
    fromBelow.count += 1;
    if (episode.direction === 'pleasure') fromBelow.bright += 1;
    else if (episode.severity === 'crisis') fromBelow.crisis += 1;
  }
  return { own, fromBelow };
}

/** "44 more signals from below on the wall, 3 in crisis"; null when there are none. */
export function fromBelowWords(fromBelow: NodeSignals['fromBelow'], own: number): string | null {
  if (fromBelow.count === 0) return null;
  const more = own > 0 ? ' more' : '';
  const parts = [`${fromBelow.count}${more} ${plural('signal', fromBelow.count)} from below on the wall`];
  if (fromBelow.crisis > 0) parts.push(`${fromBelow.crisis} in crisis`);
  if (fromBelow.bright > 0) parts.push(`${fromBelow.bright} bright ${plural('spot', fromBelow.bright)}`);
  return parts.join(', ');
}
