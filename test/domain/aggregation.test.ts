import { Engine } from '../../server/domain/engine';
import { engineFromSnapshot, snapshotOf } from '../../server/domain/snapshot';
import { KEEP_PERIODS } from '../../server/domain/state';
import { listEpisodes, seriesView, nodeView, tripleIndex } from '../../server/domain/views';
import type { Reading } from '../../shared/api';
import { at, iso, reading, testConfig } from '../helpers/network';

const post = (engine: Engine, now: number, ...readings: Reading[]) => engine.step({ type: 'readings', readings }, now);
const point = (engine: Engine, node: string, indicator: string, hour = 0) =>
  seriesView(engine, node, indicator).points.find((p) => p.period === iso(at(hour)));

describe('aggregation up the tree', () => {
  test('sums add, a ratio divides summed parts (never a mean of ratios), coverage counts units', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0) + 1, reading('U1', 'occupied', 0, 90), reading('U1', 'open', 0, 100), reading('U2', 'occupied', 0, 10), reading('U2', 'open', 0, 50));
    expect(point(engine, 'D1', 'occupied')).toMatchObject({ value: 100, coverage: 1, final: true });
    expect(point(engine, 'D1', 'occ')!.value).toBeCloseTo(100 / 150); // the mean of ratios would be 0.55
    expect(point(engine, 'R1', 'occupied')).toMatchObject({ value: 100, coverage: 2 / 3, final: false });
    expect(point(engine, 'ENG', 'occ')).toMatchObject({ coverage: 0.5, final: false });
  });

  test('a ratio counts only units that reported both parts', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'occupied', 0, 90), reading('U1', 'open', 0, 100), reading('U2', 'occupied', 0, 40));
    expect(point(engine, 'D1', 'occ')).toMatchObject({ value: 0.9, coverage: 0.5 });
    expect(point(engine, 'D1', 'occupied')).toMatchObject({ value: 130, coverage: 1 });
  });

  test('a unit that does not report an indicator is not expected in its coverage, and its readings of it are refused', () => {
    // U2 is an A&E-only provider, say: no bed figures, so bed occupancy must not wait for it or count it missing.
    const base = testConfig();
    const config = testConfig({ nodes: base.nodes.map((node) => (node.id === 'U2' ? { ...node, reports: ['load'] } : node)) });
    const engine = new Engine(config);
    post(engine, at(0), reading('U1', 'occupied', 0, 96), reading('U1', 'open', 0, 100), reading('U2', 'load', 0, 3));
    expect(point(engine, 'D1', 'occ')).toMatchObject({ value: 0.96, coverage: 1, final: true });
    expect(point(engine, 'D1', 'load')).toMatchObject({ value: 3, coverage: 0.5, final: false });
    // R1 counts U1 and U3 for occupancy (U2 reports none): half of them reported.
    expect(point(engine, 'R1', 'occ')).toMatchObject({ coverage: 0.5 });
    // D1's figure is judged (out, and held back by U1's own episode: one problem).
    expect(nodeView(engine, 'D1')!.heldBack.map((b) => [b.node, b.indicator])).toEqual([['D1', 'occ']]);
    expect(engine.check([reading('U2', 'open', 0, 10)])).toEqual([
      { index: 0, field: 'indicator', message: '"U2" does not report "open"; its configuration lists load' },
    ]);
  });

  test('a unit that opens later is not expected before it opens', () => {
    const base = testConfig();
    const config = testConfig({ nodes: base.nodes.map((node) => (node.id === 'U2' ? { ...node, opened: iso(at(1)) } : node)) });
    const engine = new Engine(config);
    post(engine, at(0), reading('U1', 'load', 0, 3));
    post(engine, at(1), reading('U1', 'load', 1, 3));
    // Hour 0: U1 is all D1 expects. Hour 1: U2 is open and has not reported.
    expect(point(engine, 'D1', 'load', 0)).toMatchObject({ coverage: 1, final: true });
    expect(point(engine, 'D1', 'load', 1)).toMatchObject({ coverage: 0.5, final: false });
  });

  test('a unit that opens one indicator later is expected for the others throughout, and for a ratio once both parts are open', () => {
    const base = testConfig();
    const config = testConfig({ nodes: base.nodes.map((node) => (node.id === 'U2' ? { ...node, opened: { open: iso(at(2)) } } : node)) });
    const policy = new Engine(config).policy;
    const rows: Array<{ why: string; indicator: string; hour: number; expected: number }> = [
      { why: 'load is not named: U2 is expected from the start', indicator: 'load', hour: 0, expected: 2 },
      { why: 'open is named: not before it opens', indicator: 'open', hour: 1, expected: 1 },
      { why: 'open, in the period it opens', indicator: 'open', hour: 2, expected: 2 },
      { why: 'occupancy needs open: not before it opens', indicator: 'occ', hour: 1, expected: 1 },
      { why: 'occupancy once both parts are open', indicator: 'occ', hour: 3, expected: 2 },
    ];
    for (const row of rows) expect({ why: row.why, expected: policy.expectedUnits('D1', at(row.hour), row.indicator) }).toEqual({ why: row.why, expected: row.expected });
  });

  test('a unit is not expected while it paused an indicator (left the collection, came back or not), nor for a ratio of it', () => {
    const base = testConfig();
    const paused = { open: [{ from: iso(at(2)), to: iso(at(4)) }, { from: iso(at(6)) }] };
    const config = testConfig({ nodes: base.nodes.map((node) => (node.id === 'U2' ? { ...node, paused } : node)) });
    const policy = new Engine(config).policy;
    const rows: Array<{ why: string; indicator: string; hour: number; expected: number }> = [
      { why: 'before the pause', indicator: 'open', hour: 1, expected: 2 },
      { why: 'from its start', indicator: 'open', hour: 2, expected: 1 },
      { why: 'back at its end', indicator: 'open', hour: 4, expected: 2 },
      { why: 'a pause without an end is for good', indicator: 'open', hour: 60, expected: 1 },
      { why: 'occupancy needs open', indicator: 'occ', hour: 3, expected: 1 },
      { why: 'another indicator is expected throughout', indicator: 'load', hour: 3, expected: 2 },
    ];
    for (const row of rows) expect({ why: row.why, expected: policy.expectedUnits('D1', at(row.hour), row.indicator) }).toEqual({ why: row.why, expected: row.expected });
    // What coverage left out, for the reader: the paused units below and when each pause began.
    const told: Array<{ why: string; node: string; indicator: string; hour: number; starts: number[] }> = [
      { why: 'paused below the district: named with its start', node: 'D1', indicator: 'open', hour: 3, starts: [at(2)] },
      { why: 'on the unit itself too', node: 'U2', indicator: 'open', hour: 3, starts: [at(2)] },
      { why: 'a ratio is paused where a part is', node: 'D1', indicator: 'occ', hour: 7, starts: [at(6)] },
      { why: 'nobody paused before the pause', node: 'D1', indicator: 'open', hour: 1, starts: [] },
      { why: 'nor for an indicator not paused', node: 'D1', indicator: 'load', hour: 3, starts: [] },
    ];
    for (const row of told) expect({ why: row.why, starts: policy.pausedUnits(row.node, at(row.hour), row.indicator) }).toEqual({ why: row.why, starts: row.starts });
  });

  test.each([
    { aggregate: 'sum', expected: 30 },
    { aggregate: 'mean', expected: 15 },
    { aggregate: 'max', expected: 20 },
    { aggregate: 'min', expected: 10 },
  ] as const)('$aggregate of 10 and 20 is $expected', ({ aggregate, expected }) => {
    const engine = new Engine(testConfig({}, { load: { aggregate, detectors: [] } }));
    post(engine, at(0), reading('U1', 'load', 0, 10), reading('U2', 'load', 0, 20));
    expect(point(engine, 'D1', 'load')!.value).toBe(expected);
  });

  test('a parent value is provisional until every unit reports or its grace passes; then final and judged', () => {
    const config = testConfig({ minCoverage: 0.5 }, { load: { thresholds: { unit: { alert: 10 }, district: { alert: 5 } } } });
    const engine = new Engine(config);
    post(engine, at(0) + 1, reading('U1', 'load', 0, 9));
    expect(point(engine, 'D1', 'load')).toMatchObject({ value: 9, coverage: 0.5, final: false });
    expect(listEpisodes(engine)).toHaveLength(0);
    expect(engine.nextDue()).toBe(at(2)); // the hour ends at(1), then one period of grace
    engine.advance(at(3));
    expect(point(engine, 'D1', 'load')).toMatchObject({ final: true });
    expect(listEpisodes(engine).map((e) => [e.node, e.openedAt])).toEqual([['D1', iso(at(2))]]);

    const complete = new Engine(config);
    post(complete, at(0) + 1, reading('U1', 'load', 0, 9), reading('U2', 'load', 0, 1));
    expect(point(complete, 'D1', 'load')).toMatchObject({ value: 10, coverage: 1, final: true });
    expect(listEpisodes(complete).map((e) => [e.node, e.openedAt])).toEqual([['D1', iso(at(0) + 1)]]);
  });

  test('below minCoverage a final parent value is shown but never judged', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 9.5), reading('U3', 'load', 0, 9.5), reading('U4', 'load', 0, 45));
    engine.advance(at(2) + 1); // past the grace of one period after the hour ends
    const eng = point(engine, 'ENG', 'load')!;
    expect(eng).toMatchObject({ value: 64, coverage: 0.75, final: true }); // over the national alert (40)
    expect(listEpisodes(engine).filter((e) => e.node === 'ENG')).toHaveLength(0);
    expect(point(engine, 'R2', 'load')).toMatchObject({ coverage: 1, final: true });
    // R2's own alert is the same problem as U4's crisis below it: held back, not a second clock.
    expect(listEpisodes(engine).filter((e) => e.node === 'R2')).toEqual([]);
    expect(nodeView(engine, 'R2').heldBack.filter((held) => held.node === 'R2')).toMatchObject([{ node: 'R2', indicator: 'load', severity: 'alert', value: 45, by: ['E1'] }]);
  });

  test('a repeated reading is a duplicate; another value for the period is a correction', () => {
    const engine = new Engine(testConfig());
    expect(post(engine, at(0), reading('U1', 'load', 0, 5))).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(post(engine, at(0), reading('U1', 'load', 0, 5))).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(post(engine, at(0), reading('U1', 'load', 0, 12))).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(point(engine, 'U1', 'load')!.value).toBe(12);
    expect(listEpisodes(engine)).toHaveLength(1); // the correction was judged
    post(engine, at(0), reading('U1', 'load', 0, 4));
    expect(listEpisodes(engine)[0]!.status).toBe('resolved');
  });

  test('a mean is over the units below, not a mean of the children\'s means', () => {
    const engine = new Engine(testConfig({}, { load: { aggregate: 'mean', detectors: [] } }));
    post(engine, at(0), reading('U1', 'load', 0, 10), reading('U2', 'load', 0, 10), reading('U3', 'load', 0, 40));
    expect(point(engine, 'R1', 'load')!.value).toBe(20);
  });

  test('a delayed retry of an older reading does not overwrite a newer one in the period', () => {
    const engine = new Engine(testConfig());
    const minutes = (m: number) => ({ unit: 'U1', indicator: 'load', ts: iso(at(0) + m * 60_000), value: m === 10 ? 5 : 7 });
    post(engine, at(1), minutes(10));
    post(engine, at(1), minutes(40));
    // Not a repeat of what the period holds: an older reading, stale, and said so.
    expect(post(engine, at(1), minutes(10))).toMatchObject({ accepted: 0, duplicates: 0, stale: 1 });
    expect(point(engine, 'U1', 'load')!.value).toBe(7);
  });

  test('clearAfter longer than the verdicts usually kept still resolves', () => {
    const engine = new Engine(testConfig({ clearAfter: 40 }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    for (let h = 1; h <= 40; h++) post(engine, at(h), reading('U1', 'load', h, 1));
    expect(listEpisodes(engine).find((e) => e.node === 'U1')!.status).toBe('resolved');
  });

  test('each series keeps a bounded window of periods in memory, the newest', () => {
    const engine = new Engine(testConfig({}, { load: { detectors: [] } }));
    const total = Math.ceil(KEEP_PERIODS * 1.2) + 10;
    for (let h = 0; h < total; h++) post(engine, at(h), reading('U4', 'load', h, h));
    const points = seriesView(engine, 'U4', 'load').points;
    expect(points.length).toBeLessThanOrEqual(KEEP_PERIODS * 1.2);
    expect(points.length).toBeGreaterThanOrEqual(KEEP_PERIODS);
    expect(points[points.length - 1]!.value).toBe(total - 1);
    expect(seriesView(engine, 'D3', 'load').points.length).toBeLessThanOrEqual(KEEP_PERIODS * 1.2);
  });

  test('the triple index is inverted where lower is better', () => {
    expect(tripleIndex(80, 100, 120, 'higher')).toMatchObject({ productivity: 0.8, latency: 100 / 120, performance: 80 / 120 });
    expect(tripleIndex(0.96, 0.92, 0.85, 'lower')).toMatchObject({ productivity: 0.92 / 0.96, latency: 0.85 / 0.92, performance: 0.85 / 0.96 });
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'occupied', 0, 96), reading('U1', 'open', 0, 100));
    const occ = nodeView(engine, 'U1').values.find((v) => v.indicator === 'occ')!;
    expect(occ.triple).toMatchObject({ actuality: 0.96, capability: 0.92, potentiality: 0.85 });
  });
});

describe('determinism', () => {
  const inputs: Array<[number, Reading[]]> = [
    [at(0), [reading('U1', 'load', 0, 12), reading('U2', 'load', 0, 3)]],
    [at(1), [reading('U3', 'load', 1, 25)]],
    [at(5), [reading('U1', 'load', 5, 5), reading('U4', 'occupied', 5, 99), reading('U4', 'open', 5, 100)]],
    [at(30), [reading('U4', 'occupied', 30, 80)]],
  ];
  const run = (engine: Engine, from = 0) => {
    for (const [now, readings] of inputs.slice(from)) engine.step({ type: 'readings', readings }, now);
    engine.advance(at(60));
    return listEpisodes(engine);
  };

  test('the same inputs give the same episodes', () => {
    expect(run(new Engine(testConfig()))).toEqual(run(new Engine(testConfig())));
  });

  test('a snapshot plus the inputs after it gives the same state as replaying everything', () => {
    const whole = run(new Engine(testConfig()));
    const partial = new Engine(testConfig());
    for (const [now, readings] of inputs.slice(0, 2)) partial.step({ type: 'readings', readings }, now);
    const restored = engineFromSnapshot(JSON.parse(JSON.stringify(snapshotOf(partial))));
    expect(run(restored, 2)).toEqual(whole);
    expect(whole.length).toBeGreaterThan(2);
  });
});
