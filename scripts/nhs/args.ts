import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseDuration } from '../../shared/duration';
import { DAY_MS, DEFAULT_ALLOWANCE_DAYS, LEVEL_ALIASES, LEVELS } from './catalogue';
import { isDate } from './sitreps';

const REPO_ROOT = resolve(__dirname, '../..');

export const USAGE = `Import NHS England winter sitreps (and monthly A&E) into opsroom.

  npm run import:nhs -- [--dir <folder>] [--season 2017-18 ...] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--ae]
                        [--db <file>] [--replace] [--config-out <file>] [--config-only]
                        [--allowances unit=1d,district=2d,region=3d]
  npm run import:nhs -- <same selection> --live --speed <seconds per day> --url <server> --token <token> [--token ...]

  --dir          the folder with nhs_regions.csv, nhs_icbs.csv, nhs_trusts.csv, winter_sitrep_daily.csv
                 (default: ../shared/data beside the repository)
  --season       a winter to import (repeat, or separate with commas); default: every season in the file
  --ae           also import monthly A&E attendances and 4-hour performance (both A&E files)
  --db           the database to backfill (default data/nhs.db); an existing one is refused unless --replace
  --config-out   where to write the generated configuration (default data/nhs.json; with --live, only if given)
  --config-only  write the configuration and print the summary; no backfill, no posting
  --allowances   days each level has before an episode passes up (levels: unit|trust, district|icb, region)
  --live         post the figures through the REST API instead of backfilling, one day every --speed seconds
  --token        an admin token (reporter tokens are issued per trust) or a trust's reporter token; repeatable

  A trust whose returns stop at least 14 days before the data ends is written with "closed" (no report is
  expected after its last reported day); an indicator nobody reports any more gets "noReport": false, and
  where the collection itself pauses (weekends in 2015-16, summers between winters) "noReport" is the
  longest pause. After a backfill, npx tsx scripts/episode-report.ts <db> lists its episodes level by level.`;

const optionsSchema = z.object({
  dir: z.string(),
  seasons: z.array(z.string().regex(/^\d{4}-\d{2}$/, 'a season looks like 2017-18')),
  from: z.string().refine(isDate, 'write a date as YYYY-MM-DD').optional(),
  to: z.string().refine(isDate, 'write a date as YYYY-MM-DD').optional(),
  ae: z.boolean(),
  db: z.string(),
  replace: z.boolean(),
  /** Absent in a live replay unless asked for: the server already runs its configuration. */
  configOut: z.string().optional(),
  configOnly: z.boolean(),
  allowanceDays: z.record(z.string(), z.number().positive()),
  live: z.boolean(),
  speedSeconds: z.number().positive().optional(),
  url: z.url().optional(),
  tokens: z.array(z.string().min(1)),
});
export type ImportArgs = z.infer<typeof optionsSchema>;

/** `unit=1d,icb=2d,region=36h` → days by level name; unnamed levels keep their defaults. */
export function parseAllowances(text: string | undefined): Record<string, number> {
  const days = { ...DEFAULT_ALLOWANCE_DAYS };
  if (text === undefined) return days;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((p) => p.trim());
    const level = LEVEL_ALIASES[name ?? ''] ?? name;
    if (!level || !(LEVELS as readonly string[]).includes(level) || level === LEVELS[0]) {
      throw new Error(`--allowances: "${name}" is not a level with an allowance (use unit|trust, district|icb, region)`);
    }
    const ms = value === undefined ? null : parseDuration(value);
    if (ms === null) throw new Error(`--allowances: "${part}" needs a duration, e.g. ${level}=2d`);
    days[level] = ms / DAY_MS;
  }
  return days;
}

export function parseImportArgs(argv: string[]): ImportArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      season: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      ae: { type: 'boolean', default: false },
      db: { type: 'string' },
      replace: { type: 'boolean', default: false },
      'config-out': { type: 'string' },
      'config-only': { type: 'boolean', default: false },
      allowances: { type: 'string' },
      live: { type: 'boolean', default: false },
      speed: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const defaultDir = resolve(REPO_ROOT, '../shared/data');
  if (values.dir === undefined && !existsSync(defaultDir)) throw new Error(`--dir is needed: no data at ${defaultDir}`);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  const parsed = optionsSchema.safeParse({
    dir: values.dir ?? defaultDir,
    seasons: (values.season ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    from: values.from,
    to: values.to,
    ae: values.ae,
    db: values.db ?? resolve(REPO_ROOT, 'data/nhs.db'),
    replace: values.replace,
    configOut: values['config-out'] ?? (values.live ? undefined : resolve(REPO_ROOT, 'data/nhs.json')),
    configOnly: values['config-only'],
    allowanceDays: parseAllowances(values.allowances),
    live: values.live,
    speedSeconds: speed,
    url: values.url,
    tokens: values.token ?? [],
  });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const args = parsed.data;
  if (args.live && (args.speedSeconds === undefined || args.url === undefined || args.tokens.length === 0)) {
    throw new Error('--live needs --speed <seconds per day>, --url <server> and --token <token>');
  }
  if (values.speed !== undefined && !Number.isFinite(speed)) throw new Error('--speed: give the seconds one day lasts, e.g. 10');
  if (args.speedSeconds !== undefined && !args.live && !args.configOnly) {
    throw new Error('--speed makes a configuration for a live replay: use it with --live, or with --config-only to write that configuration');
  }
  return args;
}
