import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { RouteDef } from '../../shared/contract/routes';

/** What a handler answers: a status its route lists in the contract, with a body of that status's schema. */
export type Answer<R extends RouteDef> = {
  [S in keyof R['responses'] & number]: { status: S; body: z.input<R['responses'][S]> };
}[keyof R['responses'] & number];

/**
 * A route's handler returns its answer; the router writes it. A handler that writes a body of another
 * kind itself (CSV, the HTML reference page, the event log's own JSON text) returns nothing. Refusals
 * are thrown (AppError) and written by the one error handler.
 */
export type Handler<R extends RouteDef> = (req: Request, res: Response) => Answer<R> | void | Promise<Answer<R> | void>;

export const ok = <B>(body: B) => ({ status: 200 as const, body });

/** The express handler for a route's handler (express 5 passes a rejected promise to the error handler). */
export function answering<R extends RouteDef>(handler: Handler<R>): RequestHandler {
  return async (req, res) => {
    const answer = await handler(req, res);
    if (answer) res.status(answer.status).json(answer.body);
  };
}

/** Registers a route from its contract entry: guards and middleware first, its handler last. */
export type On = <R extends RouteDef>(route: R, ...chain: [...RequestHandler[], Handler<R>]) => void;
