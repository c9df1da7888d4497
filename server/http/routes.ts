import { Router, type Request, type RequestHandler } from 'express';
import {
  acknowledgeBodySchema, episodeCursorText, NODE_VIEW_EPISODES, PAGE_MAX_CHARS, eventsQuerySchema, noteBodySchema,
  findingsBodySchema, findingsQuerySchema, policyParamsSchema, tokenParamsSchema, tokenRequestSchema, type Episode,
} from '../../shared/api';
import { EPISODES_CSV_COLUMNS, episodesCsvRows, SERIES_CSV_COLUMNS, seriesCsvRows } from '../../shared/contract/csv';
import { AppError } from '../app/errors';
import { tokenStatus, type Actor, type TokenInfo } from '../storage/tokens';
import type { Opsroom } from '../app/opsroom';
import { toIso } from '../domain/time';
import { requireActor, requireRead } from './auth';
import { sendCsv, wantsCsv } from './csv-out';
import { api, type RouteDef } from '../../shared/contract/routes';
import { scopeRefusal } from '../../shared/scope';
import { openApiDocument } from '../../shared/contract/openapi';
import { referencePage } from './reference-page';
import { parseOr400 } from './validate';
import { eventsPage } from './pages';
import { postReadings } from './readings-route';
import { noStore } from './guards';
import { timeline } from '../domain/timeline';
import { REPORT_CSV_COLUMNS, reportCsvRows, spanReport } from '../domain/report';
import { webhookRoutes } from './webhook-routes';
import { answering, ok, type Handler, type On } from './answer';

const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
const param = (req: Request, name: string) => String(req.params[name]);

export function apiRoutes(room: Opsroom): Router {
  const router = Router();
  const read = requireRead(() => room.engine.policy.config.publicRead);
  /** Each handler is registered from its entry in the contract: its method and path, and the read guard where it says `read`. */
  const on: On = <R extends RouteDef>(route: R, ...chain: [...RequestHandler[], Handler<R>]) => {
    const handler = chain[chain.length - 1] as Handler<R>;
    const middleware = chain.slice(0, -1) as RequestHandler[];
    router[route.method](route.path, ...(route.access === 'read' ? [read] : []), ...middleware, answering(handler));
  };
  const requireAdmin = (req: Request, what: string) => {
    const actor = requireActor(req);
    if (actor.role !== 'admin') throw new AppError(403, 'forbidden', `only the admin token ${what}`);
  };

  on(api.whoami, (req) => {
    const actor = requireActor(req);
    return ok({ role: actor.role, node: actor.node, name: actor.name });
  });

  on(api.hierarchy, (_req) => {
    const { hierarchy } = room.engine.policy;
    return ok({ name: room.engine.policy.config.name, levels: [...hierarchy.levels], nodes: hierarchy.all() });
  });

  on(api.indicators, (_req) => {
    return ok({ indicators: [...room.engine.policy.indicators.values()].map((indicator) => room.engine.policy.info(indicator)) });
  });

  on(api.node, (req) => ok(room.nodeView(param(req, 'id'), NODE_VIEW_EPISODES)));

  on(api.series, (req, res) => {
    const query = parseOr400(api.series.query, req.query, 'the query');
    const series = room.series(query.node, query.indicator, ms(query.from), ms(query.to));
    if (wantsCsv(req, query.format)) sendCsv(res, `${query.node}-${query.indicator}.csv`, SERIES_CSV_COLUMNS, seriesCsvRows(series));
    else return ok(series);
  });

  on(api.episodes, (req, res) => {
    const query = parseOr400(api.episodes.query, req.query, 'the query');
    const filter = { status: query.status, node: query.node, reached: query.reached, direction: query.direction, from: ms(query.from), to: ms(query.to), resolvedTo: ms(query.resolvedTo) };
    const page = room.episodeList(filter, { limit: query.limit, before: query.before, maxChars: PAGE_MAX_CHARS });
    const next = page.next ? episodeCursorText(page.next) : null;
    if (!wantsCsv(req, query.format)) return ok({ ...page, next });
    // The same page as the JSON; the older ones are asked for with `before`, as the Link header says.
    if (next !== null) {
      const more = new URLSearchParams(req.query as Record<string, string>);
      more.set('before', next);
      res.set('Link', `</api/episodes?${more.toString()}>; rel="next"`);
    }
    sendCsv(res, 'episodes.csv', EPISODES_CSV_COLUMNS, episodesCsvRows(page.episodes));
  });

  // An instant after the room's present is answered as of the present: the future is not in the log.
  const pastInstant = (at: string) => Math.min(Date.parse(at), room.clock());

  on(api.stateAt, async (req) => {
    const query = parseOr400(api.stateAt.query, req.query, 'the query');
    return ok(await room.seeks.stateAt(pastInstant(query.at)));
  });

  on(api.nodeAt, async (req) => {
    const query = parseOr400(api.nodeAt.query, req.query, 'the query');
    return ok(await room.seeks.nodeAt(pastInstant(query.at), param(req, 'id')));
  });

  on(api.timeline, (req) => {
    const query = parseOr400(api.timeline.query, req.query, 'the query');
    const span = room.log.inputSpan();
    const from = query.from === undefined ? span.first : Date.parse(query.from);
    const to = query.to === undefined ? (span.last === null ? null : Math.max(span.last, room.engine.state.now)) : Date.parse(query.to);
    return ok(timeline(room.episodes(), from, to, query.buckets));
  });

  on(api.report, (req, res) => {
    const query = parseOr400(api.report.query, req.query, 'the query');
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    const { hierarchy } = room.engine.policy;
    const node = query.node ?? hierarchy.root;
    const tree = {
      levels: hierarchy.levels,
      inSubtree: (id: string, root: string) => hierarchy.has(id) && hierarchy.inSubtree(id, root),
      levelOf: (id: string) => (hierarchy.has(id) ? hierarchy.node(id).level : hierarchy.levels[hierarchy.levels.length - 1]!),
    };
    const report = spanReport(room.episodes({ node }), tree, node, from, to);
    if (wantsCsv(req, query.format)) sendCsv(res, `report-${node}.csv`, REPORT_CSV_COLUMNS, reportCsvRows(report));
    else return ok(report);
  });

  // POST and DELETE need a token (every write does); GET is a read like the other planning routes.
  on(api.startWhatif, (req, res) => {
    const body = parseOr400(api.startWhatif.body, req.body, 'the what-if');
    const started = room.whatif.start(body);
    if (started.status === 202) res.set('Location', `/api/whatif/${started.job.id}`);
    return { status: started.status, body: started.job };
  });

  on(api.whatif, noStore, (req) => ok(room.whatif.get(param(req, 'id'))));

  on(api.cancelWhatif, (req) => ok(room.whatif.cancel(param(req, 'id'))));

  on(api.findings, (req) => {
    const query = parseOr400(findingsQuerySchema, req.query, 'the query');
    return ok({ findings: room.dataQuality(query) });
  });

  on(api.recordFindings, (req) => {
    requireAdmin(req, 'records data-quality findings');
    const body = parseOr400(findingsBodySchema, req.body, 'the findings');
    return ok(room.recordFindings(body.findings));
  });

  on(api.policy, (req) => {
    const { version } = parseOr400(policyParamsSchema, req.params, 'the path');
    return ok(room.policy(version));
  });

  on(api.episode, (req) => ok(room.episode(param(req, 'id'))));

  on(api.events, (req, res) => {
    const query = parseOr400(eventsQuerySchema, req.query, 'the query');
    res.type('json').send(eventsPage(room.log.rawPage(query.after, query.limit + 1), query.after, query.limit));
  });

  on(api.postReadings, postReadings(room));

  /** The one scope rule (shared/scope.ts), judged on the episode as it stands after catching up. */
  const scopeFor = (actor: Actor) => (episode: Episode) => {
    const { hierarchy } = room.engine.policy;
    const refusal = scopeRefusal(actor, episode, (node, ancestor) => hierarchy.has(node) && hierarchy.has(ancestor) && hierarchy.inSubtree(node, ancestor));
    if (refusal === 'resolved') throw new AppError(409, 'conflict', `episode ${episode.id} is resolved; nobody acts on it any more`);
    if (refusal !== null) {
      throw new AppError(403, 'forbidden', `episode ${episode.id} is held by ${episode.holder}; only a coordinator of ${episode.holder} or above, or its own reporter, can act on it`);
    }
  };

  on(api.acknowledge, (req) => {
    const actor = requireActor(req);
    const body = parseOr400(acknowledgeBodySchema, req.body ?? {}, 'the acknowledgement');
    return ok(room.acknowledge(param(req, 'id'), { by: actor.name, note: body.note ?? null, authorize: scopeFor(actor) }));
  });

  on(api.note, (req) => {
    const actor = requireActor(req);
    const body = parseOr400(noteBodySchema, req.body, 'the note');
    return ok(room.note(param(req, 'id'), { by: actor.name, note: body.note, authorize: scopeFor(actor) }));
  });

  const tokenJson = (info: TokenInfo) => ({
    ...info, createdAt: toIso(info.createdAt), expiresAt: info.expiresAt === null ? null : toIso(info.expiresAt),
    revokedAt: info.revokedAt === null ? null : toIso(info.revokedAt), status: tokenStatus(info, room.tokens.clock()),
  });

  on(api.issueToken, noStore, (req) => {
    requireAdmin(req, 'issues tokens');
    const body = parseOr400(tokenRequestSchema, req.body, 'the token request');
    if (!room.engine.policy.hierarchy.has(body.node)) throw new AppError(422, 'unprocessable', `no node "${body.node}"`, [{ path: 'node', message: 'unknown node' }]);
    if (body.role === 'reporter' && !room.engine.policy.hierarchy.isUnit(body.node)) {
      throw new AppError(422, 'unprocessable', `"${body.node}" is not a unit; reporter tokens are for units`, [{ path: 'node', message: 'not a unit' }]);
    }
    const issued = room.tokens.issue(body.role, body.node, body.name ?? `${body.role}@${body.node}`, { expiresInMs: body.expiresIn });
    return { status: 201 as const, body: { token: issued.token, ...tokenJson(issued.info) } };
  });

  on(api.tokens, noStore, (req) => {
    requireAdmin(req, 'lists tokens');
    return ok({ tokens: room.tokens.list().map(tokenJson) });
  });

  on(api.revokeToken, noStore, (req) => {
    requireAdmin(req, 'revokes tokens');
    const { id } = parseOr400(tokenParamsSchema, req.params, 'the path');
    const revoked = room.tokens.revoke(id);
    if (!revoked) throw new AppError(404, 'not_found', `no token "${id}"`);
    return ok(tokenJson(revoked));
  });

  webhookRoutes(on, room, requireAdmin);

  const document = openApiDocument({ title: 'opsroom API' });
  const reference = referencePage(document);
  // The document is built from the table itself; its schema checks only its frame (openapi, paths).
  on(api.openapi, (_req) => ok(document as unknown as { openapi: '3.1.0'; paths: Record<string, unknown> }));
  on(api.reference, (_req, res) => void res.type('html').send(reference)); // HTML: written here, not as JSON

  router.use((req) => {
    throw new AppError(404, 'not_found', `no route ${req.method} /api${req.path}`);
  });
  return router;
}
