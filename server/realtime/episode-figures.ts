import type { Episode, EpisodeFigures } from '../../shared/api';
import { hasReached } from '../../shared/reach';
import type { Engine } from '../domain/engine';
import { episodeSpark, figureNow } from '../domain/episode-facts';
import { episodeKey, seriesKey } from '../domain/state';

const KEYS = ['pain', 'pleasure', 'no-report'] as const;

const signature = (now: Episode['now']) => (now ? `${now.period}|${now.value}|${now.coverage}` : '');

/**
 * Keeps "the value now" on the wall fresh without re-sending whole episodes: the publisher notes
 * every series whose figures changed, and at its flush each open episode of those series whose
 * latest judged figure moved goes out once, as its figure now and its sparkline, to the rooms it
 * has reached. A judged figure moves at most once a period per series (a correction aside), so
 * this stays small however many provisional values arrive.
 */
export function episodeFiguresTracker() {
  /** Series (node, indicator) whose points changed since the last flush. */
  const touched = new Map<string, [string, string]>();
  /** What each open episode's rooms were last told of its figure now. */
  const told = new Map<string, string>();
  return {
    touch(node: string, indicator: string): void {
      touched.set(seriesKey(node, indicator), [node, indicator]);
    },
    waiting: (): boolean => touched.size > 0,
    /** A whole episode went out: its rooms know its figure now. */
    sent(episode: Episode): void {
      if (episode.status === 'open') told.set(episode.id, signature(episode.now));
      else told.delete(episode.id);
    },
    /** Per room (node id), the figures to send; `listening` says which rooms have anyone in them. */
    flush(engine: Engine, listening: (node: string) => boolean): Map<string, EpisodeFigures[]> {
      const out = new Map<string, EpisodeFigures[]>();
      const { hierarchy } = engine.policy;
      for (const [node, indicator] of touched.values()) {
        if (!hierarchy.has(node)) continue;
        const line = [node, ...hierarchy.ancestors(node)];
        for (const key of KEYS) {
          const id = engine.state.latestEpisode.get(episodeKey(node, indicator, key));
          const episode = id === undefined ? undefined : engine.state.episodes.get(id);
          if (!episode || episode.state.status !== 'open') continue;
          const rooms = line.filter((target) => hasReached(episode, target) && listening(target));
          if (rooms.length === 0) continue;
          const now = figureNow(engine, episode);
          if (told.get(episode.id) === signature(now)) continue;
          told.set(episode.id, signature(now));
          const figures = { id: episode.id, now, spark: episodeSpark(engine, episode) };
          for (const target of rooms) {
            if (!out.has(target)) out.set(target, []);
            out.get(target)!.push(figures);
          }
        }
      }
      touched.clear();
      return out;
    },
  };
}
