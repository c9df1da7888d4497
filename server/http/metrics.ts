import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../app/errors';
import type { Metrics } from '../observe/metrics';
import type { TokenStore } from '../storage/tokens';
import { bearerToken } from './auth';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for a scraper: the admin token, or OPSROOM_METRICS_TOKEN when set (a token that can
 * read figures and nothing else, for the Prometheus configuration). Never open, not even on loopback:
 * behind a reverse proxy every request comes from loopback.
 */
export function metricsRoute(metrics: Metrics, tokens: TokenStore, metricsToken: string | undefined): RequestHandler {
  const expected = metricsToken === undefined ? null : digest(metricsToken);
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    if (token === null) return next(new AppError(401, 'unauthorized', '/metrics needs "Authorization: Bearer <token>": the admin token or OPSROOM_METRICS_TOKEN'));
    const isMetricsToken = expected !== null && timingSafeEqual(digest(token), expected);
    const verified = isMetricsToken ? null : tokens.verify(token);
    if (verified && 'refused' in verified) return next(new AppError(401, 'unauthorized', `${verified.refused} token`));
    if (verified && verified.actor.role !== 'admin') {
      return next(new AppError(403, 'forbidden', '/metrics is for the admin token or OPSROOM_METRICS_TOKEN'));
    }
    metrics.registry.metrics().then((text) => {
      res.set('Content-Type', metrics.registry.contentType).set('Cache-Control', 'no-store').send(text);
    }, next);
  };
}
