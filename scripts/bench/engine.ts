/**
 * engine_threshold and engine_cyberstride: readings/s through the reducer alone (no HTTP, no SQLite),
 * replaying a log of the example network recorded from the simulator (data/example.json, its seed),
 * one step per tick as the server would take it. With thresholds only, Cyberstride is taken off
 * every indicator; with Cyberstride, the example's own detectors run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Reading } from '../../shared/api';
import { parseConfig, type Config } from '../../shared/config';
import { Engine } from '../../server/domain/engine';
import { buildModel, DEFAULT_SEED, readingsAt } from '../sim';

export function exampleConfig(detectors: 'threshold' | 'cyberstride'): Config {
  const config = parseConfig(JSON.parse(readFileSync(resolve(__dirname, '../../data/example.json'), 'utf8')));
  if (detectors === 'cyberstride') return config;
  return { ...config, indicators: config.indicators.map((indicator) => ({ ...indicator, detectors: (indicator.detectors ?? (indicator.thresholds ? ['threshold' as const] : [])).filter((d) => d === 'threshold') })) };
}

export interface RecordedTick {
  now: number;
  readings: Reading[];
}

/** The simulator's readings for `ticks` ticks, one period apart, from 1 January 2025. */
export function recordExampleLog(ticks: number): RecordedTick[] {
  const config = exampleConfig('cyberstride');
  const tickMs = Math.min(...config.indicators.filter((i) => !i.ratio).map((i) => i.period));
  const model = buildModel(config, { seed: DEFAULT_SEED, tickMs });
  const start = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: ticks }, (_, tick) => {
    const at = start + tick * tickMs;
    return { now: at + 250, readings: readingsAt(model, tick, new Date(at).toISOString()) };
  });
}

/** Replays the log from an empty engine until it ends or `budgetMs` has gone; readings/s and how many were replayed. */
export function replay(config: Config, log: readonly RecordedTick[], budgetMs: number): { perSecond: number; readings: number; series: number } {
  const engine = new Engine(config);
  let readings = 0;
  const started = performance.now();
  let elapsed = 0;
  for (const tick of log) {
    const due = engine.nextDue();
    if (due !== null && due <= tick.now) engine.advance(tick.now);
    engine.step({ type: 'readings', readings: tick.readings }, tick.now);
    readings += tick.readings.length;
    elapsed = performance.now() - started;
    if (elapsed > budgetMs) break;
  }
  return { perSecond: readings / (elapsed / 1000), readings, series: engine.state.series.size };
}
