import type { Episode } from '../../shared/api';

/** How often an episode whose only news is its ancestors' held-back figures is sent again (the latest, once). */
export const HELD_BACK_REFRESH_MS = 5000;

/**
 * What a change to an episode is to the rooms it has reached, against the copy they were last sent:
 * - `news`: something a person acts on (opened, escalated, resolved, severity, window, holder,
 *   acknowledgement, note, a breach newly held back or released…): sent at once;
 * - `held-back-figures`: only the figures of the ancestors' breaches it holds back moved (every
 *   provisional reading below moves them): the latest is sent every HELD_BACK_REFRESH_MS instead of
 *   once per reading, which is most of what a national room would otherwise receive;
 * - `same`: nothing the rooms were not told.
 */
export type EpisodeNews = 'news' | 'held-back-figures' | 'same';

/** The episode without the held-back figures (which breaches, their levels and severities stay). */
function withoutHeldBackFigures(episode: Episode): string {
  return JSON.stringify({ ...episode, inhibits: episode.inhibits.map(({ node, level, severity, since }) => ({ node, level, severity, since })) });
}

export function episodeNews(lastSent: Episode | undefined, next: Episode): EpisodeNews {
  return newsAgainst(lastSent && { episode: lastSent }, { episode: next });
}

/** A copy, with its text less the held-back figures once it has been needed (it is as long as the path). */
interface Copy {
  episode: Episode;
  without?: string;
}

const textOf = (copy: Copy) => (copy.without ??= withoutHeldBackFigures(copy.episode));

function newsAgainst(lastSent: Copy | undefined, next: Copy): EpisodeNews {
  if (!lastSent) return 'news';
  // A new path entry, or a new status or severity, is news whatever else: no need to write either out.
  const [a, b] = [lastSent.episode, next.episode];
  if (a.path.length !== b.path.length || a.status !== b.status || a.severity !== b.severity) return 'news';
  if (textOf(lastSent) !== textOf(next)) return 'news';
  return JSON.stringify(a.inhibits) === JSON.stringify(b.inhibits) ? 'same' : 'held-back-figures';
}

/**
 * The publisher's memory of what went out: per open episode, the copy last sent and, when only
 * held-back figures moved since, the latest copy waiting for the next refresh with its rooms.
 */
export function episodeNewsDesk() {
  const sent = new Map<string, Copy>();
  const waiting = new Map<string, { episode: Episode; rooms: string[] }>();
  return {
    /** What to do with this copy now: send it (`news`), or hold it for the refresh, or drop it. */
    offer(episode: Episode, rooms: string[]): 'send' | 'held' | 'dropped' {
      const copy: Copy = { episode };
      const news = newsAgainst(sent.get(episode.id), copy);
      if (news === 'news') {
        waiting.delete(episode.id);
        if (episode.status === 'open') sent.set(episode.id, copy);
        else sent.delete(episode.id);
        return 'send';
      }
      if (news === 'same') {
        waiting.delete(episode.id);
        return 'dropped';
      }
      waiting.set(episode.id, { episode, rooms });
      return 'held';
    },
    hasWaiting: (): boolean => waiting.size > 0,
    /** The held copies, now due: each is then what its rooms were last sent. */
    takeWaiting(): Array<{ episode: Episode; rooms: string[] }> {
      const due = [...waiting.values()];
      waiting.clear();
      for (const { episode } of due) sent.set(episode.id, { episode });
      return due;
    },
  };
}
