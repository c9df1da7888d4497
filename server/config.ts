import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseConfig, type Config } from '../shared/config';
import { LOG_LEVELS, type LogLevel } from './observe/logger';

export const REPO_ROOT = resolve(__dirname, '..');
export const EXAMPLE_CONFIG = resolve(REPO_ROOT, 'data/example.json');

const environmentSchema = z.object({
  OPSROOM_CONFIG: z.string().min(1).optional(),
  OPSROOM_DB: z.string().min(1).default(resolve(REPO_ROOT, 'data/opsroom.db')),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default: this machine only. HOST=0.0.0.0 serves walls and units on other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Behind a reverse proxy: which proxies' X-Forwarded-For to believe (express's `trust proxy`: `loopback`, a hop count, addresses). */
  OPSROOM_TRUST_PROXY: z.string().min(1).optional(),
  OPSROOM_ADMIN_TOKEN: z.string().min(16, 'OPSROOM_ADMIN_TOKEN must be at least 16 characters').optional(),
  OPSROOM_SIMULATE: z.enum(['0', '1']).optional(),
  OPSROOM_CLOCK: z.enum(['live', 'frozen']).default('live'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** A token that reads /metrics and nothing else (the admin token reads it too). */
  OPSROOM_METRICS_TOKEN: z.string().min(16, 'OPSROOM_METRICS_TOKEN must be at least 16 characters').optional(),
});

export interface Settings {
  config: Config;
  configPath: string;
  /** No configuration was named: the example network runs, with the simulator feeding it. */
  demo: boolean;
  dbPath: string;
  port: number;
  host: string;
  /** express's `trust proxy`, so the failed-authentication limit counts clients, not the proxy. */
  trustProxy?: string | number;
  adminToken?: string;
  /** Hold the clock where the log ends, to review a backfilled winter as it stood on its last day. */
  frozenClock: boolean;
  logLevel: LogLevel;
  metricsToken?: string;
}

/** Read a configuration file; throws with a message naming the file and every problem in it. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the configuration ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`the configuration ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, `the configuration ${path}`);
}

/** A hop count is a number to express; anything else (`loopback`, addresses) is passed as written. */
const trustProxyOf = (text: string | undefined) => (text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : text);

/** The only reader of the environment. */
export function readSettings(environment: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) throw new Error(`the environment is not valid:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const env = parsed.data;
  const configPath = env.OPSROOM_CONFIG ? resolve(env.OPSROOM_CONFIG) : EXAMPLE_CONFIG;
  const demo = env.OPSROOM_SIMULATE ? env.OPSROOM_SIMULATE === '1' : !env.OPSROOM_CONFIG;
  return { config: loadConfigFile(configPath), configPath, demo, dbPath: resolve(env.OPSROOM_DB), port: env.PORT, host: env.HOST, trustProxy: trustProxyOf(env.OPSROOM_TRUST_PROXY), adminToken: env.OPSROOM_ADMIN_TOKEN, frozenClock: env.OPSROOM_CLOCK === 'frozen',
    logLevel: env.LOG_LEVEL, metricsToken: env.OPSROOM_METRICS_TOKEN,
  };
}
