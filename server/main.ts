import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import { Opsroom } from './app/opsroom';
import type { CheckpointLimits } from './app/checkpoint-rule';
import type { WhatifLimits } from './app/whatif-jobs';
import { DEFAULT_CLOCK_RULES, SteadyClock } from './app/clock';
import { Scheduler } from './app/scheduler';
import { readSettings, REPO_ROOT, type Settings, type WebhookSettings } from './config';
import { createHttpApp } from './http/app';
import type { RateLimits } from './http/guards';
import { attachRealtime } from './realtime/publisher';
import { createLogger, silentLogger, type Logger } from './observe/logger';
import { createMetrics } from './observe/metrics';
import { drainAndClose } from './shutdown';
import { WebhookDelivery } from './app/webhook-delivery';

export interface StartOptions {
  config: Config | unknown;
  dbPath: string;
  /** 0 picks a free port. */
  port?: number;
  /** The interface to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Failed-authentication and per-token write limits (server/http/guards.ts). */
  rateLimits?: RateLimits;
  /** express's `trust proxy` (unset: the address is the socket's). */
  trustProxy?: string | number;
  adminToken?: string;
  /** Also reads /metrics (the admin token always does). */
  metricsToken?: string;
  /** Where the server logs; silent unless given. */
  logger?: Logger;
  quiet?: boolean;
  clientDir?: string;
  /** Injected (tests, importers), frozen, or by default the wall clock guarded against steps (SteadyClock). */
  clock?: (() => number) | 'frozen' | SteadyClock;
  checkpoints?: Partial<CheckpointLimits>;
  retainMs?: number;
  /** When a what-if runs as a job in a worker thread, and how many at once (server/app/whatif-jobs.ts). */
  whatif?: Partial<WhatifLimits>;
  /** Webhook delivery (retries, timeout), the address receivers link to and where secrets are read; `deliver: false` enqueues without sending. */
  webhooks?: Partial<WebhookSettings> & { deliver?: boolean };
}

export interface Running {
  url: string;
  port: number;
  room: Opsroom;
  /** Printed once when the admin token was generated at first start. */
  generatedAdminToken: string | null;
  logger: Logger;
  /** Stops accepting, lets the requests in flight finish, tells the sockets `reason`, snapshots and closes the database. */
  close(reason?: string): Promise<void>;
}

const LOCAL = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/** The composition root: database and engine, HTTP, socket.io and the scheduler on one port. */
export async function start(options: StartOptions): Promise<Running> {
  const host = options.host ?? '127.0.0.1';
  const config = parseConfig(options.config);
  const logger = options.logger ?? silentLogger();
  const opening = performance.now();
  const steady = options.clock instanceof SteadyClock ? options.clock : options.clock === undefined ? new SteadyClock(Date.now, () => performance.now(), DEFAULT_CLOCK_RULES, (message) => logger.warn(message)) : null;
  const room = new Opsroom({
    config, dbPath: options.dbPath, checkpoints: options.checkpoints, retainMs: options.retainMs, logger, whatif: options.whatif,
    clock: steady ? () => steady.now() : (options.clock as (() => number) | 'frozen'),
    ...(steady ? { clockReport: () => steady.report() } : {}),
    webhooks: { externalUrl: options.webhooks?.externalUrl, secretOf: options.webhooks?.secretOf ?? (() => undefined), maxPending: options.webhooks?.maxPending },
  });
  const replaySeconds = (performance.now() - opening) / 1000;
  const generatedAdminToken = room.tokens.ensureAdmin(options.adminToken);
  let socketClients = () => 0;
  const metrics = createMetrics({ room, dbPath: options.dbPath, replaySeconds, socketClients: () => socketClients() });
  const app = createHttpApp(room, options.clientDir ?? resolve(REPO_ROOT, 'client/dist'), options.rateLimits, { logger, metrics, metricsToken: options.metricsToken });
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const http = createServer(app);
  const realtime = attachRealtime(http, room);
  socketClients = () => realtime.io.engine.clientsCount;
  const scheduler = new Scheduler(room, logger);
  if (options.clock !== 'frozen') scheduler.start(); // a held clock never reaches another deadline
  for (const receiver of room.webhooks.views()) {
    if (receiver.secretEnv !== null && !receiver.signed) logger.warn({ webhook: receiver.name }, `opsroom: webhook "${receiver.name}" names ${receiver.secretEnv}, which is not set: its deliveries go unsigned`);
  }
  const delivery = new WebhookDelivery({ webhooks: room.webhooks, logger }, options.webhooks?.delivery);
  if (options.webhooks?.deliver !== false) {
    room.onEffects(() => setImmediate(() => delivery.kick())); // after the step's transaction, off the request
    delivery.start();
  }
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 3000, host, () => done());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${LOCAL.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed = false;
  return {
    url,
    port,
    room,
    generatedAdminToken,
    logger,
    close: async (reason?: string) => {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await drainAndClose(http, () => realtime.close(reason));
      await delivery.stop();
      metrics.stop();
      room.close();
    },
  };
}

/** Something a launcher runs beside the server (the demo's simulator, say); stopped before the server closes. */
export interface Attachment {
  stop(): void;
}

export interface EntryOptions {
  /** Defaults to process.env; read once, through readSettings. */
  environment?: NodeJS.ProcessEnv;
  /** Called once the server listens and its banner is printed; what it returns runs until shutdown. */
  onStarted?: (running: Running, settings: Settings) => Attachment | null;
}

/**
 * The program: reads the settings, starts the server, prints the banner, lets the launcher attach
 * what it brings, and closes everything on SIGINT or SIGTERM. Knows nothing of what is attached.
 */
export async function runFromEnvironment(options: EntryOptions = {}): Promise<Running> {
  const settings = readSettings(options.environment);
  const logger = createLogger(settings.logLevel, { pretty: process.stdout.isTTY });
  const running = await start({
    config: settings.config, dbPath: settings.dbPath, port: settings.port, host: settings.host, trustProxy: settings.trustProxy, adminToken: settings.adminToken,
    metricsToken: settings.metricsToken, logger, clock: settings.frozenClock ? 'frozen' : undefined, checkpoints: settings.checkpoints, retainMs: settings.retainMs,
    webhooks: settings.webhooks,
  });
  const { replayed } = running.room;
  if (replayed.inputs > 0) logger.info({ replayed }, `opsroom: replayed ${replayed.inputs} inputs (${replayed.readings} readings) logged after the checkpoint at event ${replayed.fromSeq}, and caught up, in ${replayed.ms} ms`);
  if (settings.frozenClock) logger.info({ clock: new Date(running.room.clock()).toISOString() }, 'opsroom: the clock is held where the log ends');
  logger.info({ network: settings.config.name, config: settings.configPath, database: settings.dbPath }, `opsroom: ${settings.config.name}`);
  if (running.generatedAdminToken) {
    // Shown once to whoever started it, on the terminal: never a log line, which would keep it.
    process.stdout.write(`opsroom: admin token (shown once; set OPSROOM_ADMIN_TOKEN to choose your own): ${running.generatedAdminToken}\n`);
  }
  logger.info({ url: running.url }, `opsroom: the ops room is at ${running.url}`);
  let attached: Attachment | null;
  try {
    attached = options.onStarted?.(running, settings) ?? null;
  } catch (error) {
    await running.close();
    throw error;
  }
  if (settings.demo && !options.onStarted) {
    logger.warn('opsroom: demo settings, but this entry attaches nothing, so nothing posts readings: `npm start` (scripts/start.ts) runs the demo');
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'opsroom: shutting down: no new connections; finishing the requests in flight');
    attached?.stop();
    running.close(`the server is shutting down (${signal})`).then(() => {
      logger.info('opsroom: stopped cleanly');
      process.exit(0);
    }, (error: unknown) => {
      logger.error({ err: error }, 'opsroom: shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return running;
}

/** runFromEnvironment as a process: a failure to start prints its message and exits 1. */
export function main(options: EntryOptions = {}): void {
  runFromEnvironment(options).catch((error: unknown) => {
    process.stderr.write(`opsroom: ${(error as Error).message}\n`);
    process.exit(1);
  });
}

if (require.main === module) main();
