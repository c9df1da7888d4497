import type { Episode, PathEntry } from './api';

/**
 * How the events log records an episode change (`episode.*` effects): the episode as it stands, less
 * the path entries already logged for it. `pathFrom` is where `path` starts in the whole path, so a
 * note is logged as one entry, not as the whole episode again. The first row of an episode in a
 * server's run carries its whole path (`pathFrom: 0`).
 */
export type LoggedEpisode = Omit<Episode, 'path'> & { pathFrom: number; path: PathEntry[] };

export function episodeDelta(episode: Episode, alreadyLogged: number): LoggedEpisode {
  const from = alreadyLogged <= episode.path.length ? alreadyLogged : 0; // a path that shrank (never expected) is logged whole
  return { ...episode, pathFrom: from, path: episode.path.slice(from) };
}

/** The episode a logged row describes, given the one the rows before it described (rows without `pathFrom` are whole). */
export function applyEpisodeDelta(previous: Episode | undefined, row: Omit<Episode, 'path'> & { pathFrom?: number; path: PathEntry[] }): Episode {
  const { pathFrom, ...rest } = row;
  if (pathFrom === undefined || pathFrom === 0) return rest;
  return { ...rest, path: [...(previous?.path ?? []).slice(0, pathFrom), ...row.path] };
}
