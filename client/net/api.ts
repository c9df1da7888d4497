import { z } from 'zod';
import {
  episodeListSchema,
  instantSchema,
  episodeSchema,
  errorBodySchema,
  hierarchySchema,
  indicatorInfoSchema,
  seriesSchema,
  type Episode,
  type EpisodeList,
  type IndicatorInfo,
  type NodeInfo,
  type Series,
} from '../../shared/api';
import type { Who } from '../state/scope';

/** A refusal or failure, carrying the server's own words when it gave any. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const indicatorsSchema = z.object({ indicators: z.array(indicatorInfoSchema) });
const healthSchema = z.object({ now: instantSchema });
const whoSchema = z.object({ role: z.enum(['admin', 'reporter', 'coordinator']), node: z.string().nullable(), name: z.string() });

async function request<T>(schema: z.ZodType<T>, path: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError('The server cannot be reached.', 0, 'network');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    if (error.success) throw new ApiError(error.data.error.message, response.status, error.data.error.code);
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, response.status, 'http');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'unknown shape';
    throw new ApiError(`The server sent something the room cannot read (${path} → ${where}).`, response.status, 'bad_payload');
  }
  return parsed.data;
}

export const fetchHierarchy = (token: string | null): Promise<{ nodes: NodeInfo[]; levels: string[] }> =>
  request(hierarchySchema, '/api/hierarchy', token);

export const fetchIndicators = async (token: string | null): Promise<IndicatorInfo[]> =>
  (await request(indicatorsSchema, '/api/indicators', token)).indicators;

export function fetchSeries(token: string | null, query: { node: string; indicator: string; from?: string; to?: string }): Promise<Series> {
  const params = new URLSearchParams({ node: query.node, indicator: query.indicator });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  return request(seriesSchema, `/api/series?${params.toString()}`, token);
}

export const fetchEpisode = (token: string | null, id: string): Promise<Episode> =>
  request(episodeSchema, `/api/episodes/${encodeURIComponent(id)}`, token);

/** GET /api/episodes: `from` with status=resolved means resolved since then; `limit` keeps the newest. */
export function fetchEpisodes(
  token: string | null,
  query: { node?: string; status?: 'open' | 'resolved' | 'all'; direction?: 'pain' | 'pleasure'; from?: string; limit?: number },
): Promise<EpisodeList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return request(episodeListSchema, `/api/episodes?${params.toString()}`, token);
}

/** The server's clock minus this machine's, from GET /api/health (halfway through the round trip). */
export async function fetchClockOffset(): Promise<number> {
  const sent = Date.now();
  const { now } = await request(healthSchema, '/api/health', null);
  return Date.parse(now) - (sent + Date.now()) / 2;
}

export const whoami = (token: string): Promise<Who> => request(whoSchema, '/api/whoami', token);

export const acknowledge = (token: string, episodeId: string, note?: string): Promise<Episode> =>
  request(episodeSchema, `/api/episodes/${encodeURIComponent(episodeId)}/acknowledge`, token, {
    method: 'POST',
    body: JSON.stringify(note ? { note } : {}),
  });

export const addNote = (token: string, episodeId: string, note: string): Promise<Episode> =>
  request(episodeSchema, `/api/episodes/${encodeURIComponent(episodeId)}/notes`, token, {
    method: 'POST',
    body: JSON.stringify({ note }),
  });
