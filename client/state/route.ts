import { z } from 'zod';

/** The id after `/<kind>/` in a path, decoded; null for any other path or a broken escape. */
function idFromPath(pathname: string, kind: 'node' | 'episode'): string | null {
  const match = new RegExp(`^/${kind}/([^/]+)/?$`).exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The node a URL names: `/node/RJ1` → `RJ1`; anything else → null (the top of the tree). */
export const nodeFromPath = (pathname: string): string | null => idFromPath(pathname, 'node');

export const pathForNode = (id: string, rootId: string) => (id === rootId ? '/' : `/node/${encodeURIComponent(id)}`);

/** A flag in a URL: present as 1/true/yes, or absent. */
const flag = z
  .enum(['1', 'true', 'yes'])
  .transform(() => true as const)
  .optional()
  .catch(undefined);

/**
 * How a wall screen narrows what it shows, all in its URL (`?severity=crisis&indicator=occupancy&q=leeds`),
 * so the URL reproduces the view. A value the room does not understand is dropped, not an error: a
 * hand-typed URL still opens the wall, showing everything it could not narrow.
 */
export const wallQuerySchema = z.object({
  severity: z.enum(['crisis', 'alert', 'bright']).optional().catch(undefined),
  indicator: z.string().trim().min(1).max(100).optional().catch(undefined),
  /** Only what nobody has acknowledged. */
  unacked: flag,
  /** Only what this level holds. */
  here: flag,
  /** Nodes by name, published name or code (ODS code in the NHS import). */
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
});
export type WallQuery = z.infer<typeof wallQuerySchema>;

const KEYS = ['severity', 'indicator', 'unacked', 'here', 'q'] as const;

export function parseWallQuery(search: string): WallQuery {
  const params = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  return wallQuerySchema.parse(raw);
}

/** The query string for a view, keys always in the same order; '' when nothing is narrowed. */
export function wallQueryString(query: WallQuery): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === true) params.set(key, '1');
    else if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The query string with the wall's view replaced and every other key (the replayed instant, a past month) kept. */
export function searchWithWallQuery(search: string, query: WallQuery): string {
  const params = new URLSearchParams(search);
  for (const key of KEYS) params.delete(key);
  const others = params.toString();
  const wall = wallQueryString(query).slice(1);
  const text = [wall, others].filter((part) => part !== '').join('&');
  return text === '' ? '' : `?${text}`;
}

/** The episode a URL names: `/episode/E12` → `E12`; anything else → null. */
export const episodeFromPath = (pathname: string): string | null => idFromPath(pathname, 'episode');

export const pathForEpisode = (id: string) => `/episode/${encodeURIComponent(id)}`;
