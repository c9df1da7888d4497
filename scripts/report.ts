/**
 * npm run report -- --db FILE --from ISO --to ISO [--node ID] [--format text|json|csv]
 *
 * The report of a span (what GET /api/report answers) from a database file, read-only: it works
 * while a server holds the file. The episodes are read from the log's episode effects, as they
 * stood when last logged, and the tree from the last policy in the log.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { applyEpisodeDelta } from '../shared/episode-delta';
import { episodeSchema, type Episode } from '../shared/api';
import { reportQuerySchema, type Report } from '../shared/contract/planning';
import { configSchema } from '../shared/config';
import { Hierarchy } from '../server/domain/hierarchy';
import { REPORT_CSV_COLUMNS, reportCsvRows, spanReport } from '../server/domain/report';

const USAGE = 'usage: npm run report -- --db FILE --from ISO --to ISO [--node ID] [--format text|json|csv]';

interface Row { type: string; data: string }

export function reportFromDatabase(path: string, from: string, to: string, node?: string): Report {
  const query = reportQuerySchema.safeParse({ from, to, ...(node === undefined ? {} : { node }) });
  if (!query.success) throw new Error(query.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const policy = db.prepare<[], Row>("SELECT type, data FROM events WHERE kind = 'input' AND type = 'policy' ORDER BY seq DESC LIMIT 1").get();
    if (!policy) throw new Error(`${path} has no policy in its event log: not an opsroom database`);
    const config = configSchema.parse((JSON.parse(policy.data) as { config: unknown }).config);
    const hierarchy = new Hierarchy(config.levels, config.nodes);
    const root = node ?? hierarchy.root;
    if (!hierarchy.has(root)) throw new Error(`--node: no node "${root}" in the last policy`);
    const episodes = new Map<string, Episode>();
    for (const row of db.prepare<[], Row>("SELECT type, data FROM events WHERE kind = 'effect' AND type LIKE 'episode.%' ORDER BY seq").iterate()) {
      const raw = JSON.parse(row.data) as Episode & { pathFrom?: number };
      episodes.set(raw.id, episodeSchema.parse(applyEpisodeDelta(episodes.get(raw.id), raw)));
    }
    const tree = {
      levels: hierarchy.levels,
      inSubtree: (id: string, top: string) => hierarchy.has(id) && hierarchy.inSubtree(id, top),
      levelOf: (id: string) => (hierarchy.has(id) ? hierarchy.node(id).level : hierarchy.levels[hierarchy.levels.length - 1]!),
    };
    return spanReport([...episodes.values()], tree, root, Date.parse(query.data.from), Date.parse(query.data.to));
  } finally {
    db.close();
  }
}

const hours = (ms: number | null) => (ms === null ? '—' : `${(ms / 3_600_000).toFixed(1)} h`);

export function describeReport(report: Report): string {
  const lines = [`${report.node}, ${report.from} to ${report.to}: ${report.episodes} episodes, ${report.open} still open at the end`, '', 'level        settled  held (episodes)  total held  median held'];
  const levels = new Set([...Object.keys(report.settledAt), ...Object.keys(report.heldAt)]);
  for (const level of levels) {
    const held = report.heldAt[level];
    lines.push(`${level.padEnd(12)} ${String(report.settledAt[level] ?? 0).padStart(7)}  ${String(held?.episodes ?? 0).padStart(15)}  ${hours(held?.totalMs ?? 0).padStart(10)}  ${hours(held?.medianMs ?? null).padStart(11)}`);
  }
  lines.push('', 'climbed most (escalations · episodes · highest level):');
  for (const unit of report.climbedUnits.slice(0, 10)) lines.push(`  ${unit.node.padEnd(12)} ${unit.escalations} · ${unit.episodes} · ${unit.highestLevel}`);
  lines.push('', 'indicators (escalations · episodes):');
  for (const indicator of report.climbedIndicators.slice(0, 10)) lines.push(`  ${indicator.indicator.padEnd(24)} ${indicator.escalations} · ${indicator.episodes}`);
  lines.push('', `missing reports: ${report.noReport.length === 0 ? 'none' : report.noReport.map((unit) => `${unit.node} ${unit.episodes}`).join(', ')}`);
  return lines.join('\n');
}

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, node: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  if (!values.db || !values.from || !values.to) throw new Error(`--db, --from and --to are needed\n${USAGE}`);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'csv'].includes(format)) throw new Error('--format: text, json or csv');
  const report = reportFromDatabase(values.db, values.from, values.to, values.node);
  if (format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (format === 'csv') process.stdout.write(stringify(reportCsvRows(report), { header: true, columns: [...REPORT_CSV_COLUMNS] }));
  else console.log(describeReport(report));
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`report: ${(error as Error).message}`);
    process.exit(2);
  }
}
