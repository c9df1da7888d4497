/** The bench's networks and readings: deterministic, so every figure and its ceiling see the same bodies. */
import type { Reading } from '../../shared/api';
import { parseConfig, type Config } from '../../shared/config';

export const BENCH_START = Date.parse('2025-01-01T00:00:00Z');

/** 7 regions × 6 districts × 5 units = 210 units, like NHS England's shape; occupancy judged by thresholds, or also by Cyberstride. */
export function benchConfig(detectors: 'threshold' | 'cyberstride'): Config {
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
    allowances: { unit: '4h', district: '4h', region: '4h' },
    indicators: [
      { id: 'occupied', label: 'occupied', better: 'lower', period: '1h', detectors: [] },
      { id: 'open', label: 'open', better: 'higher', period: '1h', detectors: [] },
      {
        id: 'occ', label: 'occupancy', better: 'lower', period: '1h', ratio: { numerator: 'occupied', denominator: 'open' },
        thresholds: { alert: 0.95, crisis: 0.99 }, detectors: detectors === 'threshold' ? ['threshold'] : ['threshold', 'cyberstride'],
      },
    ],
    nodes,
  });
}

export const BENCH_UNITS = benchConfig('threshold').nodes.filter((node) => node.level === 'unit').map((node) => node.id);

/** Reading number `n` of an endless stream spread across every unit and both raw parts, hour after hour. */
export function benchReading(n: number): Reading {
  const unit = BENCH_UNITS[(n >> 1) % BENCH_UNITS.length]!;
  const hour = Math.floor(n / (BENCH_UNITS.length * 2));
  const occupied = n % 2 === 0;
  return { unit, indicator: occupied ? 'occupied' : 'open', ts: new Date(BENCH_START + hour * 3_600_000).toISOString(), value: occupied ? 80 + (n % 17) : 100 };
}

/** What the load generator posts: `count` bodies from reading number `from` on, each of `size` readings (size 1: a bare reading). */
export interface BodySpec {
  from: number;
  count: number;
  size: number;
}

export function bodiesFor(spec: BodySpec): string[] {
  return Array.from({ length: spec.count }, (_, i) => {
    const first = spec.from + i * spec.size;
    if (spec.size === 1) return JSON.stringify(benchReading(first));
    return JSON.stringify({ readings: Array.from({ length: spec.size }, (_, j) => benchReading(first + j)) });
  });
}
