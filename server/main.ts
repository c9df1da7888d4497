import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import { Opsroom } from './app/opsroom';
import { Scheduler } from './app/scheduler';
import { readSettings, REPO_ROOT } from './config';
import { createHttpApp } from './http/app';
import { startSimulator } from '../scripts/sim';
import { attachRealtime } from './realtime/publisher';

export interface StartOptions {
  config: Config | unknown;
  dbPath: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  adminToken?: string;
  quiet?: boolean;
  clientDir?: string;
  clock?: (() => number) | 'frozen';
}

export interface Running {
  url: string;
  port: number;
  room: Opsroom;
  /** Printed once when the admin token was generated at first start. */
  generatedAdminToken: string | null;
  close(): Promise<void>;
}

/** The composition root: database and engine, HTTP, socket.io and the scheduler on one port. */
export async function start(options: StartOptions): Promise<Running> {
  const config = parseConfig(options.config);
  const room = new Opsroom({ config, dbPath: options.dbPath, clock: options.clock });
  const generatedAdminToken = room.tokens.ensureAdmin(options.adminToken);
  const app = createHttpApp(room, options.clientDir ?? resolve(REPO_ROOT, 'client/dist'));
  const http = createServer(app);
  const realtime = attachRealtime(http, room);
  const scheduler = new Scheduler(room);
  if (options.clock !== 'frozen') scheduler.start(); // a held clock never reaches another deadline
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 3000, options.host ?? '0.0.0.0', () => done());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
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

async function main(): Promise<void> {
  const settings = readSettings();
  const running = await start({
    config: settings.config, dbPath: settings.dbPath, port: settings.port, adminToken: settings.adminToken,
    clock: settings.frozenClock ? 'frozen' : undefined,
  });
  if (settings.frozenClock) console.log(`opsroom: the clock is held at ${new Date(running.room.clock()).toISOString()}, where the log ends`);
  console.log(`opsroom: ${settings.config.name} (${settings.configPath})`);
  console.log(`opsroom: database ${settings.dbPath}`);
  if (running.generatedAdminToken) {
    console.log(`opsroom: admin token (shown once; set OPSROOM_ADMIN_TOKEN to choose your own): ${running.generatedAdminToken}`);
  }
  console.log(`opsroom: the ops room is at ${running.url}`);
  const simulator = settings.demo
    ? startSimulator({ url: running.url, adminToken: running.room.tokens.sessionAdmin(), config: settings.config, log: (line) => console.log(line) })
    : null;
  if (simulator) console.log('opsroom: demo mode: the built-in simulator is posting readings as the units would (set OPSROOM_CONFIG to use your own network)');
  const shutdown = () => {
    simulator?.stop();
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`opsroom: ${(error as Error).message}`);
    process.exit(1);
  });
}
