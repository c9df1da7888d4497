import type { BelowCounts, Direction, Severity } from './api';

/**
 * Attenuation, one rule for server and client alike.
 *
 * A node is *reached* by an episode when the episode is held there, has passed through it, or was
 * told to it at once (a crisis, a bright spot). The engine records exactly these in `reached`: the
 * origin node first (so a unit always hears what is said above about its own episodes), then each
 * holder so far, then every ancestor told at once. What a level's room receives is what reached it;
 * of the rest it gets only counts, per child: what is being settled below.
 */
export interface Reaching {
  readonly reached: readonly string[];
}

/** Whether `episode` has reached `node`: held there, passed through it, or told to it. */
export function hasReached(episode: Reaching, node: string): boolean {
  return episode.reached.includes(node);
}

/** What the count of "being settled below" needs to know of an episode. */
export interface Settling extends Reaching {
  /** Where it arose. */
  readonly node: string;
  readonly status: 'open' | 'resolved';
  readonly severity: Severity;
  readonly direction: Direction;
}

/** `node` is `ancestor` or lies below it. */
export type IsWithin = (node: string, ancestor: string) => boolean;

export const noneBelow = (): BelowCounts => ({ alert: 0, crisis: 0 });

/**
 * For `node` and its `children`: per child, the open trouble (pain) that arose in that child's
 * subtree and has not reached `node`, by severity. Every child has an entry, zero or not.
 *
 * Bright spots are not counted: nothing about good news is being settled, and they are told to
 * every ancestor at once anyway. Resolved episodes are settled, not being settled. An episode that
 * arose at `node` itself has reached it (its origin), so it is never below.
 */
export function settlingBelow(
  episodes: Iterable<Settling>,
  node: string,
  children: readonly string[],
  isWithin: IsWithin,
): Record<string, BelowCounts> {
  const counts: Record<string, BelowCounts> = {};
  for (const child of children) counts[child] = noneBelow();
  for (const episode of episodes) {
    if (episode.status !== 'open' || episode.direction !== 'pain' || hasReached(episode, node)) continue;
    const child = children.find((candidate) => isWithin(episode.node, candidate));
    if (child === undefined) continue;
    counts[child]![episode.severity] += 1;
  }
  return counts;
}

/** All that is being settled below, summed over the children. */
export function totalBelow(counts: Readonly<Record<string, BelowCounts>>): BelowCounts {
  const total = noneBelow();
  for (const child of Object.values(counts)) {
    total.alert += child.alert;
    total.crisis += child.crisis;
  }
  return total;
}
