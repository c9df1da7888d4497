import { EPISODE_SPARK_VIEW, episodeSpark, referenceOf } from '../../client/charts/episode-spark';
import { sparkline } from '../../client/charts/sparkline';
import { tripleBars, tripleRatios } from '../../client/charts/triple';
import { at } from './fixtures';

const point = (minute: number, value: number | null, forecast?: { forecast: number; lower: number; upper: number }) => ({
  period: at(minute),
  value,
  coverage: 1,
  final: true,
  forecast: forecast ?? null,
});

describe('sparkline', () => {
  const size = { width: 200, height: 80, pad: 0 };

  it('spans the frame left to right, oldest first, with higher values drawn higher', () => {
    const geometry = sparkline([point(0, 10), point(60, 20), point(120, 30)], null, size);
    expect(geometry.line).toMatch(/^M0,/);
    expect(geometry.last?.x).toBeCloseTo(200);
    expect(geometry.last?.value).toBe(30);
    const [, firstY] = /^M[\d.]+,([\d.]+)/.exec(geometry.line!)!.map(Number);
    expect(firstY).toBeGreaterThan(geometry.last!.y);
  });

  it('breaks the line over missing periods', () => {
    const geometry = sparkline([point(0, 10), point(60, null), point(120, 30), point(180, 32)], null, size);
    expect(geometry.line!.match(/M/g)).toHaveLength(2);
  });

  it('keeps thresholds and the forecast band within the vertical scale', () => {
    const geometry = sparkline(
      [point(0, 10, { forecast: 10, lower: 8, upper: 12 }), point(60, 11, { forecast: 11, lower: 7, upper: 15 })],
      { alert: 20, crisis: 25, clear: null },
      size,
    );
    expect(geometry.band).not.toBeNull();
    expect(geometry.thresholds.map((t) => t.kind)).toEqual(['alert', 'crisis']);
    expect(geometry.domain[1]).toBeGreaterThanOrEqual(25);
    for (const line of geometry.thresholds) expect(line.y).toBeGreaterThanOrEqual(0);
    // Crisis is further from normal than alert, so higher on the chart here.
    expect(geometry.thresholds[1]!.y).toBeLessThan(geometry.thresholds[0]!.y);
  });

  it('draws nothing without values', () => {
    expect(sparkline([], null, size).line).toBeNull();
    expect(sparkline([point(0, null)], null, size).last).toBeNull();
  });
});

describe('triple index', () => {
  it('puts actuality, capability and potentiality on one scale', () => {
    const bars = tripleBars({ actuality: 60, capability: 80, potentiality: 100, productivity: 0.75, latency: 0.8, performance: 0.6 });
    expect(bars.map((b) => [b.key, b.fraction])).toEqual([
      ['actuality', 0.6],
      ['capability', 0.8],
      ['potentiality', 1],
    ]);
    expect(tripleRatios({ actuality: 60, capability: 80, potentiality: 100, productivity: 0.75, latency: 0.8, performance: 0.6 }).map((r) => r.value)).toEqual([0.75, 0.8, 0.6]);
  });

  it('shows a missing capability or potentiality as an empty bar', () => {
    const bars = tripleBars({ actuality: 5, capability: null, potentiality: null, productivity: null, latency: null, performance: null });
    expect(bars.map((b) => b.fraction)).toEqual([1, 0, 0]);
    expect(bars[1]!.value).toBeNull();
  });
});

describe('an episode card\'s sparkline', () => {
  const spark = (values: number[]) => values.map((value, i) => ({ period: at(i * 60), value }));

  it('spans the drawing oldest first, marks where it opened, and ends on the figure now', () => {
    const geometry = episodeSpark(spark([90, 91, 97, 98]), 95, at(120));
    expect(geometry.line).toMatch(/^M4,/);
    expect(geometry.last!.x).toBeCloseTo(EPISODE_SPARK_VIEW.width - EPISODE_SPARK_VIEW.pad);
    expect(geometry.openedX).toBeCloseTo(4 + (192 * 2) / 3);
    // The bound is inside the scale, between the lowest and the highest figure here.
    expect(geometry.reference!.y).toBeLessThan(EPISODE_SPARK_VIEW.height);
    expect(geometry.reference!.y).toBeGreaterThan(geometry.last!.y);
  });

  it('keeps a bound far from the figures on the drawing', () => {
    const geometry = episodeSpark(spark([10, 11, 12]), 40, at(0));
    expect(geometry.reference!.y).toBeGreaterThanOrEqual(0);
    expect(geometry.last!.y).toBeLessThanOrEqual(EPISODE_SPARK_VIEW.height);
  });

  it.each([
    // A threshold: the bound crossed.
    [{ type: 'bound', bound: 'alert', value: 95, alert: 95, crisis: 99, clear: 94 } as const, 95],
    // Cyberstride: the level it expected before the change.
    [{ type: 'forecast', expected: 91, probability: 0.9 } as const, 91],
    // SPC: the line the rule was judged against.
    [{ type: 'spc', rule: 'run', side: 'high', points: 7, limit: 88, mean: 88, lower: 80, upper: 96 } as const, 88],
    // A silent unit is not measured against anything.
    [{ type: 'no-report', lastPeriod: null, lastReportAt: null } as const, null],
    [null, null],
  ])('measured against %p → %p', (cause, reference) => expect(referenceOf(cause)).toBe(reference));

  it('a single point is a dot, not a line; none is nothing', () => {
    expect(episodeSpark(spark([90]), null, at(0))).toMatchObject({ line: null, last: { x: 4 } });
    expect(episodeSpark([], 95, at(0)).last).toBeNull();
  });
});
