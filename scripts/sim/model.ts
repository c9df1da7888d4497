import type { Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import { between, streamFor } from './prng';
import { shocksNear, shockShape, type ShockTiming, type Temperament } from './shocks';
import { allowanceMs, planSignals, valueAt, type SignalPlan } from './signals';

/**
 * The simulated network: a pure function of (seed, configuration, tick). One tick is one report
 * from every unit and, for the rhythms, one simulated hour; tick 0 is a Monday 00:00 on 1 December.
 */
export interface SimModel {
  seed: number;
  units: Array<{ id: string; temperament: Temperament; size: number }>;
  signals: SignalPlan[];
  timing: Map<string, ShockTiming>;
}

export const TICKS_PER_DAY = 24;
const WEEKDAY_PRESSURE = [0.18, 0.1, 0.04, 0, 0.03, -0.12, -0.18]; // Monday first: the Monday surge, quieter weekends
const TEMPERAMENTS: Temperament[] = ['steady', 'stretched', 'improving'];

export interface ModelOptions {
  seed: number;
  /** Real time between ticks, to size shocks against the allowances. */
  tickMs: number;
}

export function buildModel(config: Config, options: ModelOptions): SimModel {
  const unitLevel = config.levels.at(-1)!;
  const districtLevel = config.levels.at(-2) ?? unitLevel;
  const seed = options.seed >>> 0;
  const units = config.nodes
    .filter((node) => node.level === unitLevel)
    .map((node, i) => {
      const next = streamFor(seed, 'unit', node.id);
      // Every third unit of the list has each temperament, shuffled by the seed, so a small network has all three.
      const temperament = TEMPERAMENTS[(i + Math.floor(next() * 3)) % 3]!;
      return { id: node.id, temperament, size: between(next, 0.4, 1.6) };
    });
  const timing = new Map<string, ShockTiming>();
  for (const indicator of config.indicators) {
    const ticks = (level: string) => Math.max(1, Math.round(allowanceMs(config, indicator, level) / options.tickMs));
    const thresholds = indicator.thresholds;
    const hasCrisis = thresholds !== undefined && JSON.stringify(thresholds).includes('"crisis"');
    timing.set(indicator.id, { unitWindow: ticks(unitLevel), districtWindow: ticks(districtLevel), hasCrisis });
  }
  return { seed, units, signals: planSignals(config), timing };
}

/** Winter pressure over the season from 1 December: rising to early January, easing by March. */
function winter(tick: number): number {
  const day = tick / TICKS_PER_DAY;
  return 0.18 * Math.sin(Math.PI * Math.min(1, Math.max(0, (day + 20) / 110)));
}

function rhythm(tick: number): number {
  const hour = tick % TICKS_PER_DAY;
  const weekday = Math.floor(tick / TICKS_PER_DAY) % 7;
  // Beds fill through the day and empty after the late-morning discharges.
  return 0.25 * Math.sin((2 * Math.PI * (hour - 8)) / TICKS_PER_DAY) + WEEKDAY_PRESSURE[weekday]!;
}

/** A unit's pressure on one signal at one tick: baseline + rhythms + noise, unless a shock is under way. */
export function pressureAt(model: SimModel, unit: SimModel['units'][number], signal: SignalPlan, tick: number): number {
  const key = `${unit.id}/${signal.id}`;
  const base = between(streamFor(model.seed, 'base', key), -0.75, -0.3);
  const noiseStream = streamFor(model.seed, 'noise', key, tick);
  const noise = 0.12 * (noiseStream() + noiseStream() + noiseStream() - 1.5);
  const usual = base + rhythm(tick) + winter(tick) + noise;
  const timing = model.timing.get(signal.id)!;
  // A shock takes the pressure to its peak whatever the rhythms were doing, with a little noise kept.
  let pressure = usual;
  for (const shock of shocksNear(model.seed, key, tick, unit.temperament, timing)) {
    const shaped = usual + (shock.peak + noise / 2 - usual) * shockShape(shock, tick);
    if (Math.abs(shaped - usual) > Math.abs(pressure - usual)) pressure = shaped;
  }
  return pressure;
}

const round = (value: number, integer: boolean) => (integer ? Math.round(value) : Math.round(value * 1000) / 1000);

/** Every reading the units post at one tick, stamped `ts`. */
export function readingsAt(model: SimModel, tick: number, ts: string): Reading[] {
  const readings: Reading[] = [];
  for (const unit of model.units) {
    for (const signal of model.signals) {
      const pressure = pressureAt(model, unit, signal, tick);
      if (signal.kind === 'ratio') {
        const capacity = Math.max(1, Math.round(unitCapacity(model, unit, signal, tick)));
        const ratio = valueAt(signal.anchors, pressure);
        readings.push({ unit: unit.id, indicator: signal.denominator, ts, value: capacity });
        readings.push({ unit: unit.id, indicator: signal.numerator, ts, value: round(ratio * capacity, signal.integer) });
      } else if (signal.kind === 'aimed') {
        readings.push({ unit: unit.id, indicator: signal.id, ts, value: round(valueAt(signal.anchors, pressure), signal.integer) });
      } else {
        // Counts swing around their baseline: pressure 1 is roughly double the usual.
        const value = signal.baseline * unit.size * Math.max(0, 1 + 0.8 * (pressure + 0.5));
        readings.push({ unit: unit.id, indicator: signal.id, ts, value: round(value, signal.integer) });
      }
    }
  }
  return readings;
}

/** Beds stay put but for a few closed at weekends; other denominators (arrivals, attendances) follow the day's rhythm. */
function unitCapacity(model: SimModel, unit: SimModel['units'][number], signal: Extract<SignalPlan, { kind: 'ratio' }>, tick: number): number {
  const beds = /bed/i.test(signal.denominator);
  const size = (beds ? 500 : 60) * unit.size * between(streamFor(model.seed, 'capacity', unit.id, signal.id), 0.9, 1.1);
  if (beds) return tick % (7 * TICKS_PER_DAY) >= 5 * TICKS_PER_DAY ? size * 0.97 : size;
  return size * (1 + rhythm(tick));
}
