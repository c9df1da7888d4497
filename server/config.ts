import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseConfig, type Config } from '../shared/config';
import { parseDuration } from '../shared/duration';
import { DEFAULT_CHECKPOINT_LIMITS, type CheckpointLimits } from './app/checkpoint-rule';
import { LOG_LEVELS, type LogLevel } from './observe/logger';
import { DEFAULT_DELIVERY, type DeliverySettings } from './app/webhook-delivery';
import { DEFAULT_MAX_PENDING } from './app/webhooks';

export const REPO_ROOT = resolve(__dirname, '..');
export const EXAMPLE_CONFIG = resolve(REPO_ROOT, 'data/example.json');

const duration = (name: string, fallback: string) => z.string().default(fallback).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null) ctx.addIssue({ code: 'custom', message: `${name} must be a duration such as 500ms, 30s or 5m, not "${text}"` });
  return ms ?? 0;
});

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
  /** A checkpoint once this many readings, or inputs, were logged after the last, or it is this old: what bounds a restart. */
  OPSROOM_CHECKPOINT_READINGS: z.coerce.number().int().min(1).default(DEFAULT_CHECKPOINT_LIMITS.readings),
  OPSROOM_CHECKPOINT_INPUTS: z.coerce.number().int().min(1).default(DEFAULT_CHECKPOINT_LIMITS.inputs),
  OPSROOM_SEEK_CHECKPOINTS: z.coerce.number().int().min(0).max(1000).default(DEFAULT_CHECKPOINT_LIMITS.ladder),
  OPSROOM_CHECKPOINT_AGE: z.string().default('5m').transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) ctx.addIssue({ code: 'custom', message: `OPSROOM_CHECKPOINT_AGE must be a duration such as 30s or 5m, not "${text}"` });
    return ms ?? 0;
  }),
  /** Retention: readings older than this (engine time), once a checkpoint covers them, are deleted from the log. */
  OPSROOM_RETAIN: z.string().optional().transform((text, ctx) => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === null) ctx.addIssue({ code: 'custom', message: `OPSROOM_RETAIN must be a duration such as 30d, not "${text}"` });
    return ms ?? undefined;
  }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Webhooks: the first retry's longest wait (doubling after each failure, up to the cap), attempts before giving up, one POST's timeout. */
  OPSROOM_WEBHOOK_BACKOFF: duration('OPSROOM_WEBHOOK_BACKOFF', `${DEFAULT_DELIVERY.backoff.baseMs}ms`),
  OPSROOM_WEBHOOK_BACKOFF_CAP: duration('OPSROOM_WEBHOOK_BACKOFF_CAP', `${DEFAULT_DELIVERY.backoff.capMs}ms`),
  OPSROOM_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_DELIVERY.maxAttempts),
  OPSROOM_WEBHOOK_TIMEOUT: duration('OPSROOM_WEBHOOK_TIMEOUT', `${DEFAULT_DELIVERY.timeoutMs}ms`),
  OPSROOM_WEBHOOK_POLL: duration('OPSROOM_WEBHOOK_POLL', `${DEFAULT_DELIVERY.pollMs}ms`),
  /** How long the delivery log keeps a signal delivered or given up. */
  OPSROOM_WEBHOOK_KEEP: duration('OPSROOM_WEBHOOK_KEEP', `${DEFAULT_DELIVERY.keepMs}ms`),
  /** Signals that may wait for one receiver (down, say); past it the oldest are dropped, and the delivery log says so. */
  OPSROOM_WEBHOOK_PENDING_MAX: z.coerce.number().int().min(1).default(DEFAULT_MAX_PENDING),
  /** The address receivers link back to (a webhook body's externalURL and generatorURL). */
  OPSROOM_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'OPSROOM_PUBLIC_URL must be an http(s) URL' }).optional(),
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
  checkpoints: CheckpointLimits;
  retainMs?: number;
  logLevel: LogLevel;
  metricsToken?: string;
  webhooks: WebhookSettings;
}

export interface WebhookSettings {
  delivery: Partial<DeliverySettings>;
  externalUrl?: string;
  /** Signals that may wait for one receiver before the oldest are dropped. */
  maxPending?: number;
  /** A signing secret by its variable's name, from the environment read here. */
  secretOf: (envName: string) => string | undefined;
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
    checkpoints: { readings: env.OPSROOM_CHECKPOINT_READINGS, inputs: env.OPSROOM_CHECKPOINT_INPUTS, ageMs: env.OPSROOM_CHECKPOINT_AGE, ladder: env.OPSROOM_SEEK_CHECKPOINTS },
    ...(env.OPSROOM_RETAIN === undefined ? {} : { retainMs: env.OPSROOM_RETAIN }),
    logLevel: env.LOG_LEVEL, metricsToken: env.OPSROOM_METRICS_TOKEN,
    webhooks: {
      delivery: { backoff: { baseMs: env.OPSROOM_WEBHOOK_BACKOFF, capMs: env.OPSROOM_WEBHOOK_BACKOFF_CAP }, maxAttempts: env.OPSROOM_WEBHOOK_ATTEMPTS, timeoutMs: env.OPSROOM_WEBHOOK_TIMEOUT, pollMs: env.OPSROOM_WEBHOOK_POLL,
        keepMs: env.OPSROOM_WEBHOOK_KEEP },
      maxPending: env.OPSROOM_WEBHOOK_PENDING_MAX,
      ...(env.OPSROOM_PUBLIC_URL === undefined ? {} : { externalUrl: env.OPSROOM_PUBLIC_URL }),
      secretOf: (name) => environment[name],
    },
  };
}
