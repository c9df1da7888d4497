import { parseConfig, type Config } from '../../shared/config';

/** A small network shaped like the demo configuration: four levels, minute-long allowances. */
export function demoConfig(): Config {
  const units = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
  return parseConfig({
    name: 'simulator test network',
    levels: ['national', 'region', 'district', 'unit'],
    allowances: { unit: '1m', district: '2m', region: '3m' },
    indicators: [
      { id: 'beds_open', label: 'Beds open', unit: 'beds', better: 'higher', period: '15s', detectors: [] },
      { id: 'beds_occupied', label: 'Beds occupied', unit: 'beds', better: 'lower', period: '15s', detectors: [] },
      {
        id: 'occupancy', label: 'Bed occupancy', unit: 'ratio', better: 'lower', period: '15s',
        ratio: { numerator: 'beds_occupied', denominator: 'beds_open' },
        capability: 0.92, thresholds: { alert: 0.95, crisis: 0.98 },
      },
      { id: 'handovers_over_60', label: 'Ambulance handovers over 60 min', unit: 'handovers', better: 'lower', period: '15s' },
      { id: 'wait_minutes', label: 'Mean handover wait', unit: 'min', better: 'lower', period: '15s', aggregate: 'mean', thresholds: { alert: 30, crisis: 60 }, capability: 15 },
    ],
    nodes: [
      { id: 'nat', name: 'Nation', level: 'national' },
      { id: 'r1', name: 'North', level: 'region', parent: 'nat' },
      { id: 'r2', name: 'South', level: 'region', parent: 'nat' },
      { id: 'd1', name: 'D1', level: 'district', parent: 'r1' },
      { id: 'd2', name: 'D2', level: 'district', parent: 'r2' },
      ...units.map((id, i) => ({ id, name: `Unit ${i + 1}`, level: 'unit', parent: i < 4 ? 'd1' : 'd2' })),
    ],
  });
}
