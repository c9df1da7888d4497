import { parseArgs } from 'node:util';
import { crashRounds } from './crash/harness';
import { killHard, spawnServer } from './crash/server-process';

/**
 * SIGKILL a server under concurrent ingest, again and again, and count what was acknowledged and what
 * was lost; print each restart's time and what it replayed, then a clean restart for a ceiling.
 *   npx tsx scripts/bench-kills.ts --config data/nhs.json --db /tmp/copy.db --units R0A,R0B --indicator ga_beds_open --kills 20
 * It writes into the database: use a copy.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    config: { type: 'string' }, db: { type: 'string' }, units: { type: 'string' }, indicator: { type: 'string' },
    kills: { type: 'string', default: '10' }, batch: { type: 'string', default: '25' }, port: { type: 'string', default: '4441' },
    first: { type: 'string', default: '2023-04-01T12:00:00Z' }, step: { type: 'string', default: '86400000' }, post: { type: 'string', default: '1500' },
  } });
  if (!values.config || !values.db || !values.units || !values.indicator) throw new Error('give --config, --db, --units and --indicator');
  const admin = 'bench-kills-admin-token-0123456789';
  const env = { OPSROOM_CONFIG: values.config, OPSROOM_DB: values.db, OPSROOM_ADMIN_TOKEN: admin, PORT: values.port };
  const first = Date.parse(values.first);
  const step = Number(values.step);
  const result = await crashRounds({
    env, adminToken: admin, kills: Number(values.kills), batch: Number(values.batch),
    writers: values.units.split(',').flatMap((unit) => values.indicator!.split(',').map((indicator) => ({ unit, indicator }))),
    firstTs: first, stepMs: step, perWriter: Math.floor((Date.now() - first) / step) - 1,
    postMs: (round) => Number(values.post) * (0.5 + ((round * 7) % 10) / 10),
    log: (line) => console.log(line),
  });
  console.log(`\n${values.kills} kills: ${result.acknowledged} readings acknowledged (2xx), ${result.lost.length} lost, ${result.refused} requests refused${result.firstRefusal ? ` (first: ${result.firstRefusal})` : ''}`);
  const starts = result.restarts.map((restart) => restart.answerMs);
  const last = starts[starts.length - 1];
  const sorted = [...starts].sort((a, b) => a - b);
  console.log(`restart (to the first answer): after the last kill ${last} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted[sorted.length - 1]} ms; replayed at most ${Math.max(...result.restarts.map((r) => r.readings))} readings`);
  // Ceiling: the same database, closed cleanly (a checkpoint), started again: what a start costs with nothing to replay.
  const clean = await spawnServer(env);
  clean.child.kill('SIGTERM');
  await new Promise((done) => clean.child.once('exit', done));
  const ceiling = await spawnServer(env);
  console.log(`ceiling: a start with nothing to replay, first answer after ${ceiling.answerMs} ms (replayed ${ceiling.replayed.inputs} inputs)`);
  await killHard(ceiling.child);
}

main().catch((error: unknown) => {
  console.error(`bench-kills: ${(error as Error).message}`);
  process.exit(1);
});
