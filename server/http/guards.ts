import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '../app/errors';
import { isWrite } from './auth';

export interface RateLimits {
  /** Failed authentications (401s) one address may have in `windowMs` before it is refused (429) for the rest of it. */
  failedAuth: number;
  /** Writes one reporter or coordinator token may make in `windowMs` (the admin token, importers' and simulator's, is not limited). */
  writesPerToken: number;
  windowMs: number;
}

/** Ten times what a busy network's unit posts, and far below what guessing a 192-bit token would need. */
export const DEFAULT_RATE_LIMITS: RateLimits = { failedAuth: 100, writesPerToken: 600, windowMs: 60_000 };

const tooMany = (what: string) => (_req: Request, res: Response, next: NextFunction, options: { windowMs: number }) => {
  res.set('Retry-After', String(Math.ceil(options.windowMs / 1000)));
  next(new AppError(429, 'too_many_requests', `${what}; try again in ${Math.ceil(options.windowMs / 1000)} s`));
};

/** Counts only the answers that were 401: once an address has too many, everything it asks is refused until the window passes. */
export const failedAuthLimit = (limits: RateLimits): RequestHandler =>
  rateLimit({
    windowMs: limits.windowMs,
    limit: limits.failedAuth,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    // Any client may send X-Forwarded-For; without OPSROOM_TRUST_PROXY it is ignored, not logged.
    validate: { xForwardedForHeader: false },
    handler: tooMany('too many failed authentications from this address'),
  });

/** Writes per issued token (after `identify`, so the token is known). */
export const writesPerTokenLimit = (limits: RateLimits): RequestHandler =>
  rateLimit({
    windowMs: limits.windowMs,
    limit: limits.writesPerToken,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => !isWrite(req) || !req.actor?.tokenId,
    keyGenerator: (req) => req.actor!.tokenId!,
    handler: tooMany('too many writes with this token'),
  });

/**
 * Security headers. The built client loads only its own scripts and styles; React and D3 set styles
 * through the DOM (allowed), and the socket goes to the same origin. No framing anywhere, no referrer,
 * no MIME sniffing. No upgrade-insecure-requests: a wall on a LAN is served over plain HTTP.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });

/** Token answers carry secrets or who holds what: never stored by a browser or a proxy. */
export const noStore = (_req: Request, res: Response, next: NextFunction) => {
  res.set('Cache-Control', 'no-store');
  next();
};
