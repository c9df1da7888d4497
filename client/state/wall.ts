import type { Episode, SettlingBelow } from '../../shared/api';
import { hasReached, totalBelow } from '../../shared/reach';
import { byUrgency } from './episodes';
import { timesOf } from './per-episode';

/**
 * Where an episode sits on a level's wall, in the order the wall shows them:
 * - `own`: this level holds it and can still settle it (its window is running);
 * - `told`: told here, held elsewhere (a crisis passing through, one held above or below, a bright spot);
 * - `standing`: at the top with no window left, whoever is looking: standing state, shown calm.
 */
export type WallSection = 'own' | 'told' | 'standing';
export const SECTIONS: readonly WallSection[] = ['own', 'told', 'standing'];

/** The algedonic wall of one level: what has reached it, in the order this level can do something about it. */
export interface Wall {
  own: Episode[];
  told: Episode[];
  standing: Episode[];
  /** Open signals at this level by kind, for the top bar. */
  tally: { crisis: number; alert: number; bright: number };
  /** Open trouble in the subtree still being settled below this level: counted by the server, not shown. */
  settlingBelow: number;
}

export function sectionOf(episode: Episode, focus: string): WallSection {
  if (episode.overdue) return 'standing';
  if (episode.direction === 'pain' && episode.holder === focus) return 'own';
  return 'told';
}

const deadlineOf = (episode: Episode) => timesOf(episode).deadline;
const openedOf = (episode: Episode) => timesOf(episode).opened;
const crisisFirst = (a: Episode, b: Episode) => Number(b.severity === 'crisis') - Number(a.severity === 'crisis');
const painFirst = (a: Episode, b: Episode) => Number(a.direction === 'pleasure') - Number(b.direction === 'pleasure');

/** The level's own work: the window that runs out first comes first; a crisis before an alert due at the same moment. */
export function byTimeLeft(a: Episode, b: Episode): number {
  const left = deadlineOf(a) - deadlineOf(b);
  if (left !== 0 && !Number.isNaN(left)) return left < 0 ? -1 : 1;
  return crisisFirst(a, b) || openedOf(a) - openedOf(b) || a.id.localeCompare(b.id);
}

/** What is told here: trouble before good news; then crisis, the nearest deadline, the oldest. Bright spots newest first. */
export function byTold(a: Episode, b: Episode): number {
  const pain = painFirst(a, b);
  if (pain !== 0) return pain;
  if (a.direction === 'pleasure') return openedOf(b) - openedOf(a) || a.id.localeCompare(b.id);
  return byUrgency(a, b);
}

/** Standing at the top: crisis first, then the longest standing. */
export function byAge(a: Episode, b: Episode): number {
  return crisisFirst(a, b) || openedOf(a) - openedOf(b) || a.id.localeCompare(b.id);
}

const ORDER: Record<WallSection, (a: Episode, b: Episode) => number> = { own: byTimeLeft, told: byTold, standing: byAge };

/**
 * `episodes` are those the live state holds (the server sends only what reached the focus; the
 * shared rule is applied again so nothing else could slip onto the wall); `below` is the server's
 * count, per child, of what is being settled below.
 */
export function wallFor(episodes: Iterable<Episode>, focus: string, below: SettlingBelow = {}): Wall {
  const total = totalBelow(below);
  const wall: Wall = { own: [], told: [], standing: [], tally: { crisis: 0, alert: 0, bright: 0 }, settlingBelow: total.alert + total.crisis };
  for (const episode of episodes) {
    if (episode.status !== 'open' || !hasReached(episode, focus)) continue;
    wall[sectionOf(episode, focus)].push(episode);
    if (episode.direction === 'pleasure') wall.tally.bright += 1;
    else wall.tally[episode.severity] += 1;
  }
  for (const section of SECTIONS) wall[section].sort(ORDER[section]);
  return wall;
}

export const wallSize = (wall: Pick<Wall, WallSection>) => wall.own.length + wall.told.length + wall.standing.length;

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
