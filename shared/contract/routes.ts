import { z } from 'zod';
import {
  acknowledgeBodySchema, dataQualityViewSchema, episodeListSchema, episodeSchema, episodesQuerySchema, errorBodySchema, eventsPageSchema, eventsQuerySchema,
  findingsBodySchema, findingsQuerySchema, hierarchySchema, nodeViewSchema, noteBodySchema, policyParamsSchema, readingBatchSchema, readingSchema,
  readingsResultSchema, seriesQuerySchema, snapshotEventSchema, seriesSchema, tokenInfoSchema, tokenListSchema, tokenParamsSchema, tokenRequestSchema, tokenResponseSchema,
} from '../api';
import { findingsResultSchema, healthSchema, indicatorListSchema, policyVersionSchema, whoSchema } from './responses';
import { reportQuerySchema, reportSchema, stateAtSchema, stateQuerySchema, timelineQuerySchema, timelineSchema, whatifBodySchema, whatifJobSchema } from './planning';
import { deliveriesQuerySchema, deliveryListSchema, webhookListSchema, webhookParamsSchema, webhookViewSchema } from './webhooks';
import { webhookConfigSchema } from '../webhook';

/**
 * The one contract of the HTTP API: every route under /api with its method, path (express style,
 * relative to /api), the schemas of its path parameters, query and body, and a schema per answer
 * status. The server registers its handlers from it (server/http/routes.ts), the client derives its
 * fetches from it (client/net/api.ts), OpenAPI is generated from it (shared/contract/openapi.ts), and
 * the contract test parses every answer with it.
 */
export type Method = 'get' | 'post' | 'delete';
/** Who may call: anyone; any token, or anyone on a `publicRead` network; any token; the admin token. */
export type Access = 'public' | 'read' | 'token' | 'admin';

export interface RouteDef {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Also answers `text/csv` (with `Accept: text/csv` or `?format=csv`), or also takes a `text/csv` body. */
  readonly csv?: 'out' | 'in';
  /** The answer is not JSON: its media type (the schema then describes the text). */
  readonly produces?: string;
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

const idParams = z.strictObject({ id: z.string().min(1) });
/** Every refusal has this body (server/http/app.ts's one error handler). */
const refusals = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, errorBodySchema])) as Record<number, typeof errorBodySchema>;
/** What any route under /api may answer besides its own: 401 a bad token, 429 too many, 500 a fault. */
const ANY = [401, 429, 500];

/** A route that also answers CSV takes `format=csv` (or `json`) besides its own query. */
const format = { format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional() };
export const seriesRouteQuerySchema = seriesQuerySchema.extend(format);
export const episodesRouteQuerySchema = episodesQuerySchema.extend(format);

export const readingsBodySchema = z.union([readingSchema, readingBatchSchema]);

export const api = {
  health: { method: 'get', path: '/health', summary: 'Liveness: the server clock, the log length and the policy version', access: 'public', responses: { 200: healthSchema } },
  whoami: { method: 'get', path: '/whoami', summary: 'Who the bearer token belongs to', access: 'token', responses: { 200: whoSchema, ...refusals(...ANY) } },
  hierarchy: { method: 'get', path: '/hierarchy', summary: 'The tree of nodes and the level names', access: 'read', responses: { 200: hierarchySchema, ...refusals(...ANY) } },
  indicators: { method: 'get', path: '/indicators', summary: 'The indicators and how each is judged', access: 'read', responses: { 200: indicatorListSchema, ...refusals(...ANY) } },
  node: { method: 'get', path: '/nodes/:id', summary: 'A node as its level sees it: values, the episodes that reached it, counts of what is settled below', access: 'read', params: idParams, responses: { 200: nodeViewSchema, ...refusals(404, ...ANY) } },
  series: {
    method: 'get', path: '/series', summary: 'One node\'s series of one indicator (CSV with Accept: text/csv or format=csv)', access: 'read', csv: 'out',
    query: seriesRouteQuerySchema, responses: { 200: seriesSchema, ...refusals(400, 404, ...ANY) },
  },
  episodes: {
    method: 'get', path: '/episodes', summary: 'A page of episodes, newest last (CSV with Accept: text/csv or format=csv)', access: 'read', csv: 'out',
    query: episodesRouteQuerySchema, responses: { 200: episodeListSchema, ...refusals(400, 404, ...ANY) },
  },
  episode: { method: 'get', path: '/episodes/:id', summary: 'One episode with its whole path', access: 'read', params: idParams, responses: { 200: episodeSchema, ...refusals(404, ...ANY) } },
  findings: { method: 'get', path: '/findings', summary: 'Data-quality findings: published totals that differ from the sums', access: 'read', query: findingsQuerySchema, responses: { 200: z.object({ findings: z.array(dataQualityViewSchema) }), ...refusals(400, 404, ...ANY) } },
  recordFindings: { method: 'post', path: '/findings', summary: 'Record data-quality findings (admin)', access: 'admin', body: findingsBodySchema, responses: { 200: findingsResultSchema, ...refusals(400, 403, 413, 422, ...ANY) } },
  policy: { method: 'get', path: '/policies/:version', summary: 'The configuration in force as one policy version', access: 'read', params: policyParamsSchema, responses: { 200: policyVersionSchema, ...refusals(400, 404, ...ANY) } },
  events: { method: 'get', path: '/events', summary: 'The append-only log, a page at a time', access: 'read', query: eventsQuerySchema, responses: { 200: eventsPageSchema, ...refusals(400, ...ANY) } },
  postReadings: {
    method: 'post', path: '/readings', summary: 'Post readings, all or nothing: one, {"readings": [...]}, or CSV (unit,indicator,ts,value) with Content-Type: text/csv', access: 'token', csv: 'in',
    body: readingsBodySchema, responses: { 200: readingsResultSchema, ...refusals(400, 403, 413, 422, ...ANY) },
  },
  acknowledge: { method: 'post', path: '/episodes/:id/acknowledge', summary: 'Acknowledge an episode (its holder\'s reporter, or a coordinator of the holder or above)', access: 'token', params: idParams, body: acknowledgeBodySchema, responses: { 200: episodeSchema, ...refusals(400, 403, 404, 409, ...ANY) } },
  note: { method: 'post', path: '/episodes/:id/notes', summary: 'Add a note to an open episode (as acknowledge)', access: 'token', params: idParams, body: noteBodySchema, responses: { 200: episodeSchema, ...refusals(400, 403, 404, 409, ...ANY) } },
  issueToken: { method: 'post', path: '/tokens', summary: 'Issue a reporter or coordinator token (admin); the secret is shown once', access: 'admin', body: tokenRequestSchema, responses: { 201: tokenResponseSchema, ...refusals(400, 403, 422, ...ANY) } },
  tokens: { method: 'get', path: '/tokens', summary: 'Every issued token, never the secrets (admin)', access: 'admin', responses: { 200: tokenListSchema, ...refusals(403, ...ANY) } },
  revokeToken: { method: 'delete', path: '/tokens/:id', summary: 'Revoke a token (admin)', access: 'admin', params: tokenParamsSchema, responses: { 200: tokenInfoSchema, ...refusals(400, 403, 404, ...ANY) } },
  webhooks: { method: 'get', path: '/webhooks', summary: 'The webhook receivers, from the configuration and added by the admin; never a secret (admin)', access: 'admin', responses: { 200: webhookListSchema, ...refusals(403, ...ANY) } },
  addWebhook: {
    method: 'post', path: '/webhooks', summary: 'Add a webhook receiver for a node\'s subtree (admin); it hears the signals from then on', access: 'admin',
    body: webhookConfigSchema, responses: { 201: webhookViewSchema, ...refusals(400, 403, 409, 422, ...ANY) },
  },
  removeWebhook: { method: 'delete', path: '/webhooks/:name', summary: 'Remove a receiver the admin added; what it still owed is given up (admin)', access: 'admin', params: webhookParamsSchema, responses: { 200: webhookViewSchema, ...refusals(403, 404, 409, ...ANY) } },
  webhookDeliveries: {
    method: 'get', path: '/webhooks/deliveries', summary: 'The webhook delivery log, newest first: each signal with every attempt (admin)', access: 'admin',
    query: deliveriesQuerySchema, responses: { 200: deliveryListSchema, ...refusals(400, 403, ...ANY) },
  },
  stateAt: { method: 'get', path: '/state', summary: 'The whole tree as it stood at an instant: values, coverage and the episodes open then (replay)', access: 'read', query: stateQuerySchema, responses: { 200: stateAtSchema, ...refusals(400, 404, 503, ...ANY) } },
  nodeAt: {
    method: 'get', path: '/state/nodes/:id', summary: 'One node as its room saw it at an instant, in the shape of the live snapshot (the replayed wall)', access: 'read',
    params: idParams, query: stateQuerySchema, responses: { 200: snapshotEventSchema, ...refusals(400, 404, 503, ...ANY) },
  },
  timeline: { method: 'get', path: '/timeline', summary: 'Escalations over the log\'s span, bucketed, for the replay timeline', access: 'read', query: timelineQuerySchema, responses: { 200: timelineSchema, ...refusals(400, ...ANY) } },
  startWhatif: {
    method: 'post', path: '/whatif', summary: 'Rerun the stored inputs of a span under another policy, in a sandbox: 200 with both runs when the span is short, else 202 with a job to follow', access: 'read',
    body: whatifBodySchema, responses: { 200: whatifJobSchema, 202: whatifJobSchema, ...refusals(400, 404, 413, 422, 503, ...ANY) },
  },
  whatif: { method: 'get', path: '/whatif/:id', summary: 'A what-if job: its progress, then both runs side by side', access: 'read', params: idParams, responses: { 200: whatifJobSchema, ...refusals(404, ...ANY) } },
  cancelWhatif: { method: 'delete', path: '/whatif/:id', summary: 'Cancel a running what-if job (a finished one is answered as it is)', access: 'read', params: idParams, responses: { 200: whatifJobSchema, ...refusals(404, ...ANY) } },
  report: {
    method: 'get', path: '/report', summary: 'The report of a span for a node\'s subtree: where episodes were settled, time held per level, what climbed most (CSV with format=csv)', access: 'read', csv: 'out',
    query: reportQuerySchema, responses: { 200: reportSchema, ...refusals(400, 404, ...ANY) },
  },
  openapi: { method: 'get', path: '/openapi.json', summary: 'This API as an OpenAPI 3.1 document', access: 'public', responses: { 200: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }) } },
  reference: { method: 'get', path: '/reference', summary: 'A reference page rendering the OpenAPI document', access: 'public', produces: 'text/html', responses: { 200: z.string() } },
} as const satisfies Record<string, RouteDef>;

export type Api = typeof api;
export type RouteName = keyof Api;
/** The JSON a route answers with `status`. */
export type Answer<R extends RouteDef, S extends keyof R['responses']> = R['responses'][S] extends z.ZodType ? z.output<R['responses'][S]> : never;

/** `/episodes/:id` with `{id: 'E 1'}` → `/episodes/E%201` (relative to /api). */
export function pathOf(route: RouteDef, params: Record<string, string | number> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs :${name}`);
    return encodeURIComponent(String(value));
  });
}
