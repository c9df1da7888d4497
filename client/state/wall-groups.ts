import type { Direction, Episode } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import type { WallSection } from './wall';

/** The episodes of one wall section on one indicator (trouble and good news apart): one line on the wall. */
export interface WallGroup {
  key: string;
  section: WallSection;
  indicator: string;
  direction: Direction;
  /** In the section's order. */
  episodes: Episode[];
  /** The worst among them, for its colour and glyph. */
  kind: 'crisis' | 'alert' | 'pleasure';
}

/** Groups in the order of their first (most pressing) episode, so the section's order carries over. */
export function groupSection(section: WallSection, episodes: readonly Episode[]): WallGroup[] {
  const groups = new Map<string, WallGroup>();
  for (const episode of episodes) {
    const key = `${section}:${episode.indicator}:${episode.direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, section, indicator: episode.indicator, direction: episode.direction, episodes: [], kind: episode.direction === 'pleasure' ? 'pleasure' : 'alert' };
      groups.set(key, group);
    }
    group.episodes.push(episode);
    if (episode.direction === 'pain' && episode.severity === 'crisis') group.kind = 'crisis';
  }
  return [...groups.values()];
}

/** Up to this many of the level's own episodes on one indicator are shown open: they are its work to do. */
export const OWN_OPEN_MAX = 4;

/** A group of one is its card; the level's own few are open from the start; everything else is one line until opened. */
export function openByDefault(group: WallGroup): boolean {
  return group.episodes.length === 1 || (group.section === 'own' && group.episodes.length <= OWN_OPEN_MAX);
}

/** The episodes of a group by the child of the focus they sit under (region at national, district at a region). */
export interface Branch {
  /** The child of the focus, or the focus itself for its own figure. */
  child: string;
  episodes: Episode[];
}

export function branchesOf(episodes: readonly Episode[], childOf: (node: string) => string): Branch[] {
  const branches = new Map<string, Branch>();
  for (const episode of episodes) {
    const child = childOf(episode.node);
    const branch = branches.get(child) ?? { child, episodes: [] };
    branch.episodes.push(episode);
    branches.set(child, branch);
  }
  return [...branches.values()];
}

/**
 * An opened group's cards with the new arrivals first (newest first), the rest in the section's
 * order: a group of 300 opens eight at a time, and the one that just came in must be among them.
 * The same array when nothing in it is new.
 */
export function freshFirst(episodes: readonly Episode[], fresh: ReadonlyMap<string, number>): readonly Episode[] {
  const arrived = episodes.filter((episode) => fresh.has(episode.id));
  if (arrived.length === 0) return episodes;
  arrived.sort((a, b) => fresh.get(b.id)! - fresh.get(a.id)!);
  return [...arrived, ...episodes.filter((episode) => !fresh.has(episode.id))];
}

/** What the words of a group line need to know. */
export interface GroupWording {
  label: string;
  focus: string;
  /** Level names, top first. */
  levels: readonly string[];
  levelOf(id: string): string;
  nameOf(id: string): string;
  /** The child of the focus that `node` sits under; the focus itself for its own figure. */
  childOf(node: string): string;
}

/** "region" → "regions", "country" → "countries", "unit" of one → "unit". */
export function plural(word: string, count: number): string {
  if (count === 1) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** "38 units", or "38 signals" where they arose at different levels (or at the top, which is one node). */
function counted(episodes: readonly Episode[], words: GroupWording): string {
  const levels = new Set(episodes.map((episode) => words.levelOf(episode.node)));
  const [level] = levels;
  const noun = levels.size === 1 && level && level !== words.levels[0] ? level : 'signal';
  return `${episodes.length} ${plural(noun, episodes.length)}`;
}

function howMany(group: WallGroup, words: GroupWording): string[] {
  if (group.direction === 'pleasure') return [`${counted(group.episodes, words)} with a bright spot`];
  // A missing report is not a figure out of bounds: said as what it is.
  const silent = group.episodes.filter((episode) => episode.kind === 'no-report');
  const out = group.episodes.filter((episode) => episode.kind !== 'no-report');
  const crisis = out.filter((episode) => episode.severity === 'crisis');
  const alert = out.filter((episode) => episode.severity === 'alert');
  return [
    crisis.length > 0 && `${counted(crisis, words)} in crisis`,
    alert.length > 0 && `${counted(alert, words)} on alert`,
    silent.length > 0 && `${counted(silent, words)} not reporting`,
  ].filter((part): part is string => Boolean(part));
}

function howLong(group: WallGroup, words: GroupWording, now: number): string[] {
  const opened = group.episodes.map((episode) => Date.parse(episode.openedAt));
  if (group.direction === 'pleasure') return [`newest ${formatDuration(now - Math.max(...opened))} ago`];
  if (group.section === 'own') {
    const soonest = Math.min(...group.episodes.map((episode) => (episode.deadline === null ? Infinity : Date.parse(episode.deadline))));
    if (!Number.isFinite(soonest)) return [];
    return [soonest <= now ? 'one due now' : `soonest ${formatDuration(soonest - now)} left`];
  }
  const parts = [`longest ${formatDuration(now - Math.min(...opened))}`];
  const holders = new Set(group.episodes.map((episode) => episode.holder));
  const [holder] = holders;
  if (group.section === 'told' && holders.size === 1 && holder !== undefined && holder !== words.focus) parts.push(`held by ${words.nameOf(holder)}`);
  return parts;
}

function where(group: WallGroup, words: GroupWording): string[] {
  // At a district the children are the units themselves: "in 2 units" would only repeat the count.
  if (group.episodes.every((episode) => words.childOf(episode.node) === episode.node)) return [];
  const children = new Set(group.episodes.map((episode) => words.childOf(episode.node)));
  children.delete(words.focus);
  const [child] = children;
  if (child === undefined) return [];
  // "held by North West, in North West" says it twice.
  if (children.size === 1 && group.section === 'told' && group.episodes.every((episode) => episode.holder === child)) return [];
  if (children.size === 1) return [`in ${words.nameOf(child)}`];
  return [`in ${children.size} ${plural(words.levelOf(child) || 'place', children.size)}`];
}

/** "G&A bed occupancy: 38 units in crisis, 5 units on alert, longest 118 d, in 7 regions" */
export function groupLine(group: WallGroup, words: GroupWording, now: number): string {
  return `${words.label}: ${[...howMany(group, words), ...howLong(group, words, now), ...where(group, words)].join(', ')}`;
}
