import type { Episode, SettlingBelow } from '../../shared/api';
import { hasReached, totalBelow } from '../../shared/reach';
import { byUrgency } from './episodes';

/** The algedonic wall of one level: what has reached it, crisis pinned on top, bright spots apart. */
export interface Wall {
  pinned: Episode[];
  signals: Episode[];
  bright: Episode[];
  /** Open trouble in the subtree still being settled below this level: counted by the server, not shown. */
  settlingBelow: number;
}

/**
 * `episodes` are those the live state holds (the server sends only what reached the focus; the
 * shared rule is applied again so nothing else could slip onto the wall); `below` is the server's
 * count, per child, of what is being settled below.
 */
export function wallFor(episodes: Iterable<Episode>, focus: string, below: SettlingBelow = {}): Wall {
  const total = totalBelow(below);
  const wall: Wall = { pinned: [], signals: [], bright: [], settlingBelow: total.alert + total.crisis };
  for (const episode of episodes) {
    if (episode.status !== 'open' || !hasReached(episode, focus)) continue;
    if (episode.direction === 'pleasure') wall.bright.push(episode);
    else if (episode.severity === 'crisis') wall.pinned.push(episode);
    else wall.signals.push(episode);
  }
  wall.pinned.sort(byUrgency);
  wall.signals.sort(byUrgency);
  wall.bright.sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt));
  return wall;
}

/** Open episodes on one indicator that reached this node (held here, passed through, or told). */
export function episodesAt(episodes: Iterable<Episode>, node: string, indicator?: string): Episode[] {
  const found: Episode[] = [];
  for (const episode of episodes) {
    if (episode.status !== 'open') continue;
    if (indicator !== undefined && episode.indicator !== indicator) continue;
    if (hasReached(episode, node)) found.push(episode);
  }
  return found.sort(byUrgency);
}
