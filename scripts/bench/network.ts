/** The bench's networks and readings: deterministic, so every figure and its ceiling see the same bodies. */
import type { Reading } from '../../shared/api';
import { parseConfig, type Config } from '../../shared/config';

export const BENCH_START = Date.parse('2025-01-01T00:00:00Z');

/** The networks: `bench` is 7 regions × 6 districts × 5 units = 210 units, like NHS England's shape; `scale` is 10 × 10 × 50 = 5,000 units. */
export type NetworkName = 'bench' | 'scale';
const SHAPES: Record<NetworkName, [number, number, number]> = { bench: [7, 6, 5], scale: [10, 10, 50] };

/** Occupancy judged by thresholds, or also by Cyberstride; its raw parts judged by nothing. */
/** The tree of a network: England, its regions, their districts, their units (`R3D2U4`). */
export function benchNodes(network: NetworkName = 'bench'): Config['nodes'] {
  const [regions, districts, units] = SHAPES[network];
  const nodes: Config['nodes'] = [{ id: 'ENG', name: 'England', level: 'national' }];
  for (let r = 0; r < regions; r++) {
    nodes.push({ id: `R${r}`, name: `Region ${r}`, level: 'region', parent: 'ENG' });
    for (let d = 0; d < districts; d++) {
      nodes.push({ id: `R${r}D${d}`, name: `District ${r}.${d}`, level: 'district', parent: `R${r}` });
      for (let u = 0; u < units; u++) nodes.push({ id: `R${r}D${d}U${u}`, name: `Unit ${r}.${d}.${u}`, level: 'unit', parent: `R${r}D${d}` });
    }
  }
  return nodes;
}

export function benchConfig(detectors: 'threshold' | 'cyberstride', network: NetworkName = 'bench'): Config {
  const nodes = benchNodes(network);
  return parseConfig({
    name: 'bench', levels: ['national', 'region', 'district', 'unit'], publicRead: true,
    // The readings start on 1 January 2025, whatever the day the bench runs.
    historyHorizon: '3650d',
    allowances: { unit: '4h', district: '4h', region: '4h' },
    indicators: [
      // No-report off: the readings are a backfill from 2025 posted against the wall clock, so every series
      // would be overdue and its no-report episode reopen with every batch (about 900 episode changes a
      // 1000-reading batch, most of the server's time in the profile); units reporting on time make none.
      { id: 'occupied', label: 'occupied', better: 'lower', period: '1h', detectors: [], noReport: false },
      { id: 'open', label: 'open', better: 'higher', period: '1h', detectors: [], noReport: false },
      {
        id: 'occ', label: 'occupancy', better: 'lower', period: '1h', ratio: { numerator: 'occupied', denominator: 'open' },
        thresholds: { alert: 0.95, crisis: 0.99 }, detectors: detectors === 'threshold' ? ['threshold'] : ['threshold', 'cyberstride'],
      },
    ],
    nodes,
  });
}

const unitsOf = (network: NetworkName) => benchConfig('threshold', network).nodes.filter((node) => node.level === 'unit').map((node) => node.id);
export const BENCH_UNITS = unitsOf('bench');
const SCALE_UNITS = unitsOf('scale');

/** Reading number `n` of an endless stream spread across every unit and both raw parts, hour after hour. */
export function benchReading(n: number, network: NetworkName = 'bench'): Reading {
  const units = network === 'bench' ? BENCH_UNITS : SCALE_UNITS;
  const unit = units[(n >> 1) % units.length]!;
  const hour = Math.floor(n / (units.length * 2));
  const occupied = n % 2 === 0;
  return { unit, indicator: occupied ? 'occupied' : 'open', ts: new Date(BENCH_START + hour * 3_600_000).toISOString(), value: occupied ? 80 + (n % 17) : 100 };
}

/** What the load generator posts: `count` bodies from reading number `from` on, each of `size` readings (size 1: a bare reading). */
export interface BodySpec {
  from: number;
  count: number;
  size: number;
  network?: NetworkName;
}

export function bodiesFor(spec: BodySpec): string[] {
  return Array.from({ length: spec.count }, (_, i) => {
    const first = spec.from + i * spec.size;
    if (spec.size === 1) return JSON.stringify(benchReading(first, spec.network));
    return JSON.stringify({ readings: Array.from({ length: spec.size }, (_, j) => benchReading(first + j, spec.network)) });
  });
}
