import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseImportArgs, USAGE, type ImportArgs } from './nhs/args';
import { backfill, countEpisodes, prepareDatabase } from './nhs/backfill';
import { DAY_MS } from './nhs/catalogue';
import { replayLive } from './nhs/live';
import { planImport } from './nhs/plan';
import { describeEpisodes, describePlan } from './nhs/report';

const perSecond = (count: number, ms: number) => Math.round(count / Math.max(ms / 1000, 0.001)).toLocaleString('en-GB');

/**
 * A live replay posts one day per `speed` seconds, so its configuration's day lasts that long. Its
 * windows get half a day more than asked: reports arrive on a network clock, and a window of exactly
 * N days would race the Nth report; N + ½ days always takes in exactly the next N reports.
 */
function timeScale(args: ImportArgs): { dayMs: number; allowanceDays: Record<string, number> } {
  if (args.speedSeconds === undefined) return { dayMs: DAY_MS, allowanceDays: args.allowanceDays };
  const allowanceDays = Object.fromEntries(Object.entries(args.allowanceDays).map(([level, days]) => [level, days + 0.5]));
  return { dayMs: args.speedSeconds * 1000, allowanceDays };
}

async function main(argv: string[]): Promise<void> {
  const args = parseImportArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  // Refused before any reading, so a second import fails at once and leaves the database as it was.
  if (!args.live && !args.configOnly) prepareDatabase(args.db, args.replace);
  const started = Date.now();
  const { dayMs, allowanceDays } = timeScale(args);
  const plan = planImport({ dir: args.dir, seasons: args.seasons, from: args.from, to: args.to, ae: args.ae, allowanceDays, dayMs });
  const planned = Date.now();
  if (args.configOut !== undefined) {
    mkdirSync(dirname(args.configOut), { recursive: true });
    writeFileSync(args.configOut, `${JSON.stringify(plan.built.input, null, 2)}\n`);
  }
  const rowsRead = plan.files.reduce((sum, f) => sum + f.rowsRead, 0);
  const lines = [...describePlan(plan), ...(args.configOut === undefined ? [] : [`  written to ${args.configOut}`]), '', `Read ${rowsRead.toLocaleString('en-GB')} rows (every cell of the ${plan.sitrepRowsSelected.toLocaleString('en-GB')} selected sitrep rows checked) in ${planned - started} ms: ${perSecond(rowsRead, planned - started)} rows/s`];
  console.log(lines.join('\n'));
  if (args.configOnly) return;

  if (args.live) {
    const result = await replayLive({
      url: args.url!, tokens: args.tokens, speedSeconds: args.speedSeconds!, config: plan.built.config, days: plan.days,
      log: (line) => console.log(line),
    });
    console.log(`\nLive replay: ${result.days} days, ${result.posted.toLocaleString('en-GB')} readings posted (${result.accepted.toLocaleString('en-GB')} accepted, ${result.duplicates} duplicates), ${result.failedPosts} failed posts, ${result.notPosted} readings with no token to post them`);
    console.log(`  data-quality findings: ${result.findingsPosted.toLocaleString('en-GB')} posted (POST /api/findings), ${result.findingsNotPosted.toLocaleString('en-GB')} not posted${result.findingsNotPosted > 0 ? ' (they need an admin --token)' : ''}`);
    return;
  }

  const result = backfill(plan.built.config, args.db, plan.days, (done, total) => {
    if (process.stdout.isTTY && (done % 10 === 0 || done === total)) process.stdout.write(`\rbackfill: ${done}/${total} report dates`);
  });
  const finished = Date.now();
  if (process.stdout.isTTY) process.stdout.write('\n');
  try {
    const counts = countEpisodes(result.room.episodes({ status: 'all' }));
    console.log([
      '',
      `Backfill into ${args.db}: ${result.ingests} report dates, ${result.accepted.toLocaleString('en-GB')} readings accepted, ${result.duplicates} duplicates, in ${finished - planned} ms (${perSecond(result.accepted, finished - planned)} readings/s)`,
      `  engine clock ${new Date(result.firstAt).toISOString()} → ${new Date(result.lastAt).toISOString()}; ${result.room.eventCount().toLocaleString('en-GB')} events in the log`,
      `  ${result.findings.toLocaleString('en-GB')} data-quality findings recorded beside the sums (GET /api/findings; each node's view marks them)`,
      ...describeEpisodes(counts, plan.built.config.levels),
      `  level by level, and each missing report: npx tsx scripts/episode-report.ts ${args.db}`,
      '',
      `Serve it as it stood on its last day: OPSROOM_CONFIG=${args.configOut ?? '<the configuration>'} OPSROOM_DB=${args.db} OPSROOM_CLOCK=frozen npm start`,
    ].join('\n'));
  } finally {
    result.room.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`import:nhs: ${(error as Error).message}`);
  process.exit(1);
});
