import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConfig, type Config } from '../shared/config';
import { parseDuration } from '../shared/duration';
import { buildModel, readingsAt } from './sim/model';
import { DEFAULT_SEED, defaultInterval, startSimulator } from './sim/index';

const USAGE = `Simulated units posting to an opsroom server, as real units would.

  npm run simulate -- [--url http://localhost:3000] [--admin-token <token>] [--config data/example.json]
                      [--seed 1971] [--interval 15s]
  npm run simulate -- --dry-run [--ticks 24] [--config ...] [--seed ...]   print readings as JSON lines, post nothing

  --admin-token  (or --token, or OPSROOM_ADMIN_TOKEN) issues a reporter token for every unit
  --interval     time between ticks (default: the shortest indicator period, between 1 s and 1 min)`;

const argsSchema = z.object({
  url: z.url(),
  adminToken: z.string().min(1).optional(),
  configPath: z.string(),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1),
  intervalMs: z.number().int().positive().optional(),
  dryRun: z.boolean(),
  ticks: z.coerce.number().int().positive(),
});

function readConfig(path: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the configuration ${path}: ${(error as Error).message}`);
  }
  return parseConfig(raw, `the configuration ${path}`);
}

function parseInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : parseDuration(text);
  if (ms === null || ms < 100) throw new Error(`--interval: "${text}" is not a duration of at least 100 ms (e.g. 15s, 1m)`);
  return ms;
}

function main(): void {
  const { values } = parseArgs({
    strict: true,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      token: { type: 'string' },
      'admin-token': { type: 'string' },
      config: { type: 'string', default: resolve(__dirname, '../data/example.json') },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      interval: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      ticks: { type: 'string', default: '24' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const parsed = argsSchema.safeParse({
    url: values.url,
    adminToken: values['admin-token'] ?? values.token ?? process.env.OPSROOM_ADMIN_TOKEN,
    configPath: values.config,
    seed: values.seed,
    intervalMs: parseInterval(values.interval),
    dryRun: values['dry-run'],
    ticks: values.ticks,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const args = parsed.data;
  const config = readConfig(args.configPath);
  const intervalMs = args.intervalMs ?? defaultInterval(config);

  if (args.dryRun) {
    const model = buildModel(config, { seed: args.seed, tickMs: intervalMs });
    const start = Date.parse('2026-12-07T00:00:00Z');
    for (let tick = 0; tick < args.ticks; tick++) {
      for (const reading of readingsAt(model, tick, new Date(start + tick * intervalMs).toISOString())) console.log(JSON.stringify(reading));
    }
    return;
  }
  if (args.adminToken === undefined) throw new Error('--admin-token is needed (or OPSROOM_ADMIN_TOKEN): it issues a reporter token for every unit');
  const simulator = startSimulator({ url: args.url, adminToken: args.adminToken, config, seed: args.seed, intervalMs, log: (line) => console.log(line) });
  console.log(`simulate: ${config.name} → ${args.url}, Ctrl-C to stop`);
  const stop = () => {
    simulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  console.error(`simulate: ${(error as Error).message}`);
  process.exit(1);
}
