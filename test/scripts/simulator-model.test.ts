import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openOpsroom } from '../../server/app/opsroom';
import { readingSchema } from '../../shared/api';
import { parseConfig, type Config } from '../../shared/config';
import { buildModel, readingsAt, TICKS_PER_DAY } from '../../scripts/sim/index';
import { demoConfig } from './demo-config';

const exampleConfig = (): Config => parseConfig(JSON.parse(readFileSync(resolve(__dirname, '../../data/example.json'), 'utf8')));
const START = Date.parse('2026-12-07T00:00:00Z');
const TICK_MS = 15_000;

function run(config: Config, seed: number, ticks: number, tickMs = TICK_MS) {
  const model = buildModel(config, { seed, tickMs });
  return Array.from({ length: ticks }, (_, tick) => readingsAt(model, tick, new Date(START + tick * tickMs).toISOString()));
}

/** Each unit's value of each indicator with an alert bound, tick by tick, as `better`-is-lower numbers over the bound. */
function againstBounds(config: Config, seed: number, ticks: number): Map<string, number[]> {
  const bounded = config.indicators.filter((i) => i.thresholds && 'alert' in i.thresholds);
  const byKey = new Map<string, number[]>();
  for (const readings of run(config, seed, ticks)) {
    const value = (unit: string, indicator: string) => readings.find((r) => r.unit === unit && r.indicator === indicator)!.value;
    for (const unit of new Set(readings.map((r) => r.unit))) {
      for (const indicator of bounded) {
        const actual = indicator.ratio ? value(unit, indicator.ratio.numerator) / value(unit, indicator.ratio.denominator) : value(unit, indicator.id);
        const alert = (indicator.thresholds as { alert: number }).alert;
        const over = indicator.better === 'lower' ? actual - alert : alert - actual;
        const key = `${unit} ${indicator.id}`;
        byKey.set(key, [...(byKey.get(key) ?? []), over]);
      }
    }
  }
  return byKey;
}

describe('the simulator model', () => {
  it('gives the same readings for the same seed, and others for another', () => {
    const config = demoConfig();
    expect(run(config, 7, 48)).toEqual(run(config, 7, 48));
    expect(run(config, 8, 48)).not.toEqual(run(config, 7, 48));
    // Any tick can be computed on its own: no state carried from tick to tick.
    const model = buildModel(config, { seed: 7, tickMs: TICK_MS });
    expect(readingsAt(model, 40, 'x')).toEqual(readingsAt(buildModel(config, { seed: 7, tickMs: TICK_MS }), 40, 'x'));
  });

  it.each([['the test network', demoConfig], ['data/example.json', exampleConfig]])('posts valid, plausible readings for every unit of %s', (_name, make) => {
    const config = make();
    const units = config.nodes.filter((n) => n.level === config.levels.at(-1)).map((n) => n.id).sort();
    const postable = config.indicators.filter((i) => !i.ratio).map((i) => i.id).sort();
    for (const readings of run(config, 1971, 2 * TICKS_PER_DAY)) {
      for (const reading of readings) expect(readingSchema.safeParse(reading).success).toBe(true);
      expect([...new Set(readings.map((r) => r.unit))].sort()).toEqual(units);
      expect([...new Set(readings.map((r) => r.indicator))].sort()).toEqual(postable);
      for (const r of readings) {
        expect(r.value).toBeGreaterThanOrEqual(0);
        if (r.indicator.startsWith('beds')) expect(Number.isInteger(r.value)).toBe(true);
      }
      for (const unit of units) {
        const value = (indicator: string) => readings.find((r) => r.unit === unit && r.indicator === indicator)!.value;
        expect(value('beds_occupied') / value('beds_open')).toBeLessThanOrEqual(1.02);
        expect(value('beds_occupied') / value('beds_open')).toBeGreaterThan(0.7);
      }
    }
  });

  it.each([1971, 1, 2, 3, 42])('over a simulated day, some units cross the alert bound and come back (seed %i)', (seed) => {
    const config = demoConfig();
    const series = againstBounds(config, seed, TICKS_PER_DAY);
    const crossedAndBack = [...series.values()].filter((values) => {
      const first = values.findIndex((v) => v > 0);
      return first >= 0 && values.slice(first).some((v) => v <= 0);
    });
    const calm = [...series.values()].filter((values) => values.every((v) => v <= 0));
    expect(crossedAndBack.length).toBeGreaterThanOrEqual(1);
    expect(calm.length).toBeGreaterThanOrEqual(1);
  });

  it('through the engine, gives episodes settled locally, episodes that climb, and quiet units', () => {
    const config = exampleConfig();
    const tickMs = 30_000;
    const model = buildModel(config, { seed: 1971, tickMs });
    const room = openOpsroom({ config, dbPath: ':memory:', clock: () => START });
    for (let tick = 0; tick < 2 * TICKS_PER_DAY; tick++) {
      const at = START + tick * tickMs + 1000;
      room.ingest(readingsAt(model, tick, new Date(at).toISOString()), at);
    }
    const episodes = room.episodes({ status: 'all' });
    room.close();
    const escalated = episodes.filter((e) => e.path.some((p) => p.type === 'escalated'));
    expect(episodes.some((e) => e.status === 'resolved' && e.resolvedLevel === 'unit')).toBe(true);
    expect(escalated.length).toBeGreaterThanOrEqual(1);
    expect(escalated.some((e) => e.reached.includes('national') || e.holderLevel === 'region' || e.holderLevel === 'national')).toBe(true);
    // Posting every 30 s for 10-second periods, every unit misses reports; quiet means no trouble in its figures.
    const touched = new Set(episodes.filter((e) => e.kind !== 'no-report').map((e) => e.node));
    expect(config.nodes.some((n) => n.level === 'unit' && !touched.has(n.id))).toBe(true);
  });
});
