import type { Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import { inParallel, issueReporterToken, postReadings, ServerError } from './client';
import { buildModel, readingsAt } from './model';

export { buildModel, readingsAt, pressureAt, TICKS_PER_DAY, type SimModel } from './model';
export { mulberry32, hashKey } from './prng';

export interface SimulatorOptions {
  url: string;
  adminToken: string;
  config: Config;
  seed?: number;
  intervalMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_SEED = 1971;

/** The tick defaults to the shortest indicator period, kept between 1 s and 1 min so a demo moves. */
export function defaultInterval(config: Config): number {
  const periods = config.indicators.filter((i) => !i.ratio).map((i) => i.period);
  return Math.min(60_000, Math.max(1000, Math.min(...periods)));
}

/** Groups readings by unit: each unit posts its own batch with its own token. */
export function byUnit(readings: readonly Reading[]): Map<string, Reading[]> {
  const groups = new Map<string, Reading[]>();
  for (const reading of readings) {
    const group = groups.get(reading.unit);
    if (group) group.push(reading);
    else groups.set(reading.unit, [reading]);
  }
  return groups;
}

/**
 * Runs the simulated units against a server: issues a reporter token per unit with the admin
 * token, then on every tick posts each unit's readings, stamped with the current time. Ticks are
 * aligned to multiples of the interval so that each tick lands in a period of its own.
 */
export function startSimulator(options: SimulatorOptions): { stop(): void } {
  const log = options.log ?? (() => undefined);
  const intervalMs = options.intervalMs ?? defaultInterval(options.config);
  const model = buildModel(options.config, { seed: options.seed ?? DEFAULT_SEED, tickMs: intervalMs });
  const periodOf = new Map(options.config.indicators.map((i) => [i.id, i.period]));
  const lastPeriod = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let firstTick: number | null = null;
  const tokens = new Map<string, string>();

  const schedule = (run: () => void) => {
    if (stopped) return;
    const now = Date.now();
    // A little after the boundary, so clocks a few milliseconds apart agree on the period.
    const delay = Math.ceil(now / intervalMs) * intervalMs + Math.min(250, intervalMs / 10) - now;
    timer = setTimeout(run, delay);
  };

  /** Indicators whose period has moved on since they were last posted (a long period is posted once). */
  const due = (readings: Reading[], now: number) =>
    readings.filter((reading) => {
      const period = Math.floor(now / (periodOf.get(reading.indicator) ?? intervalMs));
      return lastPeriod.get(`${reading.unit}/${reading.indicator}`) !== period;
    });

  const tick = async () => {
    const now = Date.now();
    const index = Math.floor(now / intervalMs);
    firstTick ??= index;
    const readings = due(readingsAt(model, index - firstTick, new Date(now).toISOString()), now);
    const results = await inParallel([...byUnit(readings)], 8, async ([unit, batch]) => {
      try {
        await postReadings(options.url, tokens.get(unit)!, batch);
        for (const r of batch) lastPeriod.set(`${r.unit}/${r.indicator}`, Math.floor(now / (periodOf.get(r.indicator) ?? intervalMs)));
        return true;
      } catch (error) {
        log(`simulator: ${unit}: ${(error as Error).message}`);
        return false;
      }
    });
    const failed = results.filter((ok) => !ok).length;
    if (failed > 0) log(`simulator: tick ${index - firstTick}: ${failed} of ${results.length} units failed`);
  };

  const loop = () => {
    void tick().finally(() => schedule(loop));
  };

  const start = async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const missing = model.units.filter((u) => !tokens.has(u.id));
        await inParallel(missing, 8, async (unit) => tokens.set(unit.id, await issueReporterToken(options.url, options.adminToken, unit.id)));
        break;
      } catch (error) {
        if (error instanceof ServerError && [400, 401, 403, 404].includes(error.status)) {
          log(`simulator: cannot issue reporter tokens (${error.message}); not starting`);
          return;
        }
        log(`simulator: cannot issue reporter tokens yet (${(error as Error).message}); retrying`);
        await new Promise((resolve) => (timer = setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt))));
      }
    }
    if (stopped) return;
    log(`simulator: ${model.units.length} units, ${model.signals.length} signals each, a tick every ${intervalMs} ms (seed ${model.seed})`);
    schedule(loop);
  };
  void start();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
