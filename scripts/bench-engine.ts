/**
 * npm run bench:engine — readings/s through the reducer alone (no HTTP, no SQLite writes), replaying a
 * recorded log, with a hash of every effect of every step: the equivalence check for speed work (the
 * hash must not change). Logs: `--db <file>` (an opsroom database, e.g. an imported winter: its input
 * events in order) and/or `--generated` (the bench's 210-unit network, hourly, Cyberstride on the ratio
 * and its parts; `--hours=N`). `--runs=N` timed runs (median printed), `--no-hash` to skip the hash run.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parseConfig } from '../shared/config';
import type { Reading } from '../shared/api';
import { Engine, type EngineInput } from '../server/domain/engine';
import { snapshotOf } from '../server/domain/snapshot';
import { benchNodes } from './bench/network';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string | undefined]));
const RUNS = Number(args.get('runs') ?? 3);
const HOURS = Number(args.get('hours') ?? 24 * 14);

interface LogEvent { at: number; json: string }

function fromDb(path: string): LogEvent[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT at, data FROM events WHERE kind = 'input' ORDER BY seq").all() as { at: number; data: string }[]).map((row) => ({ at: row.at, json: row.data }));
  } finally {
    db.close();
  }
}

/** The bench's 210 units (7 regions × 6 districts × 5 units), with Cyberstride judging every series. */
function generated(): LogEvent[] {
  const nodes = benchNodes();
  const config = parseConfig({
    name: 'bench', levels: ['national', 'region', 'district', 'unit'], historyHorizon: '3650d', allowances: { unit: '4h', district: '4h', region: '4h' },
    indicators: [
      { id: 'occupied', label: 'occupied', better: 'lower', period: '1h' },
      { id: 'open', label: 'open', better: 'higher', period: '1h' },
      { id: 'occ', label: 'occupancy', better: 'lower', period: '1h', ratio: { numerator: 'occupied', denominator: 'open' }, thresholds: { alert: 0.95, crisis: 0.99 } },
    ],
    nodes,
  });
  const units = nodes.filter((node) => node.level === 'unit').map((node) => node.id);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const events: LogEvent[] = [{ at: start, json: JSON.stringify({ type: 'policy', config }) }];
  // A deterministic wobble with the odd surge, so the detectors find something.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let hour = 0; hour < HOURS; hour++) {
    const ts = new Date(start + hour * 3_600_000).toISOString();
    const readings: Reading[] = [];
    units.forEach((unit, i) => {
      const surge = hour % 97 > 90 && i % 7 === 0 ? 15 : 0;
      readings.push({ unit, indicator: 'occupied', ts, value: Math.round(80 + 10 * Math.sin((hour + i) / 12) + 4 * random() + surge) });
      readings.push({ unit, indicator: 'open', ts, value: 100 + (hour % 50 === i % 50 ? -5 : 0) });
    });
    events.push({ at: start + hour * 3_600_000 + 60_000, json: JSON.stringify({ type: 'readings', readings }) });
  }
  return events;
}

function inputsOf(events: readonly LogEvent[]): { at: number; input: EngineInput }[] {
  return events.map((event) => ({ at: event.at, input: JSON.parse(event.json) as EngineInput }));
}

function replay(events: readonly LogEvent[], onEffects?: (json: string) => void, onEnd?: (engine: Engine) => void): { ms: number; cpuMs: number; readings: number; heapMb: number } {
  const inputs = inputsOf(events);
  const [first, ...rest] = inputs;
  if (first?.input.type !== 'policy') throw new Error('the log does not start with a policy');
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const engine = new Engine(first.input.config, 1);
  let readings = 0;
  for (const { at, input } of rest) {
    const result = engine.step(input, at);
    if (input.type === 'readings') readings += input.readings.length;
    onEffects?.(JSON.stringify([result.effects, result.accepted, result.duplicates, result.stale, result.refused ?? null]));
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  onEnd?.(engine); // (also keeps the engine alive until the heap is read)
  return { ms, cpuMs, readings, heapMb };
}

function bench(name: string, events: readonly LogEvent[]): void {
  const runs = Array.from({ length: RUNS }, () => replay(events));
  const rates = runs.map((run) => run.readings / (run.ms / 1000)).sort((a, b) => a - b);
  const median = rates[rates.length >> 1]!;
  // Per CPU second too: the machine is shared, and wall time moves with whoever else is running.
  const perCpu = runs.map((run) => run.readings / (run.cpuMs / 1000)).sort((a, b) => a - b);
  const heap = Math.max(...runs.map((run) => run.heapMb));
  let line = `${name}: ${events.length} inputs, ${runs[0]!.readings} readings; ${Math.round(median)} readings/s median of ${RUNS} (${rates.map((r) => Math.round(r)).join(', ')}), ${Math.round(perCpu[perCpu.length >> 1]!)} per CPU-second; heap after ${heap.toFixed(0)} MB`;
  if (!args.has('no-hash')) {
    const hash = createHash('sha256');
    let effects = 0;
    let snapshot = '';
    replay(
      events,
      (json) => {
        hash.update(json);
        hash.update('\n');
        effects++;
      },
      (engine) => (snapshot = createHash('sha256').update(JSON.stringify(snapshotOf(engine))).digest('hex').slice(0, 16)),
    );
    line += `; effects hash ${hash.digest('hex').slice(0, 16)} over ${effects} steps; final snapshot hash ${snapshot}`;
  }
  console.log(line);
}

const db = args.get('db');
if (db) bench(`log ${db}`, fromDb(db));
if (args.has('generated') || !db) bench(`generated 210 units, ${HOURS} h`, generated());
