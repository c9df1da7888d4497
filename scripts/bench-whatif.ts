/**
 * npm run bench:whatif — how long POST /api/whatif takes to rerun a week on the bench's 210-unit
 * network (hourly readings, checkpoints as the live server takes them): the run itself on the main
 * thread (what a short span answers at once), the same as a job in a worker thread (start to result),
 * and how long the cost estimate takes. Prints characters of input replayed per millisecond, from which
 * the inline limit (DEFAULT_WHATIF_LIMITS.inlineChars, about a second of work) is chosen. Nothing is asserted.
 *
 *   npm run bench:whatif [-- --weeks=5] [--keep=bench.db (keeps the database, to try npm run whatif on it)]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import type { Reading } from '../shared/api';
import type { WhatifJob } from '../shared/contract/planning';
import { Opsroom } from '../server/app/opsroom';
import { runWhatif } from '../server/app/whatif-run';
import { DEFAULT_WHATIF_LIMITS } from '../server/app/whatif-jobs';
import { EventLog } from '../server/storage/event-log';
import { SnapshotStore } from '../server/storage/snapshots';
import { benchNodes } from './bench/network';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const WEEKS = Number(args.get("weeks") ?? 5);
const HOURS = WEEKS * 7 * 24;
const START = Date.parse('2025-01-01T00:00:00Z');
const H = 3_600_000;

function config(): Config {
  const nodes = benchNodes();
  return parseConfig({
    name: 'whatif', levels: ['national', 'region', 'district', 'unit'], historyHorizon: '3650d', allowances: { unit: '4h', district: '8h', region: '12h' },
    indicators: [{ id: 'occupied', label: 'occupied', better: 'lower', period: '1h', thresholds: { alert: 92, crisis: 97, clear: 90 }, detectors: ['threshold'] }],
    nodes,
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-whatif-'));
  try {
    const cfg = config();
    const units = cfg.nodes.filter((node) => node.level === 'unit').map((node) => node.id);
    let now = START;
    const room = new Opsroom({ config: cfg, dbPath: join(dir, 'whatif.db'), clock: () => now, whatif: { inlineChars: 0 } });
    for (let hour = 0; hour < HOURS; hour++) {
      const ts = new Date(START + hour * H).toISOString();
      // Each unit spends a few hours a day over its alert, at a time of its own: some settle in 4 h, some climb.
      const readings: Reading[] = units.map((unit, i) => ({ unit, indicator: 'occupied', ts, value: (hour + i * 5) % 24 < 3 + (i % 7) ? 93 + (i % 5) : 80 + ((hour * 7 + i * 13) % 9) }));
      now = START + hour * H + 60_000;
      room.ingest(readings, now);
      room.tick(now);
      room.maintain(); // checkpoints as the scheduler takes them
    }
    const from = START + Math.floor(HOURS / 2 / 24) * 24 * H;
    const span = { from, to: from + 7 * 24 * H };
    const work = room.whatif.workOf({ ...span, policy: {} }, room.engine.state.now);
    const estimate = median(Array.from({ length: 5 }, () => {
      const started = performance.now();
      room.whatif.workOf({ ...span, policy: {} }, room.engine.state.now, DEFAULT_WHATIF_LIMITS.inlineChars);
      return performance.now() - started;
    }));
    const log = new EventLog(room.db);
    const snapshots = new SnapshotStore(room.db);
    const options = { throughSeq: room.log.lastSeq(), until: room.engine.state.now };
    for (const [label, policy] of [['the live policy', {}], ['an 8 h unit window', { allowances: { unit: 8 * H } }]] as const) {
      const runs = Array.from({ length: 3 }, () => runWhatif(log, snapshots, { ...span, policy }, options).result);
      const result = runs[0]!;
      const ms = median(runs.map((run) => run.elapsedMs));
      console.log(`a week under ${label}: median ${ms} ms on the main thread; ${result.inputs} inputs, estimated work ${(work / 1e6).toFixed(1)} M characters: ${(work / ms / 1000).toFixed(2)} M characters/s`);
      console.log(`  live: ${result.live.opened} opened, settled ${JSON.stringify(result.live.settledAt)}, reached ${JSON.stringify(result.live.reachedLevel)}`);
      console.log(`  what-if: ${result.whatif.opened} opened, settled ${JSON.stringify(result.whatif.settledAt)}, reached ${JSON.stringify(result.whatif.reachedLevel)}; ${result.differenceCount} differ`);
    }
    const started = performance.now();
    const { job } = room.whatif.start({ from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(), policy: { allowances: { unit: 8 * H } } });
    let seen: WhatifJob = job;
    const progress: number[] = [];
    while (seen.status === 'running') {
      await sleep(20);
      seen = room.whatif.get(job.id);
      progress.push(Math.round(seen.progress * 100));
    }
    console.log(`the same as a job in a worker thread: ${seen.status} in ${Math.round(performance.now() - started)} ms from start to result (the run itself ${seen.result?.elapsedMs} ms); progress seen ${[...new Set(progress)].join(', ')} %`);
    console.log(`whether it is more than a second of work (the estimate POST makes, stopping at the limit): median ${estimate.toFixed(2)} ms over ${room.eventCount()} events`);
    console.log(`210 units, ${HOURS} hourly periods, ${room.eventCount()} events`);
    room.close();
    if (args.has('keep')) copyFileSync(join(dir, 'whatif.db'), args.get('keep')!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
