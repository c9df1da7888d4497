import { area, extent, line, scaleLinear, scaleTime } from 'd3';
import type { Series } from '../../shared/api';

type Point = Series['points'][number];

export interface EpisodeChartSize {
  width: number;
  height: number;
  /** Room on the left for the value labels and below for the time labels. */
  left?: number;
  bottom?: number;
}

export interface EpisodeChartGeometry {
  line: string | null;
  /** The forecaster's interval where points carry one. */
  band: string | null;
  /** The episode's span, from its opening period to its settlement (or the last point while open). */
  span: { x0: number; x1: number } | null;
  /** The figure that opened it. */
  opened: { x: number; y: number } | null;
  xTicks: Array<{ x: number; at: number }>;
  yTicks: Array<{ y: number; value: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
}

/** A series around an episode: its values, the forecast band, and the stretch the episode was open. */
export function episodeChart(points: Point[], span: { from: number; to: number | null }, size: EpisodeChartSize): EpisodeChartGeometry {
  const plot = { left: size.left ?? 56, right: size.width - 8, top: 8, bottom: size.height - (size.bottom ?? 22) };
  const empty: EpisodeChartGeometry = { line: null, band: null, span: null, opened: null, xTicks: [], yTicks: [], plot };
  if (points.length === 0) return empty;
  const times = points.map((point) => Date.parse(point.period));
  const ys: number[] = [];
  for (const point of points) {
    if (point.value !== null) ys.push(point.value);
    if (point.forecast) ys.push(point.forecast.lower, point.forecast.upper);
  }
  const [low, high] = extent(ys);
  const [first, last] = extent(times) as [number, number];
  if (low === undefined || high === undefined) return empty;
  const x = scaleTime().domain([first, first === last ? first + 1 : last]).range([plot.left, plot.right]);
  const spread = high - low || Math.abs(high) || 1;
  const y = scaleLinear().domain([low - spread * 0.08, high + spread * 0.08]).range([plot.bottom, plot.top]).nice();
  const at = (point: Point) => x(Date.parse(point.period));
  const withForecast = points.filter((point) => point.forecast);
  const openedPoint = points.find((point) => Date.parse(point.period) === span.from && point.value !== null);
  const clamp = (value: number) => Math.min(plot.right, Math.max(plot.left, value));
  return {
    line: line<Point>().defined((point) => point.value !== null).x(at).y((point) => y(point.value ?? 0))(points),
    band: withForecast.length > 1 ? area<Point>().x(at).y0((point) => y(point.forecast?.lower ?? 0)).y1((point) => y(point.forecast?.upper ?? 0))(withForecast) : null,
    span: { x0: clamp(x(span.from)), x1: clamp(x(span.to ?? last)) },
    opened: openedPoint ? { x: at(openedPoint), y: y(openedPoint.value!) } : null,
    xTicks: x.ticks(6).map((tick) => ({ x: x(tick), at: tick.getTime() })),
    yTicks: y.ticks(4).map((value) => ({ y: y(value), value })),
    plot,
  };
}
