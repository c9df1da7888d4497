import { assuranceOf, limitsOf, spcChart, spcDetector, type SpcState } from '../../../server/domain/detectors/spc';
import type { DetectorOutput, SeriesContext } from '../../../server/domain/detectors/types';

/** 20 points alternating 12, 10 (ending on 10): mean 11, mean moving range 2, limits 11 ± 5.32, near limits 11 ± 3.547. */
const baseline = Array.from({ length: 20 }, (_, i) => (i % 2 ? 10 : 12));
const hitsOf = (values: (number | null)[], rule: string) =>
  spcChart(values, 'higher').points.filter((p) => (p.rules as Record<string, unknown>)[rule] !== undefined).map((p) => p.index);

describe('XmR limits', () => {
  test('mean ± 2.66 × mean moving range, near limits at two thirds', () => {
    const limits = limitsOf(baseline, false)!;
    expect(limits.mean).toBe(11);
    expect(limits.upper).toBeCloseTo(16.32, 10);
    expect(limits.lower).toBeCloseTo(5.68, 10);
    expect(limits.upperNear).toBeCloseTo(11 + (2 / 3) * 5.32, 10);
  });

  test('moving ranges above 3.267 × their mean are screened out; gaps give no range', () => {
    const spiky = [...baseline.slice(0, 10), 30, ...baseline.slice(11)];
    expect(limitsOf(spiky, false)!.upper - limitsOf(spiky, false)!.mean).toBeGreaterThan(8);
    const screened = limitsOf(spiky, true)!;
    expect(screened.upper - screened.mean).toBeCloseTo(5.32, 10);
    expect(limitsOf([10, null, 12], false)).toBeNull();
  });
});

describe('Making Data Count rules, one hand-made series each', () => {
  test.each([
    ['beyondLimits', [17], [20]],
    ['beyondLimits', [16], []],
    ['run', [11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5], [20, 21, 22, 23, 24, 25, 26]],
    ['run', [11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11], []],
    ['trend', [8, 9, 10, 11, 12, 13, 14], [20, 21, 22, 23, 24, 25, 26]],
    ['trend', [8, 9, 10, 11, 12, 13, 13], []],
    ['twoOfThree', [15, 11, 15], [20, 22]],
    ['twoOfThree', [15, 11, 11, 15], []],
    ['twoOfThree', [15, 7, 11], []],
  ])('%s after the baseline: %j → %j', (rule, tail, expected) => {
    expect(hitsOf([...baseline, ...tail], rule)).toEqual(expected);
  });

  test('a missing value breaks a run', () => {
    expect(hitsOf([...baseline, 11.5, 11.5, 11.5, null, 11.5, 11.5, 11.5, 11.5], 'run')).toEqual([]);
  });

  test.each([
    ['higher', 17, ['improvement']],
    ['higher', 4, ['concern']],
    ['lower', 17, ['concern']],
    ['lower', 4, ['improvement']],
  ] as const)('when %s is better, a point at %d is a special cause of %j', (better, value, expected) => {
    expect(spcChart([...baseline, value], better).points[20]!.special).toEqual(expected);
  });

  test('a falling trend is a concern when higher is better', () => {
    const chart = spcChart([...baseline, 14, 13, 12, 11, 10, 9, 8], 'higher');
    expect(chart.points[26]!.rules.trend).toBe(-1);
    expect(chart.points[26]!.special).toEqual(['concern']);
  });

  test('rebasing starts new limits from the rebase point', () => {
    const shifted = [...baseline, ...baseline.map((v) => v + 20)];
    expect(hitsOf(shifted, 'run').length).toBeGreaterThan(0);
    const rebased = spcChart(shifted, 'higher', { rebase: [20] });
    expect(rebased.points.filter((p) => p.special !== null)).toEqual([]);
    expect(rebased.points[25]!.limits!.mean).toBe(31);
    expect(rebased.points[5]!.limits!.mean).toBe(11);
  });

  test('a shorter baseline from settings', () => {
    const chart = spcChart([...baseline.slice(0, 10), ...baseline.slice(0, 10).map((v) => v + 1)], 'higher', { baseline: 10 });
    expect(chart.points[15]!.limits!.mean).toBe(11);
  });

  test('settings are parsed strictly', () => {
    expect(() => spcChart(baseline, 'higher', { basline: 10 })).toThrow(/basline/);
  });
});

describe('assurance against a target', () => {
  const limits = limitsOf(baseline, false)!;
  test.each([
    [5, 'higher', 'consistently passing'],
    [17, 'higher', 'consistently failing'],
    [11, 'higher', 'hit and miss'],
    [17, 'lower', 'consistently passing'],
    [5, 'lower', 'consistently failing'],
    [11, 'lower', 'hit and miss'],
  ] as const)('target %d, %s better: %s', (target, better, expected) => {
    expect(assuranceOf(limits, target, better)).toBe(expected);
    expect(spcChart(baseline, better, { target }).assurance).toBe(expected);
  });
});

describe('SPC as a streaming Detector', () => {
  const feed = (values: (number | null)[], context: SeriesContext) => {
    let state: SpcState = spcDetector.init(context);
    let missed = 0;
    const outputs: (DetectorOutput | null)[] = [];
    for (const value of values) {
      if (value === null) {
        missed++;
        outputs.push(null);
        continue;
      }
      const step = spcDetector.update(state, value, missed, context);
      state = step.state;
      missed = 0;
      outputs.push(step.output);
    }
    return { outputs, state };
  };
  const findingsAt = (outputs: (DetectorOutput | null)[]) =>
    outputs.flatMap((o, i) => (o?.findings ?? []).map((f) => `${i}:${f.direction}`));

  test('flags a point beyond the limits as it arrives, pain or pleasure by `better`', () => {
    expect(findingsAt(feed([...baseline, 17], { better: 'lower' }).outputs)).toEqual(['20:pain']);
    expect(findingsAt(feed([...baseline, 17], { better: 'higher' }).outputs)).toEqual(['20:pleasure']);
  });

  test('a run is flagged from its seventh point, and a gap breaks it', () => {
    const run = [11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5];
    expect(findingsAt(feed([...baseline, ...run], { better: 'lower' }).outputs)).toEqual(['26:pain', '27:pain']);
    expect(findingsAt(feed([...baseline, 11.5, 11.5, 11.5, null, ...run.slice(4)], { better: 'lower' }).outputs)).toEqual([]);
  });

  test('silent until the baseline has its minimum points; limits shown as the forecast', () => {
    const { outputs } = feed([10, 12, 10, 40, ...baseline], { better: 'lower' });
    expect(findingsAt(outputs.slice(0, 14))).toEqual([]);
    expect(outputs[23]!.forecast).toMatchObject({ forecast: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
  });

  test('state is plain JSON and never mutated', () => {
    const context: SeriesContext = { better: 'lower', settings: { rebase: [25] } };
    const { state } = feed([...baseline, 11, 12], context);
    const before = JSON.stringify(state);
    spcDetector.update(state, 100, 3, context);
    expect(JSON.stringify(state)).toBe(before);
    expect(JSON.parse(before)).toEqual(state);
  });
});
