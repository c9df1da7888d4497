import type { Episode } from '../../shared/api';

/**
 * A function of one episode, worked out once per episode object. The live state never changes an
 * episode in place (news replaces the object), so an object's answer never goes stale; a replaced
 * one is forgotten with it (WeakMap). Sorting and marking thousands of episodes each render then
 * parses no date twice.
 */
export function perEpisode<T>(compute: (episode: Episode) => T): (episode: Episode) => T {
  const known = new WeakMap<Episode, T>();
  return (episode) => {
    if (known.has(episode)) return known.get(episode)!;
    const value = compute(episode);
    known.set(episode, value);
    return value;
  };
}

/** The instants a sort compares, parsed once per episode. */
export const timesOf = perEpisode((episode) => ({
  opened: Date.parse(episode.openedAt),
  deadline: episode.deadline === null ? Infinity : Date.parse(episode.deadline),
}));
