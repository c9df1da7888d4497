import type { Episode, EpisodeFigures } from '../../shared/api';

/**
 * The server's news of open episodes' figures now (sent with the values flush): each known open
 * episode takes its new figure now and sparkline; the rest of the record is unchanged. An episode
 * the room does not know, or knows as resolved, is left alone (its own event says more).
 */
export function applyEpisodeFigures(episodes: Record<string, Episode>, updates: readonly EpisodeFigures[]): Record<string, Episode> {
  let next = episodes;
  for (const update of updates) {
    const known = next[update.id];
    if (!known || known.status !== 'open') continue;
    if (next === episodes) next = { ...episodes };
    next[update.id] = { ...known, now: update.now, spark: update.spark };
  }
  return next;
}
