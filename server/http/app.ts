import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ERROR_ISSUES } from '../../shared/api';
import { AppError } from '../app/errors';
import { toIso } from '../domain/time';
import type { Opsroom } from '../app/opsroom';
import { identify, requireActorForWrites } from './auth';
import { DEFAULT_RATE_LIMITS, failedAuthLimit, securityHeaders, writesPerTokenLimit, type RateLimits } from './guards';
import { apiRoutes } from './routes';
import { metricsRoute } from './metrics';
import type { Logger } from '../observe/logger';
import { httpLogger, silentLogger } from '../observe/logger';
import type { Metrics, Refusal } from '../observe/metrics';

export const BODY_LIMIT = '4mb';

export interface Observers {
  logger: Logger;
  metrics?: Metrics;
  /** Who may read /metrics besides the admin token. */
  metricsToken?: string;
}

/** The express app: the API under /api, /metrics, and the built ops room client everywhere else. */
export function createHttpApp(room: Opsroom, clientDir: string, limits: RateLimits = DEFAULT_RATE_LIMITS, observers: Observers = { logger: silentLogger() }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpLogger(observers.logger));
  if (observers.metrics) app.use(observers.metrics.observe);
  app.use(securityHeaders());
  // One failed-authentication limit for /metrics and the API: guessing a metrics token costs the same.
  const authLimit = failedAuthLimit(limits);
  if (observers.metrics) app.get('/metrics', authLimit, metricsRoute(observers.metrics, room.tokens, observers.metricsToken));
  // Liveness first: a probe's stale token must not fail it.
  app.get('/api/health', (_req, res) => {
    const store = room.storeStatus();
    const clock = room.clockReport();
    res.json({
      status: store.ok ? 'ok' : 'degraded', ready: true, now: clock.engine, events: room.log.lastSeq(), policyVersion: room.engine.policy.version,
      store, clock: { ...clock, applied: Number.isFinite(room.engine.state.now) ? toIso(room.engine.state.now) : null }, sinceCheckpoint: room.sinceCheckpoint(),
    });
  });
  // Who asks comes before the body: an unknown token or an anonymous write is refused unread.
  app.use('/api', authLimit, identify(room.tokens), requireActorForWrites, writesPerTokenLimit(limits), express.json({ limit: BODY_LIMIT }), apiRoutes(room));
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('text').send('opsroom API is running. Build the ops room client with `npm run build`.'));
  }
  app.use(errorHandler);
  return app;
}

/** The field a refusal names, for /metrics: `readings.3.ts` → `ts`, a CSV's `line 4, column value` → `value` (never the line: labels stay few). */
export function refusalField(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return /column (\w+)$/.exec(path)?.[1] ?? path.split('.').at(-1);
}

/** The one error handler: every refusal is `{"error": {"code", "message", "issues"?}}` with its status. */
function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
    const issues = error.issues;
    res.locals.refusal = { code: error.code, field: refusalField(issues?.[0]?.path) } satisfies Refusal;
    // A 10,000-reading batch can carry tens of thousands of problems: name the first, count them all.
    const listed = issues ? (issues.length > MAX_ERROR_ISSUES ? { issues: issues.slice(0, MAX_ERROR_ISSUES), issueCount: issues.length } : { issues }) : {};
    res.status(error.status).json({ error: { code: error.code, message: error.message, ...listed } });
    return;
  }
  const http = error as { type?: string; status?: number; message?: string };
  if (http.type === 'entity.too.large') {
    res.locals.refusal = { code: 'too_large' } satisfies Refusal;
    res.status(413).json({ error: { code: 'too_large', message: `the body is larger than ${BODY_LIMIT}; split the batch` } });
    return;
  }
  if (http.type === 'entity.parse.failed') {
    res.locals.refusal = { code: 'invalid_json' } satisfies Refusal;
    res.status(400).json({ error: { code: 'invalid_json', message: `the body is not valid JSON: ${http.message ?? ''}`.trim() } });
    return;
  }
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
    res.status(http.status).json({ error: { code: http.type ?? 'bad_request', message: http.message ?? 'bad request' } });
    return;
  }
  req.log.error({ err: error }, 'unexpected error; answered 500');
  res.status(500).json({ error: { code: 'internal', message: 'internal error; nothing was changed' } });
}
