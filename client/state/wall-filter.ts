import type { Episode } from '../../shared/api';
import { ancestorsOf, type Hierarchy } from './hierarchy';
import type { WallQuery } from './route';
import type { Wall, WallSection } from './wall';

export const isNarrowed = (query: WallQuery) => Object.values(query).some((value) => value !== undefined);

/**
 * Whether a node answers a search: its code, name or published name contains the words (any case),
 * or those of a node above it up to the focus (so "North West" at England finds everything there).
 */
export function nodeSearch(tree: Hierarchy, focus: string, words: string): (node: string) => boolean {
  const needle = words.trim().toLocaleLowerCase('en-GB');
  const known = new Map<string, boolean>();
  const own = (id: string) => {
    const node = tree.byId.get(id);
    return [id, node?.name, node?.publishedName].some((text) => text !== undefined && text.toLocaleLowerCase('en-GB').includes(needle));
  };
  return (node) => {
    let found = known.get(node);
    if (found === undefined) {
      const above = ancestorsOf(tree, node).map((ancestor) => ancestor.id);
      const at = above.indexOf(focus);
      // Only the nodes between the focus and this one: above the focus, everything would match.
      found = [node, ...(at >= 0 ? above.slice(at + 1) : [])].some(own);
      known.set(node, found);
    }
    return found;
  };
}

export function matchesQuery(episode: Episode, query: WallQuery, focus: string, nodeMatches: ((node: string) => boolean) | null): boolean {
  const kind = episode.direction === 'pleasure' ? 'bright' : episode.severity;
  if (query.severity !== undefined && kind !== query.severity) return false;
  if (query.indicator !== undefined && episode.indicator !== query.indicator) return false;
  // Good news asks nobody to acknowledge it.
  if (query.unacked && (episode.direction === 'pleasure' || episode.acknowledgedBy !== null)) return false;
  if (query.here && episode.holder !== focus) return false;
  return nodeMatches === null || nodeMatches(episode.node);
}

/** The wall as narrowed by the query: the same sections in the same order, fewer in them. */
export function narrowWall(wall: Wall, query: WallQuery, focus: string, tree: Hierarchy): Pick<Wall, WallSection> {
  if (!isNarrowed(query)) return wall;
  const nodeMatches = query.q === undefined ? null : nodeSearch(tree, focus, query.q);
  const keep = (episodes: Episode[]) => episodes.filter((episode) => matchesQuery(episode, query, focus, nodeMatches));
  return { own: keep(wall.own), told: keep(wall.told), standing: keep(wall.standing) };
}
