/**
 * npm run bench — speed of the write path, each figure beside its ceiling measured in the same run:
 * batched ingest (readings/s) and single POSTs (requests/s) end to end against the real server in its own
 * process, next to an express + express.json + zod endpoint that only parses; engine-only backfill and
 * restart replay; and how late the scheduler escalates after a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import { parseReadingsBody, type Reading } from '../shared/api';
import { parseConfig, type Config } from '../shared/config';
import { Engine } from '../server/domain/engine';
import { Opsroom } from '../server/app/opsroom';
import { Scheduler } from '../server/app/scheduler';
import { createLogger } from '../server/observe/logger';

const ROOT = resolve(__dirname, '..');
const ADMIN = 'bench-admin-token-0123456789';
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const BATCHES = Number(args.get('batches') ?? 60);
const BATCH_SIZE = Number(args.get('batch-size') ?? 1000);
const SINGLES = Number(args.get('singles') ?? 4000);
const CONCURRENCY = Number(args.get('concurrency') ?? 16);

/** 7 regions × 6 districts × 5 units = 210 units, like NHS England's shape. */
function benchConfig(allowance = '4h'): Config {
  const nodes: Config['nodes'] = [{ id: 'ENG', name: 'England', level: 'national' }];
  for (let r = 0; r < 7; r++) {
    nodes.push({ id: `R${r}`, name: `Region ${r}`, level: 'region', parent: 'ENG' });
    for (let d = 0; d < 6; d++) {
      nodes.push({ id: `R${r}D${d}`, name: `District ${r}.${d}`, level: 'district', parent: `R${r}` });
      for (let u = 0; u < 5; u++) nodes.push({ id: `R${r}D${d}U${u}`, name: `Unit ${r}.${d}.${u}`, level: 'unit', parent: `R${r}D${d}` });
    }
  }
  return parseConfig({
    name: 'bench', levels: ['national', 'region', 'district', 'unit'], publicRead: true,
    // The readings start on 1 January 2025, whatever the day the bench runs.
    historyHorizon: '3650d',
    allowances: { unit: allowance, district: allowance, region: allowance },
    indicators: [
      { id: 'occupied', label: 'occupied', better: 'lower', period: '1h', detectors: [] },
      { id: 'open', label: 'open', better: 'higher', period: '1h', detectors: [] },
      { id: 'occ', label: 'occupancy', better: 'lower', period: '1h', ratio: { numerator: 'occupied', denominator: 'open' }, thresholds: { alert: 0.95, crisis: 0.99 }, detectors: ['threshold'] },
    ],
    nodes,
  });
}

const UNITS = benchConfig().nodes.filter((node) => node.level === 'unit').map((node) => node.id);
const START = Date.parse('2025-01-01T00:00:00Z');

/** Readings spread across every unit and both raw indicators, hour after hour. */
function readingsFor(index: number, count: number): Reading[] {
  return Array.from({ length: count }, (_, i) => {
    const n = index * count + i;
    const unit = UNITS[(n >> 1) % UNITS.length]!;
    const hour = Math.floor(n / (UNITS.length * 2));
    return { unit, indicator: n % 2 === 0 ? 'occupied' : 'open', ts: new Date(START + hour * 3_600_000).toISOString(), value: n % 2 === 0 ? 80 + (n % 17) : 100 };
  });
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function postAll(url: string, bodies: readonly string[], concurrency: number): Promise<number> {
  const started = performance.now();
  await pool(bodies, concurrency, async (body) => {
    const res = await fetch(`${url}/api/readings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body });
    if (res.status !== 200) throw new Error(`POST ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  });
  return (performance.now() - started) / 1000;
}

function launch(dir: string, config: Config): Promise<{ child: ChildProcess; url: string }> {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: '0', OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'bench.db'), OPSROOM_ADMIN_TOKEN: ADMIN },
  });
  return new Promise((done) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /the ops room is at (http:\/\/[^\s"]+)/.exec(out);
      if (match) done({ child, url: match[1]! });
    });
  });
}

/** The ceiling: express + express.json + the shared zod schema, nothing stored. */
async function parseOnlyServer(): Promise<{ url: string; close(): void }> {
  const app = express();
  app.post('/api/readings', express.json({ limit: '4mb' }), (req, res) => {
    const parsed = parseReadingsBody(req.body);
    res.status(parsed.success ? 200 : 400).json(parsed.success ? { accepted: parsed.data.length, duplicates: 0 } : { error: 'bad' });
  });
  const server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const row = (name: string, value: number, unit: string, note = '') => console.log(`${name.padEnd(44)} ${value.toFixed(0).padStart(10)} ${unit.padEnd(12)} ${note}`);

/** How long after its deadline the live scheduler actually escalates, with 200 ms windows. */
async function schedulerLateness(dbPath: string): Promise<number[]> {
  const room = new Opsroom({ config: benchConfig('200ms'), dbPath });
  const scheduler = new Scheduler(room, createLogger('error'));
  const lateness: number[] = [];
  room.onEffects((effects) => {
    for (const effect of effects) if (effect.type === 'episode' && effect.change === 'allowance-ran-out') lateness.push(Date.now() - effect.at);
  });
  scheduler.start();
  for (let i = 0; i < 30; i++) {
    const ts = new Date().toISOString();
    room.ingest([{ unit: UNITS[i]!, indicator: 'occupied', ts, value: 99 }, { unit: UNITS[i]!, indicator: 'open', ts, value: 100 }]);
    await new Promise((r) => setTimeout(r, 37));
  }
  await new Promise((r) => setTimeout(r, 1500));
  scheduler.stop();
  room.close();
  return lateness.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-bench-'));
  const batchBodies = Array.from({ length: BATCHES }, (_, i) => JSON.stringify({ readings: readingsFor(i, BATCH_SIZE) }));
  const singleBodies = readingsFor(BATCHES, SINGLES).map((reading) => JSON.stringify(reading));
  console.log(`opsroom bench: ${UNITS.length} units, ${BATCHES}×${BATCH_SIZE} batched readings, ${SINGLES} single POSTs at concurrency ${CONCURRENCY}\n`);
  try {
    const ceiling = await parseOnlyServer();
    const ceilingBatch = await postAll(ceiling.url, batchBodies, 2);
    const ceilingSingle = await postAll(ceiling.url, singleBodies, CONCURRENCY);
    ceiling.close();

    const { child, url } = await launch(dir, benchConfig());
    const batch = await postAll(url, batchBodies, 2);
    const single = await postAll(url, singleBodies, CONCURRENCY);
    await new Promise((done) => {
      child.once('exit', done);
      child.kill('SIGKILL'); // the restart below opens the same database: it waits for the lock to go with the process
    });
    row('batched ingest, end to end', (BATCHES * BATCH_SIZE) / batch, 'readings/s', `(parse-only ceiling ${((BATCHES * BATCH_SIZE) / ceilingBatch).toFixed(0)})`);
    row('single POSTs, end to end', SINGLES / single, 'requests/s', `(parse-only ceiling ${(SINGLES / ceilingSingle).toFixed(0)})`);

    const engine = new Engine(benchConfig());
    const readings = batchBodies.map((body) => (JSON.parse(body) as { readings: Reading[] }).readings);
    let started = performance.now();
    readings.forEach((batchReadings, i) => engine.step({ type: 'readings', readings: batchReadings }, START + i * 60_000));
    row('engine only (no HTTP, no SQLite)', (BATCHES * BATCH_SIZE) / ((performance.now() - started) / 1000), 'readings/s');

    started = performance.now();
    const restarted = new Opsroom({ config: benchConfig(), dbPath: join(dir, 'bench.db'), checkpoints: { inputs: 1e9, readings: 1e9, ageMs: 1e12 } });
    const restartMs = performance.now() - started;
    row('restart: latest snapshot + the log after it', restartMs, 'ms', `(${restarted.eventCount()} events in the log)`);
    restarted.close();

    const lateness = await schedulerLateness(join(dir, 'lateness.db'));
    row('escalation after its deadline, median', lateness[Math.floor(lateness.length / 2)]!, 'ms', `(worst ${lateness[lateness.length - 1]!.toFixed(1)} ms over ${lateness.length} escalations)`);

    console.log(`\nheap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB in the bench process`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
