import type { Episode } from '../../shared/api';
import { byUrgency } from './episodes';

/** The algedonic wall of one level: what has reached it, crisis pinned on top, bright spots apart. */
export interface Wall {
  pinned: Episode[];
  signals: Episode[];
  bright: Episode[];
  /** Open trouble in the subtree still being settled below this level: counted, not shown. */
  settlingBelow: number;
}

/** `episodes` are those of the focus's subtree, as the live state holds them. */
export function wallFor(episodes: Iterable<Episode>, focus: string): Wall {
  const wall: Wall = { pinned: [], signals: [], bright: [], settlingBelow: 0 };
  for (const episode of episodes) {
    if (episode.status !== 'open') continue;
    const reached = episode.reached.includes(focus) || episode.holder === focus;
    if (!reached) {
      if (episode.direction === 'pain') wall.settlingBelow += 1;
      continue;
    }
    if (episode.direction === 'pleasure') wall.bright.push(episode);
    else if (episode.severity === 'crisis') wall.pinned.push(episode);
    else wall.signals.push(episode);
  }
  wall.pinned.sort(byUrgency);
  wall.signals.sort(byUrgency);
  wall.bright.sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt));
  return wall;
}

/** Open episodes on one indicator that concern this node: reached it, or held here. */
export function episodesAt(episodes: Iterable<Episode>, node: string, indicator?: string): Episode[] {
  const found: Episode[] = [];
  for (const episode of episodes) {
    if (episode.status !== 'open') continue;
    if (indicator !== undefined && episode.indicator !== indicator) continue;
    if (episode.reached.includes(node) || episode.holder === node) found.push(episode);
  }
  return found.sort(byUrgency);
}
