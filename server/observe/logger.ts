import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Where a secret or a person's words could appear in a log line: the Authorization header (every
 * token), a cookie, and any body. Bodies are never logged at all (notes, token answers); these paths
 * are the belt to that braces.
 */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.body', 'token', 'note', '*.token', '*.note'];

/** JSON lines on stdout; pretty (and synchronous) when a person is watching a terminal. */
export function createLogger(level: LogLevel, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const settings = { level, base: { service: 'opsroom' }, redact: { paths: REDACT, censor: '[redacted]' } };
  if (options.pretty) return pino(settings, pretty({ sync: true, colorize: true, ignore: 'pid,hostname,service' }));
  return pino(settings, options.destination ?? pino.destination({ sync: true }));
}

/** A logger that writes nothing: what a test server gets unless it asks for one. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/**
 * One line per request with its id (the caller's X-Request-Id when it is a sane one, else a new
 * UUID, echoed back) and only the method, the path without its query (queries can name nodes, never
 * tokens, but stay out of it), the status and the time taken.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // A 503 is the store refusing a write (the answer says when to retry): expected during an outage, so a warning, not an error per request.
    customLogLevel: (_req, res, error) => (res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0], remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http makes an Error for every 5xx answer; its stack points into pino-http, never at the cause.
      err: (error: Error) => (/^failed with status code \d+$/.test(error.message) ? { message: error.message } : pino.stdSerializers.err(error)),
    },
  });
}
