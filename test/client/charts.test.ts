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
