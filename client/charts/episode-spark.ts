import { extent, line, scaleLinear, scaleTime } from 'd3';
import type { Episode, SparkPoint } from '../../shared/api';

/** The drawing's own coordinates; the SVG stretches them to the card (strokes keep their width). */
export const EPISODE_SPARK_VIEW = { width: 200, height: 48, pad: 4 } as const;

export interface EpisodeSparkGeometry {
  line: string | null;
  /** The line the figure is measured against: the bound crossed, the level expected, or the SPC line. */
  reference: { y: number; value: number } | null;
  /** Where the opening period falls, when it is inside the span drawn. */
  openedX: number | null;
  last: { x: number; y: number } | null;
}

/** What the card's sparkline measures against, from the episode's cause (none for a silent unit). */
export function referenceOf(cause: Episode['cause']): number | null {
  if (!cause) return null;
  if (cause.type === 'bound') return cause.value;
  if (cause.type === 'forecast') return cause.expected;
  if (cause.type === 'spc') return cause.limit;
  return null;
}

/** The episode's span, oldest first, with its reference line and the moment it opened, in EPISODE_SPARK_VIEW coordinates. */
export function episodeSpark(points: readonly SparkPoint[], reference: number | null, openedPeriod: string): EpisodeSparkGeometry {
  const { width, height, pad } = EPISODE_SPARK_VIEW;
  const values = points.map((point) => point.value);
  if (reference !== null) values.push(reference);
  const [low, high] = extent(values);
  if (points.length === 0 || low === undefined || high === undefined) return { line: null, reference: null, openedX: null, last: null };
  const times = points.map((point) => Date.parse(point.period));
  const first = times[0]!;
  const lastTime = times[times.length - 1]!;
  const x = scaleTime().domain([first, lastTime === first ? first + 1 : lastTime]).range([pad, width - pad]);
  const spread = high - low || Math.abs(high) || 1;
  const y = scaleLinear().domain([low - spread * 0.1, high + spread * 0.1]).range([height - pad, pad]);
  const path = line<SparkPoint>()
    .x((point) => x(Date.parse(point.period)))
    .y((point) => y(point.value));
  const opened = Date.parse(openedPeriod);
  const end = points[points.length - 1]!;
  return {
    line: points.length > 1 ? path([...points]) : null,
    reference: reference === null ? null : { y: y(reference), value: reference },
    openedX: opened >= first && opened <= lastTime ? x(opened) : null,
    last: { x: x(Date.parse(end.period)), y: y(end.value) },
  };
}
