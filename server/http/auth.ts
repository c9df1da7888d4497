import type { NextFunction, Request, Response } from 'express';
import type { Actor, TokenStore } from '../storage/tokens';
import { AppError } from '../app/errors';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor | null;
  }
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Reads the bearer token, if any: an unknown token is refused at once (401), no token leaves `actor` null. */
export const identify = (tokens: TokenStore) => (req: Request, _res: Response, next: NextFunction) => {
  const token = bearerToken(req.headers.authorization);
  if (token === null) {
    if (req.headers.authorization) return next(new AppError(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"'));
    req.actor = null;
    return next();
  }
  const verified = tokens.verify(token);
  if ('refused' in verified) return next(new AppError(401, 'unauthorized', REFUSED[verified.refused]));
  req.actor = verified.actor;
  next();
};

const REFUSED = { unknown: 'unknown token', revoked: 'this token has been revoked', expired: 'this token has expired' } as const;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isWrite = (req: Request) => WRITES.has(req.method);

/** Every write needs a token: refused before its body is read, so an anonymous body is never parsed. */
export const requireActorForWrites = (req: Request, _res: Response, next: NextFunction) => {
  if (isWrite(req) && !req.actor) return next(new AppError(401, 'unauthorized', 'this needs a token: send "Authorization: Bearer <token>"'));
  next();
};

export function requireActor(req: Request): Actor {
  if (!req.actor) throw new AppError(401, 'unauthorized', 'this needs a token: send "Authorization: Bearer <token>"');
  return req.actor;
}

/** Reading is open to every valid token, and to anyone when the configuration says `publicRead`. */
export const requireRead = (publicRead: () => boolean) => (req: Request, _res: Response, next: NextFunction) => {
  if (publicRead() || req.actor) return next();
  next(new AppError(401, 'unauthorized', 'reads need a token on this network: send "Authorization: Bearer <token>"'));
};

export const canPostFor = (actor: Actor, unit: string) => actor.role === 'admin' || (actor.role === 'reporter' && actor.node === unit);
