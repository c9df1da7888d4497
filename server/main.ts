import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import { Opsroom } from './app/opsroom';
import type { CheckpointLimits } from './app/checkpoint-rule';
import { SteadyClock } from './app/clock';
import { Scheduler } from './app/scheduler';
import { readSettings, REPO_ROOT, type Settings } from './config';
import { createHttpApp } from './http/app';
import type { RateLimits } from './http/guards';
import { attachRealtime } from './realtime/publisher';

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
  quiet?: boolean;
  clientDir?: string;
  /** Injected (tests, importers), frozen, or by default the wall clock guarded against steps (SteadyClock). */
  clock?: (() => number) | 'frozen' | SteadyClock;
  checkpoints?: Partial<CheckpointLimits>;
  retainMs?: number;
}

export interface Running {
  url: string;
  port: number;
  room: Opsroom;
  /** Printed once when the admin token was generated at first start. */
  generatedAdminToken: string | null;
  close(): Promise<void>;
}

const LOCAL = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/** The composition root: database and engine, HTTP, socket.io and the scheduler on one port. */
export async function start(options: StartOptions): Promise<Running> {
  const host = options.host ?? '127.0.0.1';
  const config = parseConfig(options.config);
  const steady = options.clock instanceof SteadyClock ? options.clock : options.clock === undefined ? new SteadyClock() : null;
  const room = new Opsroom({
    config, dbPath: options.dbPath, checkpoints: options.checkpoints, retainMs: options.retainMs,
    clock: steady ? () => steady.now() : (options.clock as (() => number) | 'frozen'),
    ...(steady ? { clockReport: () => steady.report() } : {}),
  });
  const generatedAdminToken = room.tokens.ensureAdmin(options.adminToken);
  const app = createHttpApp(room, options.clientDir ?? resolve(REPO_ROOT, 'client/dist'), options.rateLimits);
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const http = createServer(app);
  const realtime = attachRealtime(http, room);
  const scheduler = new Scheduler(room);
  if (options.clock !== 'frozen') scheduler.start(); // a held clock never reaches another deadline
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
    close: async () => {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await realtime.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
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
  const running = await start({
    config: settings.config, dbPath: settings.dbPath, port: settings.port, host: settings.host, trustProxy: settings.trustProxy, adminToken: settings.adminToken,
    clock: settings.frozenClock ? 'frozen' : undefined, checkpoints: settings.checkpoints, retainMs: settings.retainMs,
  });
  const { replayed } = running.room;
  if (replayed.inputs > 0) console.log(`opsroom: replayed ${replayed.inputs} inputs (${replayed.readings} readings) logged after the checkpoint at event ${replayed.fromSeq}, and caught up, in ${replayed.ms} ms`);
  if (settings.frozenClock) console.log(`opsroom: the clock is held at ${new Date(running.room.clock()).toISOString()}, where the log ends`);
  console.log(`opsroom: ${settings.config.name} (${settings.configPath})`);
  console.log(`opsroom: database ${settings.dbPath}`);
  if (running.generatedAdminToken) {
    console.log(`opsroom: admin token (shown once; set OPSROOM_ADMIN_TOKEN to choose your own): ${running.generatedAdminToken}`);
  }
  console.log(`opsroom: the ops room is at ${running.url}`);
  let attached: Attachment | null;
  try {
    attached = options.onStarted?.(running, settings) ?? null;
  } catch (error) {
    await running.close();
    throw error;
  }
  if (settings.demo && !options.onStarted) {
    console.log('opsroom: demo settings, but this entry attaches nothing, so nothing posts readings: `npm start` (scripts/start.ts) runs the demo');
  }
  const shutdown = () => {
    attached?.stop();
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return running;
}

/** runFromEnvironment as a process: a failure to start prints its message and exits 1. */
export function main(options: EntryOptions = {}): void {
  runFromEnvironment(options).catch((error: unknown) => {
    console.error(`opsroom: ${(error as Error).message}`);
    process.exit(1);
  });
}

if (require.main === module) main();
