/**
 * npx tsx scripts/episode-report.ts [--list <trusts>] [label=]DB [[label=]DB ...]
 *
 * What the episodes of one or more backfilled histories came to, side by side: opened (by kind,
 * no-report included), settled at each level, still open and where, how far they climbed, and the
 * no-report episodes one by one. Reads each database read-only; it never changes one.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeComparison, describeNoReports, readHistory, summarizeEpisodes } from './nhs/episode-report';

const USAGE = 'usage: npx tsx scripts/episode-report.ts [--list <trusts>] [label=]DB [[label=]DB ...]';

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { list: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) throw new Error(`name a database\n${USAGE}`);
  const cap = values.list === undefined ? 50 : Number(values.list);
  if (!Number.isInteger(cap) || cap < 0) throw new Error('--list: how many trusts to list, e.g. 20');
  const sources = positionals.map((arg) => {
    const at = arg.indexOf('=');
    const [label, path] = at > 0 && !existsSync(arg) ? [arg.slice(0, at), arg.slice(at + 1)] : [basename(arg).replace(/\.db$/, ''), arg];
    if (!existsSync(path)) throw new Error(`no database at ${path}`);
    return { label, path };
  });
  const summaries = sources.map(({ path }) => summarizeEpisodes(readHistory(path)));
  const lines = [
    ...sources.map(({ label, path }) => `${label}: ${path}`),
    '',
    ...describeComparison(summaries, sources.map((s) => s.label)),
  ];
  summaries.forEach((summary, i) => lines.push('', ...describeNoReports(summary, sources[i]!.label, cap)));
  console.log(lines.join('\n'));
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`episode-report: ${(error as Error).message}`);
  process.exit(2);
}
