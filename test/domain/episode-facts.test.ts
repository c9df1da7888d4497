import { episodeSchema, type Episode } from '../../shared/api';
import { Engine } from '../../server/domain/engine';
import { listEpisodes } from '../../server/domain/views';
import { at, iso, reading, testConfig } from '../helpers/network';
import { gaussian, mulberry32 } from './detectors/random';

type Indicator = NonNullable<Parameters<typeof testConfig>[1]>[string];

/** Readings of `load` at one unit, hour by hour from hour 0, each posted a minute into the next hour. */
function feed(unit: string, values: (number | null)[], indicator: Indicator = {}, config = {}) {
  const engine = new Engine(testConfig(config, { load: indicator }));
  values.forEach((value, hour) => {
    if (value !== null) engine.step({ type: 'readings', readings: [reading(unit, 'load', hour, value)] }, at(hour) + 60_000);
  });
  return engine;
}
/** Every episode as the API serves it, parsed with the schema the client parses it with. */
const episodesOf = (engine: Engine, node: string): Episode[] => listEpisodes(engine).filter((e) => e.node === node).map((e) => episodeSchema.parse(e));
const level = (n: number, value: number) => Array.from({ length: n }, () => value);

describe('a threshold episode says the bound it crossed and the value now', () => {
  test('a unit over its alert bound: the bound and the clear bound of the unit level, the value it opened on and the value now', () => {
    const engine = feed('U1', [...level(8, 5), 12, 14, 15]);
    const [episode] = episodesOf(engine, 'U1');
    expect(episode).toMatchObject({
      kind: 'threshold', severity: 'alert', value: 12,
      opening: { period: iso(at(8)), value: 12, coverage: 1, reported: 1, expected: 1 },
      now: { period: iso(at(10)), value: 15, coverage: 1, reported: 1, expected: 1 },
      cause: { type: 'bound', bound: 'alert', value: 10, alert: 10, crisis: 20, clear: 8 },
    });
    // From a little before it opened (six periods of lead-in) to now, every judged figure.
    expect(episode!.spark).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10].map((hour) => ({ period: iso(at(hour)), value: hour < 8 ? 5 : hour === 8 ? 12 : hour === 9 ? 14 : 15 })));
  });

  test('once it is that bad, the bound crossed is the crisis bound', () => {
    const engine = feed('U1', [5, 12, 25]);
    expect(episodesOf(engine, 'U1')[0]).toMatchObject({ severity: 'crisis', value: 12, now: { value: 25 }, cause: { type: 'bound', bound: 'crisis', value: 20 } });
  });

  // Each unit within its own bound (10), the district out of its own (15): the district's own episode.
  const perLevel = { thresholds: { unit: { alert: 10, crisis: 20, clear: 8 }, district: { alert: 15, crisis: 40, clear: 13 }, region: { alert: 30 }, national: { alert: 40 } } };

  test('a district figure is measured against the district\'s own bounds, and says how many of its units reported', () => {
    const engine = new Engine(testConfig({}, { load: perLevel }));
    engine.step({ type: 'readings', readings: [reading('U1', 'load', 0, 9), reading('U2', 'load', 0, 8)] }, at(0) + 60_000);
    expect(episodesOf(engine, 'D1')[0]).toMatchObject({
      value: 17, cause: { type: 'bound', bound: 'alert', value: 15, clear: 13 },
      opening: { value: 17, reported: 2, expected: 2 }, now: { value: 17, reported: 2, expected: 2 },
    });
  });

  test('the value now is the latest judged figure: a half-reported district is not it', () => {
    const engine = new Engine(testConfig({}, { load: perLevel }));
    engine.step({ type: 'readings', readings: [reading('U1', 'load', 0, 9), reading('U2', 'load', 0, 8)] }, at(0) + 60_000);
    // At hour 1 only U1 has reported: the district's figure (9, from half its units) waits for U2 or the grace.
    engine.step({ type: 'readings', readings: [reading('U1', 'load', 1, 9)] }, at(1) + 60_000);
    expect(episodesOf(engine, 'D1')[0]!.now).toMatchObject({ period: iso(at(0)), value: 17 });
    // Past the grace the half-reported figure is final, but 1 of 2 is under the minimum coverage: still not judged, still not "now".
    engine.advance(at(3) + 1);
    expect(episodesOf(engine, 'D1')[0]!.now).toMatchObject({ period: iso(at(0)), value: 17 });
    engine.step({ type: 'readings', readings: [reading('U1', 'load', 2, 9), reading('U2', 'load', 2, 9)] }, at(3) + 2);
    expect(episodesOf(engine, 'D1')[0]!.now).toMatchObject({ period: iso(at(2)), value: 18, reported: 2, expected: 2 });
  });
});

describe('the sparkline of a long episode stays small', () => {
  test('200 hours in alert: at most 48 points, from before it opened to now, the worst hour kept', () => {
    const values = [...level(10, 5), ...Array.from({ length: 200 }, (_, i) => (i === 77 ? 19 : 12 + (i % 3)))];
    const [episode] = episodesOf(feed('U1', values), 'U1');
    const spark = episode!.spark!;
    expect(spark.length).toBeLessThanOrEqual(48);
    expect(Date.parse(spark[0]!.period)).toBeLessThan(Date.parse(episode!.period)); // a little before it opened
    expect(spark[spark.length - 1]).toEqual({ period: episode!.now!.period, value: episode!.now!.value });
    expect(spark.map((p) => p.value)).toContain(19); // lower is better: the thinning keeps the highest of each stretch
  });
});

describe('Cyberstride and SPC episodes say what was expected and which rule fired', () => {
  test('a lasting step up: the level the forecaster had before the change', () => {
    const noise = mulberry32(7);
    const engine = new Engine(testConfig({}, { load: { thresholds: undefined, detectors: ['cyberstride'] } }));
    [...level(40, 100), ...level(15, 120)].forEach((value, hour) =>
      engine.step({ type: 'readings', readings: [reading('U4', 'load', hour, value + 2 * gaussian(noise))] }, at(hour) + 60_000));
    const [episode] = episodesOf(engine, 'U4');
    expect(episode).toMatchObject({ kind: 'step', direction: 'pain', cause: { type: 'forecast' } });
    const cause = episode!.cause as Extract<Episode['cause'], { type: 'forecast' }>;
    expect(Math.abs(cause.expected - 100)).toBeLessThan(4); // about 100 before…
    expect(episode!.value!).toBeGreaterThan(112); // …and the value that opened it well above
    expect(cause.probability).toBeGreaterThan(0.5);
  });

  test('a run of 7 above the mean: the rule, its length and the mean it was judged against', () => {
    const baseline = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 10];
    const engine = feed('U4', [...baseline, ...level(7, 11.5)], { thresholds: undefined, detectors: ['spc'] });
    const [episode] = episodesOf(engine, 'U4');
    expect(episode).toMatchObject({ kind: 'spc', direction: 'pain', value: 11.5, cause: { type: 'spc', rule: 'run', side: 'high', points: 7 } });
    const cause = episode!.cause as Extract<Episode['cause'], { type: 'spc' }>;
    expect(cause.mean).toBeCloseTo(baseline.reduce((a, b) => a + b, 0) / baseline.length, 6);
    expect(cause.limit).toBe(cause.mean);
    expect(cause.upper).toBeGreaterThan(11.5);
  });

  test('a point beyond the upper process limit names that rule and the limit', () => {
    const baseline = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 10];
    const [episode] = episodesOf(feed('U4', [...baseline, 17], { thresholds: undefined, detectors: ['spc'] }), 'U4');
    const cause = episode!.cause as Extract<Episode['cause'], { type: 'spc' }>;
    expect(cause).toMatchObject({ rule: 'beyondLimits', side: 'high', points: 1 });
    expect(cause.limit).toBe(cause.upper);
    expect(cause.upper).toBeLessThan(17);
  });
});

describe('a missing report says when the unit last reported', () => {
  test('the last period with a reading and when the reading came', () => {
    const engine = new Engine(testConfig({}, { load: { noReport: '1h' } }));
    for (const hour of [0, 1, 2]) engine.step({ type: 'readings', readings: [{ ...reading('U3', 'load', hour, 4), ts: iso(at(hour) + 14 * 60_000) }] }, at(hour) + 15 * 60_000);
    engine.advance(at(6));
    const episode = episodesOf(engine, 'U3').find((e) => e.kind === 'no-report');
    expect(episode).toMatchObject({
      opening: null,
      now: { period: iso(at(2)), value: 4 },
      cause: { type: 'no-report', lastPeriod: iso(at(2)), lastReportAt: iso(at(2) + 14 * 60_000) },
    });
  });
});
