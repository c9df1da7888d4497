/** The node a URL names: `/node/RJ1` → `RJ1`; anything else → null (the top of the tree). */
export function nodeFromPath(pathname: string): string | null {
  const match = /^\/node\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export const pathForNode = (id: string, rootId: string) => (id === rootId ? '/' : `/node/${encodeURIComponent(id)}`);

/** The episode a URL names: `/episode/E12` → `E12`; anything else → null. */
export function episodeFromPath(pathname: string): string | null {
  const match = /^\/episode\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export const pathForEpisode = (id: string) => `/episode/${encodeURIComponent(id)}`;
