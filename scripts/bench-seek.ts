/**
 * npm run bench:seek — how long GET /api/state?at= takes to rebuild the tree at an instant (the
 * sandbox seek of server/app/time-travel.ts), on the bench's 210-unit network with a month of hourly
 * readings: cold (a fresh seek from the nearest checkpoint), warm (a later instant after the previous
 * one), and backwards. Medians of several instants; nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import type { Reading } from '../shared/api';
import { Opsroom } from '../server/app/opsroom';
import { benchNodes } from './bench/network';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const HOURS = Number(args.get('hours') ?? 24 * 30);
const START = Date.parse('2025-01-01T00:00:00Z');

function config(): Config {
  const nodes = benchNodes();
  return parseConfig({
    name: 'seek', levels: ['national', 'region', 'district', 'unit'], historyHorizon: '3650d', allowances: { unit: '4h', district: '8h', region: '12h' },
    indicators: [{ id: 'occupied', label: 'occupied', better: 'lower', period: '1h', thresholds: { alert: 92, crisis: 97 }, detectors: ['threshold'] }],
    nodes,
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const time = (work: () => unknown) => {
  const started = performance.now();
  work();
  return performance.now() - started;
};

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-seek-'));
  try {
    const cfg = config();
    const units = cfg.nodes.filter((node) => node.level === 'unit').map((node) => node.id);
    const end = START + HOURS * 3_600_000;
    let now = START;
    const room = new Opsroom({ config: cfg, dbPath: join(dir, 'seek.db'), clock: () => now });
    for (let hour = 0; hour < HOURS; hour++) {
      const ts = new Date(START + hour * 3_600_000).toISOString();
      const readings: Reading[] = units.map((unit, i) => ({ unit, indicator: 'occupied', ts, value: 80 + ((hour * 7 + i * 13) % 19) }));
      now = START + hour * 3_600_000 + 60_000;
      room.ingest(readings, now);
    }
    now = end;
    room.snapshot();
    const events = room.eventCount();
    const instants = Array.from({ length: 7 }, (_, i) => START + Math.round(((i + 1) / 8) * HOURS) * 3_600_000 + 1_800_000);
    const travel = room.timeTravel;
    const cold = instants.map((at) => {
      // A fresh seek each time: an earlier instant first drops the cursor.
      travel.stateAt(START);
      return time(() => travel.stateAt(at));
    });
    const warm = instants.map((at) => {
      travel.stateAt(at);
      return time(() => travel.stateAt(at + 3_600_000));
    });
    const backwards = [...instants].reverse().map((at) => time(() => travel.stateAt(at)));
    const sample = travel.stateAt(instants[3]!);
    console.log(`answer: ${sample.episodes.length} open episodes, ${JSON.stringify(sample).length} characters; the same answered twice: ${time(() => travel.stateAt(instants[3]!)).toFixed(1)} ms`);
    console.log(`210 units, ${HOURS} hourly periods, ${events} events; one checkpoint at the end`);
    console.log(`cold seek (from the start of the log)  median ${median(cold).toFixed(1)} ms  (max ${Math.max(...cold).toFixed(1)})`);
    console.log(`warm seek (an hour on from the last)    median ${median(warm).toFixed(1)} ms`);
    console.log(`backwards (from the start again)        median ${median(backwards).toFixed(1)} ms`);
    room.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
