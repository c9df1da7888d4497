/**
 * npm run whatif -- --db FILE --from ISO --to ISO [--policy policy.json | --allowance unit=8h ...] [--format text|json]
 *
 * What POST /api/whatif answers, from a database file, read-only (it works while a server holds the
 * file): the span's logged inputs rerun in two sandbox engines, as logged and under the other policy,
 * side by side, and the episodes that differ with both paths. The span runs no later than the log's
 * last input.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Episode } from '../shared/api';
import { whatifBodySchema, type RunSummary, type WhatifResult } from '../shared/contract/planning';
import { formatDuration } from '../shared/duration';
import { AppError } from '../server/app/errors';
import { runWhatif, type WhatifRun } from '../server/app/whatif-run';
import { EventLog } from '../server/storage/event-log';
import { SnapshotStore } from '../server/storage/snapshots';

const USAGE = 'usage: npm run whatif -- --db FILE --from ISO --to ISO [--policy policy.json | --allowance LEVEL=DURATION ...] [--format text|json]';

export interface WhatifArgs {
  db: string;
  from: string;
  to: string;
  /** The policy as POST /api/whatif takes it: `{"allowances"?, "indicators"?}`. */
  policy: unknown;
}

export function whatifFromDatabase(args: WhatifArgs): WhatifRun {
  const body = whatifBodySchema.safeParse({ from: args.from, to: args.to, policy: args.policy });
  if (!body.success) throw new Error(body.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  if (!existsSync(args.db)) throw new Error(`no database at ${args.db}`);
  const db = new Database(args.db, { readonly: true, fileMustExist: true });
  try {
    const log = new EventLog(db);
    const last = log.inputSpan().last;
    if (last === null) throw new Error(`${args.db} has nothing in its event log: not an opsroom database, or an empty one`);
    const span = { from: Date.parse(body.data.from), to: Date.parse(body.data.to), policy: body.data.policy };
    return runWhatif(log, new SnapshotStore(db), span, { throughSeq: log.lastSeq(), until: last });
  } catch (error) {
    if (error instanceof AppError) throw new Error(error.message);
    throw error;
  } finally {
    db.close();
  }
}

/** `--allowance unit=8h --allowance district=4h` → `{"allowances": {"unit": "8h", "district": "4h"}}`. */
export function policyFromFlags(policyFile: string | undefined, allowances: readonly string[]): unknown {
  if (policyFile !== undefined && allowances.length > 0) throw new Error('--policy or --allowance, not both');
  if (policyFile !== undefined) {
    if (!existsSync(policyFile)) throw new Error(`--policy: no file ${policyFile}`);
    try {
      return JSON.parse(readFileSync(policyFile, 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`--policy: ${policyFile} is not JSON: ${(error as Error).message}`);
    }
  }
  const entries = allowances.map((flag) => {
    const match = /^([^=]+)=(.+)$/.exec(flag);
    if (!match) throw new Error(`--allowance: "${flag}" is not LEVEL=DURATION (e.g. unit=8h)`);
    return [match[1]!, match[2]!] as const;
  });
  return entries.length === 0 ? {} : { allowances: Object.fromEntries(entries) };
}

const hours = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const cell = (text: string | number, width = 12) => String(text).padStart(width);

function rows(levels: string[], live: RunSummary, whatif: RunSummary): string[] {
  const line = (label: string, a: string | number, b: string | number) => `${label.padEnd(28)}${cell(a)}${cell(b)}`;
  const out = [line('', 'live', 'what-if'), line('episodes opened', live.opened, whatif.opened), line('still open at the end', live.open, whatif.open)];
  for (const level of levels) out.push(line(`settled at ${level}`, live.settledAt[level] ?? 0, whatif.settledAt[level] ?? 0));
  for (const level of levels) out.push(line(`reached ${level}`, live.reachedLevel[level] ?? 0, whatif.reachedLevel[level] ?? 0));
  for (const level of levels) {
    const a = live.timeToSettle[level];
    const b = whatif.timeToSettle[level];
    if (!a && !b) continue;
    out.push(line(`time to settle at ${level}`, `${hours(a?.medianMs ?? null)} / ${hours(a?.p90Ms ?? null)}`, `${hours(b?.medianMs ?? null)} / ${hours(b?.p90Ms ?? null)}`));
  }
  return out;
}

/** An episode's path on one line: who held it, and how it ended. */
export function pathLine(episode: Episode | null): string {
  if (episode === null) return 'not opened';
  return episode.path
    .flatMap((entry) => {
      if (entry.type === 'opened' || entry.type === 'reopened') return [`${entry.type} at ${entry.holder} ${entry.at}`];
      if (entry.type === 'escalated') return [`→ ${entry.to} ${entry.at}`];
      if (entry.type === 'resolved') return [`settled (${entry.level}) ${entry.at}`];
      return [];
    })
    .concat(episode.status === 'open' ? [`still open at ${episode.holder}`] : [])
    .join(', ');
}

export function describeWhatif(result: WhatifResult): string {
  const levels = [...new Set([...Object.keys(result.live.reachedLevel), ...Object.keys(result.whatif.reachedLevel)])];
  const lines = [
    `what-if of ${result.from} to ${result.to}, against live policy version ${result.liveVersion}: ${JSON.stringify(result.policy)}`,
    `${result.inputs} logged inputs rerun twice in ${result.elapsedMs} ms`,
    '',
    ...rows(levels, result.live, result.whatif),
    '(time to settle: median / 90th percentile)',
    '',
    `episodes that differ: ${result.differenceCount}${result.differenceCount > result.differences.length ? ` (the first ${result.differences.length} listed)` : ''}`,
  ];
  for (const difference of result.differences) {
    lines.push(`  ${difference.kind}  ${difference.key}`, `    live:    ${pathLine(difference.live)}`, `    what-if: ${pathLine(difference.whatif)}`);
  }
  return lines.join('\n');
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, policy: { type: 'string' }, allowance: { type: 'string', multiple: true }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.db || !values.from || !values.to) throw new Error(`--db, --from and --to are needed\n${USAGE}`);
  const format = values.format ?? 'text';
  if (!['text', 'json'].includes(format)) throw new Error('--format: text or json');
  const run = whatifFromDatabase({ db: values.db, from: values.from, to: values.to, policy: policyFromFlags(values.policy, values.allowance ?? []) });
  console.log(format === 'json' ? JSON.stringify(run.result, null, 2) : describeWhatif(run.result));
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`whatif: ${(error as Error).message}`);
    process.exit(2);
  }
}
