import type { Episode } from '../../shared/api';
import type { Engine } from './engine';
import type { EpisodeRecord } from './episodes/episode';
import { byLastChange, lastChange, matchingEpisodes, toEpisode, type EpisodeFilter } from './views';

/** Where a page of episodes stopped: the oldest one it holds, by when it last changed status, then id. */
export interface EpisodeCursor {
  at: number;
  id: string;
}

export interface EpisodePageBounds {
  limit: number;
  /** Only episodes older than this (the previous page's `next`). */
  before?: EpisodeCursor;
  /** The page stops once its episodes' JSON passes this many characters (one episode at least, so paging always moves on). */
  maxChars: number;
}

export interface EpisodePage {
  /** Oldest first, as GET /api/episodes has always listed them. */
  episodes: Episode[];
  /** Matched by the filter, before the page's bounds. */
  total: number;
  resolvedByLevel: Record<string, number>;
  /** Pass as `before` for the next older page; null when this page reaches the oldest. */
  next: EpisodeCursor | null;
}

const newerFirst = (a: EpisodeRecord, b: EpisodeRecord) => byLastChange(b, a);
const olderThan = (episode: EpisodeRecord, cursor: EpisodeCursor) => byLastChange(episode, { id: cursor.id, openedAt: cursor.at, state: { status: 'open' } }) < 0;

/**
 * One page of the episodes matching `filter`: the newest `limit` before the cursor, cut short at
 * `maxChars` characters of JSON. Only the page's episodes are turned into JSON, so a long history costs a sort,
 * not an answer the size of the history.
 */
export function episodePage(engine: Engine, filter: EpisodeFilter, bounds: EpisodePageBounds): EpisodePage {
  const matched = matchingEpisodes(engine, filter);
  const resolvedByLevel: Record<string, number> = {};
  for (const episode of matched) {
    if (episode.state.status === 'resolved') resolvedByLevel[episode.state.resolvedLevel] = (resolvedByLevel[episode.state.resolvedLevel] ?? 0) + 1;
  }
  const candidates = (bounds.before ? matched.filter((episode) => olderThan(episode, bounds.before!)) : matched).sort(newerFirst);
  const page: Episode[] = [];
  let bytes = 0;
  let last: EpisodeRecord | null = null;
  for (const episode of candidates) {
    if (page.length >= bounds.limit) break;
    const json = toEpisode(engine, episode);
    bytes += JSON.stringify(json).length;
    if (page.length > 0 && bytes > bounds.maxChars) break;
    page.push(json);
    last = episode;
  }
  const more = last !== null && page.length < candidates.length;
  return { episodes: page.reverse(), total: matched.length, resolvedByLevel, next: more ? { at: lastChange(last!), id: last!.id } : null };
}

/**
 * At most `max` of `episodes`: the open ones first (newest first), then the latest resolved, in the
 * order given (creation). What a node view sends of a long history.
 */
export function openFirst(episodes: readonly EpisodeRecord[], max: number): EpisodeRecord[] {
  if (episodes.length <= max) return [...episodes];
  const open = episodes.filter((episode) => episode.state.status === 'open').sort(newerFirst);
  const resolved = episodes.filter((episode) => episode.state.status !== 'open').sort(newerFirst);
  const kept = new Set([...open, ...resolved].slice(0, max));
  return episodes.filter((episode) => kept.has(episode));
}
