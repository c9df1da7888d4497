import { cyberstrideDetector, westHarrisonSettings, type CyberstrideDetectorState as CyberstrideState } from '../../../server/domain/detectors/cyberstride';
import type { DetectorOutput, SeriesContext } from '../../../server/domain/detectors/types';
import { noise } from './random';

type Step = { state: CyberstrideState; output: DetectorOutput };

/** Feed values (null = missing) through the detector, returning every step's state and output. */
function feed(values: readonly (number | null)[], context: SeriesContext, start = cyberstrideDetector.init(context)) {
  const steps: (Step | null)[] = [];
  let state = start;
  let missed = 0;
  for (const value of values) {
    if (value === null) {
      missed++;
      steps.push(null);
      continue;
    }
    const step = cyberstrideDetector.update(state, value, missed, context);
    steps.push(step);
    state = step.state;
    missed = 0;
  }
  return steps;
}

const lower: SeriesContext = { better: 'lower' };
const series = (shape: (i: number) => number, seed = 11) => noise(seed, 120, 0, 1).map((e, i) => 200 + 4 * (e + shape(i)));

describe('Cyberstride as a Detector', () => {
  test('update never mutates the state it is given, and the state is plain JSON', () => {
    const steps = feed(series(() => 0).slice(0, 40), lower);
    const state = steps[39]!.state;
    const before = JSON.stringify(state);
    cyberstrideDetector.update(state, 999, 0, lower);
    cyberstrideDetector.update(state, 201, 2, lower);
    expect(JSON.stringify(state)).toBe(before);
    expect(JSON.parse(before)).toEqual(state);
  });

  test('a state restored from JSON carries on exactly as the live one (snapshots)', () => {
    const values = series((i) => (i >= 60 ? 6 : 0));
    const live = feed(values, lower);
    const restored = JSON.parse(JSON.stringify(live[49]!.state)) as CyberstrideState;
    const resumed = feed(values.slice(50), lower, restored);
    expect(resumed.map((s) => s!.output)).toEqual(live.slice(50).map((s) => s!.output));
  });

  test('re-running a period with a corrected value starts from the same state (deterministic, pure)', () => {
    const steps = feed(series(() => 0).slice(0, 50), lower);
    const state = steps[49]!.state;
    const first = cyberstrideDetector.update(state, 230, 0, lower);
    const corrected = cyberstrideDetector.update(state, 201, 0, lower);
    const again = cyberstrideDetector.update(state, 230, 0, lower);
    expect(again).toEqual(first);
    // The forecast was made before the value was seen: it cannot depend on it.
    expect(corrected.output.forecast!.forecast).toBe(first.output.forecast!.forecast);
    expect(corrected.output.forecast!.upper).toBe(first.output.forecast!.upper);
  });

  test('fills the forecast with its probabilities from the third value on', () => {
    const steps = feed(series(() => 0), lower);
    expect(steps[0]!.output.forecast).toBeUndefined();
    for (const step of steps.slice(2)) {
      const f = step!.output.forecast!;
      expect(f.lower).toBeLessThan(f.forecast);
      expect(f.forecast).toBeLessThan(f.upper);
    }
    for (const step of steps.slice(6)) {
      const f = step!.output.forecast!;
      expect(f.pStandard! + f.pOutlier! + f.pStep! + f.pSlope!).toBeCloseTo(1, 9);
    }
  });

  test('a lasting step opens its finding one period after it starts, and holds it while the level stays shifted', () => {
    const steps = feed(series((i) => (i >= 60 ? 6 : 0)), lower);
    const found = steps.flatMap((s, i) => s!.output.findings.map((f) => ({ i, ...f })));
    expect(found.map((f) => f.i)).toEqual(Array.from({ length: 120 - 61 }, (_, k) => 61 + k));
    expect(new Set(found.map((f) => `${f.kind} ${f.direction}`))).toEqual(new Set(['step pain']));
    expect(found[0]).toMatchObject({ i: 61, kind: 'step', direction: 'pain', severity: 'alert' });
    expect(found[0]!.probability).toBeGreaterThan(0.5);
    expect(found[0]!.probability).toBeLessThanOrEqual(1);
  });

  test('an outlier alone raises no finding but is marked as one', () => {
    const steps = feed(series((i) => (i === 60 ? 9 : 0)), lower);
    expect(steps.flatMap((s) => s!.output.findings)).toEqual([]);
    expect(steps[60]!.output.outlier).toBe(true);
    expect(steps.filter((s) => s!.output.outlier)).toHaveLength(1);
  });

  const cases: [string, 'higher' | 'lower', (i: number) => number, 'pain' | 'pleasure'][] = [
    ['a rise when lower is better', 'lower', (i) => (i >= 60 ? 6 : 0), 'pain'],
    ['a fall when lower is better', 'lower', (i) => (i >= 60 ? -6 : 0), 'pleasure'],
    ['a rise when higher is better', 'higher', (i) => (i >= 60 ? 6 : 0), 'pleasure'],
    ['a fall when higher is better', 'higher', (i) => (i >= 60 ? -6 : 0), 'pain'],
    ['a climbing slope when lower is better', 'lower', (i) => (i >= 60 ? 3 * (i - 59) : 0), 'pain'],
    ['a falling slope when lower is better', 'lower', (i) => (i >= 60 ? -3 * (i - 59) : 0), 'pleasure'],
    ['a climbing slope when higher is better', 'higher', (i) => (i >= 60 ? 3 * (i - 59) : 0), 'pleasure'],
    ['a falling slope when higher is better', 'higher', (i) => (i >= 60 ? -3 * (i - 59) : 0), 'pain'],
  ];
  test.each(cases)('%s is the direction expected', (_name, better, shape, direction) => {
    const findings = feed(series(shape), { better }).flatMap((s) => s!.output.findings);
    expect(findings.length).toBeGreaterThanOrEqual(1);
    expect(findings[0]!.direction).toBe(direction);
  });

  test('missing periods: the trend is carried across the gap and a value on it is unremarkable', () => {
    const values: (number | null)[] = noise(5, 80, 0, 1).map((e, i) => 100 + 3 * i + e);
    for (let i = 40; i < 45; i++) values[i] = null;
    const steps = feed(values, lower);
    const after = steps[45]!;
    expect(after.output.forecast!.forecast).toBeCloseTo(100 + 3 * 45, -1);
    expect(steps.flatMap((s) => s?.output.findings ?? [])).toEqual([]);
    // The interval widens across the gap.
    const width = (s: Step) => s.output.forecast!.upper - s.output.forecast!.lower;
    expect(width(after)).toBeGreaterThan(width(steps[39]!));
  });

  test('settings come from the indicator, parsed strictly', () => {
    const withWH: SeriesContext = { better: 'higher', settings: westHarrisonSettings as Record<string, unknown> };
    const state = cyberstrideDetector.init(withWH);
    expect(state.filter.mixture?.components[0]!.m).toEqual([600, 10]);
    expect(() => cyberstrideDetector.init({ better: 'higher', settings: { warmpu: 5 } })).toThrow(/warmpu/);
    expect(() => cyberstrideDetector.init({ better: 'higher', settings: { priors: { standard: 0.5, outlier: 0.1, step: 0.1, slope: 0.1 } } })).toThrow(
      /add up to 1/,
    );
    expect(() => cyberstrideDetector.init({ better: 'higher', settings: { discount: { level: 1.5, growth: 0.9 } } })).toThrow(/discount\.level/);
  });
});
