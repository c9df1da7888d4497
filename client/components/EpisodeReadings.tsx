import type { Episode, IndicatorInfo, Series } from '../../shared/api';
import { episodeChart } from '../charts/episode-chart';
import { markWord, readingTable } from '../state/episode-readings';
import { formatValue, percent, splitValue } from '../state/time-words';
import { periodLabel } from '../state/values';

const WIDTH = 880;
const HEIGHT = 260;
const DAY_MS = 86_400_000;

/** A period as the table names it: the day alone for daily figures, the day and the hour otherwise. */
function periodName(period: string, periodMs: number): string {
  if (periodMs >= DAY_MS) return periodLabel(period, periodMs);
  return `${periodLabel(period, DAY_MS)} ${periodLabel(period, periodMs)}`;
}

/** The unit the chart's numbers are in, where it is not a percentage (the ticks carry that). */
const unitWords = (unit: string) => (splitValue(1, unit).unit === '%' || !unit ? '' : `in ${unit}`);

interface Props {
  episode: Episode;
  series: Series | null;
  error: string | null;
  indicator: IndicatorInfo | undefined;
}

/** The node's series around the episode, as a chart with the episode's span shaded, and its span as a small table. */
export function EpisodeReadings({ episode, series, error, indicator }: Props) {
  const unit = indicator?.unit ?? '';
  const periodMs = indicator?.periodMs ?? 3_600_000;
  if (error) return <p className="muted">The readings could not be fetched: {error}</p>;
  if (!series) return <p className="muted">Loading the readings…</p>;
  if (series.points.length === 0) return <p className="muted">No readings of this indicator at this node.</p>;
  const table = readingTable(series.points, episode, indicator?.better ?? null);
  return (
    <>
      <p className="muted ep-chart-legend">
        {unitWords(unit)}
        {unitWords(unit) && ' · '}shaded: while it was open · <span className="ep-dot" aria-hidden="true">●</span> the figure that opened it
      </p>
      {series.points.length > 1 ? (
        <Chart episode={episode} series={series} unit={unit} periodMs={periodMs} label={indicator?.label ?? episode.indicator} />
      ) : (
        <p className="muted">One period so far: the chart needs two.</p>
      )}
      <table className="ep-readings-table" data-testid="episode-readings">
        <caption>
          {table.rows.length} reading{table.rows.length === 1 ? '' : 's'} of its span
          {table.omitted > 0 && <span className="muted"> · {table.omitted} more in the chart</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">Value</th>
            <th scope="col" className="num">Reported</th>
            <th scope="col">Figure</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map(({ point, mark }) => (
            <tr key={point.period} className={mark ? `mark-${mark}` : undefined}>
              <th scope="row">{periodName(point.period, periodMs)}</th>
              <td className="num">{formatValue(point.value, unit)}</td>
              <td className="num">{percent(point.coverage)}</td>
              <td className="muted">{point.final ? 'final' : 'provisional'}</td>
              <td className="reading-mark">{markWord(mark)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Chart({ episode, series, unit, periodMs, label }: { episode: Episode; series: Series; unit: string; periodMs: number; label: string }) {
  const from = Date.parse(episode.period);
  const to = episode.resolvedAt === null ? null : Date.parse(episode.resolvedAt);
  const geometry = episodeChart(series.points, { from, to }, { width: WIDTH, height: HEIGHT });
  const { plot } = geometry;
  const tickLabel = (at: number) => periodLabel(new Date(at).toISOString(), series.points.length > 48 || periodMs >= DAY_MS ? DAY_MS : periodMs);
  return (
    <svg className="ep-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label} at this node, ${series.points.length} periods; the episode's span is shaded`}>
      {geometry.span && <rect className="ep-span" x={geometry.span.x0} y={plot.top} width={Math.max(2, geometry.span.x1 - geometry.span.x0)} height={plot.bottom - plot.top} />}
      {geometry.yTicks.map((tick) => (
        <g key={tick.value} className="ep-tick">
          <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
          <text x={plot.left - 6} y={tick.y + 4} textAnchor="end">
            {splitValue(tick.value, unit).number}
            {splitValue(tick.value, unit).unit === '%' ? '%' : ''}
          </text>
        </g>
      ))}
      {geometry.xTicks.map((tick) => (
        <text key={tick.at} className="ep-tick" x={tick.x} y={HEIGHT - 4} textAnchor={tick.x > plot.right - 30 ? 'end' : tick.x < plot.left + 30 ? 'start' : 'middle'}>
          {tickLabel(tick.at)}
        </text>
      ))}
      {geometry.band && <path className="spark-band" d={geometry.band} />}
      {geometry.line && <path className="ep-line" d={geometry.line} />}
      {geometry.opened && <circle className="ep-opened" cx={geometry.opened.x} cy={geometry.opened.y} r={6} />}
    </svg>
  );
}
