import type { z } from 'zod';
import { errorBodySchema, type Episode, type EpisodeList, type IndicatorInfo, type NodeInfo, type Series, type SnapshotEvent } from '../../shared/api';
import type { Timeline, whatifBodySchema, WhatifJob } from '../../shared/contract/planning';
import { api, pathOf, type RouteDef } from '../../shared/contract/routes';
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

/** What a route answers when it succeeds (its 200, or 201), as its schema parses it. */
type Success<R extends RouteDef> = R['responses'] extends { 200: infer S extends z.ZodType } ? z.output<S> : R['responses'] extends { 201: infer S extends z.ZodType } ? z.output<S> : never;

type InputOf<R, Part extends 'query' | 'body'> = R extends { [P in Part]: infer S extends z.ZodType } ? z.input<S> : never;

interface Call<R extends RouteDef> {
  token: string | null;
  params?: Record<string, string | number>;
  query?: InputOf<R, 'query'>;
  body?: InputOf<R, 'body'>;
}

/** One call of a route of the contract (shared/contract/routes.ts): its method, its path, its answer's schema. */
async function call<R extends RouteDef>(route: R, { token, params, query, body }: Call<R>): Promise<Success<R>> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) if (value !== undefined) search.set(key, String(value));
  const path = `/api${pathOf(route, params)}${search.size > 0 ? `?${search.toString()}` : ''}`;
  const headers = new Headers({ Accept: 'application/json' });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { method: route.method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('The server cannot be reached.', 0, 'network');
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(answer);
    if (error.success) throw new ApiError(error.data.error.message, response.status, error.data.error.code);
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, response.status, 'http');
  }
  const schema = route.responses[response.status];
  const parsed = schema ? schema.safeParse(answer) : null;
  if (!parsed?.success) {
    const first = parsed?.error.issues[0];
    const where = first ? `${first.path.join('.') || '(top)'}: ${first.message}` : `no answer ${response.status} in the contract`;
    throw new ApiError(`The server sent something the room cannot read (${path} → ${where}).`, response.status, 'bad_payload');
  }
  return parsed.data as Success<R>;
}

export const fetchHierarchy = (token: string | null): Promise<{ nodes: NodeInfo[]; levels: string[] }> => call(api.hierarchy, { token });

export const fetchIndicators = async (token: string | null): Promise<IndicatorInfo[]> => (await call(api.indicators, { token })).indicators;

export const fetchSeries = (token: string | null, query: { node: string; indicator: string; from?: string; to?: string }): Promise<Series> =>
  call(api.series, { token, query });

export const fetchEpisode = (token: string | null, id: string): Promise<Episode> => call(api.episode, { token, params: { id } });

/** GET /api/episodes: `from` with status=resolved means resolved since then; `limit` keeps the newest. */
export const fetchEpisodes = (
  token: string | null,
  query: { node?: string; status?: 'open' | 'resolved' | 'all'; direction?: 'pain' | 'pleasure'; from?: string; resolvedTo?: string; limit?: number },
): Promise<EpisodeList> => call(api.episodes, { token, query });

/** The server's clock minus this machine's, from GET /api/health (halfway through the round trip). */
export async function fetchClockOffset(): Promise<number> {
  const sent = Date.now();
  const { now } = await call(api.health, { token: null });
  return Date.parse(now) - (sent + Date.now()) / 2;
}

export const whoami = (token: string): Promise<Who> => call(api.whoami, { token });

export const acknowledge = (token: string, episodeId: string, note?: string): Promise<Episode> =>
  call(api.acknowledge, { token, params: { id: episodeId }, body: note ? { note } : {} });

export const addNote = (token: string, episodeId: string, note: string): Promise<Episode> => call(api.note, { token, params: { id: episodeId }, body: { note } });

/** GET /api/state/nodes/:id?at=: the node as its room saw it at an instant (replay), in the live snapshot's shape. */
export const fetchNodeAt = (token: string | null, id: string, at: number): Promise<SnapshotEvent> =>
  call(api.nodeAt, { token, params: { id }, query: { at: new Date(at).toISOString() } });

/** GET /api/timeline: escalations over the log's span, bucketed, and every escalation instant. */
export const fetchTimeline = (token: string | null, buckets: number): Promise<Timeline> => call(api.timeline, { token, query: { buckets } });

/** The live policy: its version (from health) and its configuration as logged. */
export async function fetchLivePolicy(token: string | null): Promise<{ version: number; config: Record<string, unknown> }> {
  const health = await call(api.health, { token: null });
  const version = health.policyVersion ?? 1;
  const policy = await call(api.policy, { token, params: { version } });
  return { version, config: policy.config };
}

/** POST /api/whatif: a short span comes back done (200), a longer one as a running job (202) to follow. */
export const startWhatif = (token: string | null, body: z.input<typeof whatifBodySchema>): Promise<WhatifJob> => call(api.startWhatif, { token, body });

export const fetchWhatif = (token: string | null, id: string): Promise<WhatifJob> => call(api.whatif, { token, params: { id } });

export const cancelWhatif = (token: string | null, id: string): Promise<WhatifJob> => call(api.cancelWhatif, { token, params: { id } });
