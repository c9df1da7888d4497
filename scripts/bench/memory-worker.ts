/**
 * memory_per_series, run in a child with --expose-gc (memory.ts): the engine's heap per series once
 * every series holds `periods` periods, from an empty engine fed hour after hour on a flat network
 * of `units` units (two raw parts and their ratio each, judged by thresholds), heap measured after a
 * full collection before and after. Prints one JSON line.
 */
import { parseConfig, type Config } from '../../shared/config';
import type { Reading } from '../../shared/api';
import { Engine } from '../../server/domain/engine';

const [units, periods] = process.argv.slice(2).map(Number) as [number, number];
const DISTRICTS = Math.max(1, Math.round(Math.sqrt(units)));

function memoryConfig(): Config {
  const nodes: Config['nodes'] = [{ id: 'N', name: 'Nation', level: 'national' }];
  for (let d = 0; d < DISTRICTS; d++) nodes.push({ id: `D${d}`, name: `District ${d}`, level: 'district', parent: 'N' });
  for (let u = 0; u < units; u++) nodes.push({ id: `U${u}`, name: `Unit ${u}`, level: 'unit', parent: `D${u % DISTRICTS}` });
  return parseConfig({
    name: 'memory', levels: ['national', 'district', 'unit'], publicRead: true, historyHorizon: '3650d',
    allowances: { unit: '4h', district: '4h' },
    indicators: [
      { id: 'occupied', label: 'occupied', better: 'lower', period: '1h', detectors: [] },
      { id: 'open', label: 'open', better: 'higher', period: '1h', detectors: [] },
      { id: 'occ', label: 'occupancy', better: 'lower', period: '1h', ratio: { numerator: 'occupied', denominator: 'open' }, thresholds: { alert: 0.95, crisis: 0.99 }, detectors: ['threshold'] },
    ],
    nodes,
  });
}

const gc = (globalThis as { gc?: () => void }).gc!;
const start = Date.parse('2025-01-01T00:00:00Z');
const engine = new Engine(memoryConfig());
gc();
const before = process.memoryUsage().heapUsed;
for (let hour = 0; hour < periods; hour++) {
  const ts = new Date(start + hour * 3_600_000).toISOString();
  const readings: Reading[] = [];
  for (let u = 0; u < units; u++) {
    readings.push({ unit: `U${u}`, indicator: 'open', ts, value: 100 }, { unit: `U${u}`, indicator: 'occupied', ts, value: 70 + ((u * 7 + hour) % 25) });
  }
  engine.step({ type: 'readings', readings }, start + hour * 3_600_000 + 60_000);
}
gc();
const after = process.memoryUsage().heapUsed;
const series = engine.state.series.size;
console.log(JSON.stringify({ series, periods, bytesPerSeries: (after - before) / series }));
