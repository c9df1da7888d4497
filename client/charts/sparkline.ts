import { area, extent, line, scaleLinear, scaleTime } from 'd3';
import type { NodeValue, Series } from '../../shared/api';

type Point = Series['points'][number];
type Thresholds = NonNullable<NodeValue['thresholds']>;

export interface ThresholdLine {
  kind: 'alert' | 'crisis';
  value: number;
  y: number;
}

export interface SparkGeometry {
  line: string | null;
  /** The forecaster's interval, where points carry one. */
  band: string | null;
  thresholds: ThresholdLine[];
  last: { x: number; y: number; value: number } | null;
  domain: [number, number];
}

export interface SparkSize {
  width: number;
  height: number;
  pad?: number;
}

/** Paths for a sparkline of recent periods with the node's thresholds and the forecast band. */
export function sparkline(points: Point[], thresholds: Thresholds | null, size: SparkSize): SparkGeometry {
  const pad = size.pad ?? 4;
  const times = points.map((point) => Date.parse(point.period));
  const ys: number[] = [];
  for (const point of points) {
    if (point.value !== null) ys.push(point.value);
    if (point.forecast) ys.push(point.forecast.lower, point.forecast.upper);
  }
  const bounds = thresholdLines(thresholds);
  for (const bound of bounds) ys.push(bound.value);
  const [low, high] = extent(ys);
  if (low === undefined || high === undefined || points.length === 0) {
    return { line: null, band: null, thresholds: [], last: null, domain: [0, 1] };
  }
  const [first, lastTime] = extent(times) as [number, number];
  const x = scaleTime()
    .domain([first, first === lastTime ? first + 1 : lastTime])
    .range([pad, size.width - pad]);
  const spread = high - low || Math.abs(high) || 1;
  const y = scaleLinear()
    .domain([low - spread * 0.08, high + spread * 0.08])
    .range([size.height - pad, pad]);

  const at = (point: Point) => x(Date.parse(point.period));
  const valueLine = line<Point>()
    .defined((point) => point.value !== null)
    .x(at)
    .y((point) => y(point.value ?? 0));
  const withForecast = points.filter((point) => point.forecast);
  const bandArea = area<Point>()
    .x(at)
    .y0((point) => y(point.forecast?.lower ?? 0))
    .y1((point) => y(point.forecast?.upper ?? 0));
  const lastValue = [...points].reverse().find((point) => point.value !== null);

  return {
    line: valueLine(points),
    band: withForecast.length > 1 ? bandArea(withForecast) : null,
    thresholds: bounds.map((bound) => ({ ...bound, y: y(bound.value) })),
    last: lastValue && lastValue.value !== null ? { x: at(lastValue), y: y(lastValue.value), value: lastValue.value } : null,
    domain: y.domain() as [number, number],
  };
}

function thresholdLines(thresholds: Thresholds | null): Omit<ThresholdLine, 'y'>[] {
  const lines: Omit<ThresholdLine, 'y'>[] = [];
  if (thresholds?.alert != null) lines.push({ kind: 'alert', value: thresholds.alert });
  if (thresholds?.crisis != null) lines.push({ kind: 'crisis', value: thresholds.crisis });
  return lines;
}
