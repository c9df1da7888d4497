import { useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { ReplayMoment } from './replay-moment';
import type { IndicatorInfo, NodeValue, Series } from '../../shared/api';
import { forecastReadout } from '../charts/forecast-readout';
import { sparkline } from '../charts/sparkline';
import { fetchSeries } from '../net/api';
import { createSeriesCache, type SeriesCache } from '../state/series-cache';
import { formatValue } from '../state/time-words';
import { useElementSize } from './useElementSize';

const HEIGHT = 84;
/** Periods of history drawn behind the latest value. */
const PERIODS_SHOWN = 48;

/** One cache for the room, made again only when the reader signs in or out (the token reads the series). */
let shared: { token: string | null; cache: SeriesCache } | null = null;
/** In replay, one cache for the moment shown, reading each series only up to it; a new moment starts a new one. */
let replayed: { token: string | null; at: number; cache: SeriesCache } | null = null;
function cacheFor(token: string | null, at: number | null): SeriesCache {
  if (at !== null) {
    if (!replayed || replayed.token !== token || replayed.at !== at) {
      const to = new Date(at).toISOString();
      replayed = { token, at, cache: createSeriesCache((query) => fetchSeries(token, { ...query, to }), { periods: PERIODS_SHOWN }) };
    }
    return replayed.cache;
  }
  if (!shared || shared.token !== token) shared = { token, cache: createSeriesCache((query) => fetchSeries(token, query), { periods: PERIODS_SHOWN }) };
  return shared.cache;
}

interface Props {
  node: string;
  indicator: IndicatorInfo;
  latest: NodeValue | undefined;
  token: string | null;
}

/**
 * Recent periods with the thresholds and, where the forecaster gave one, its band. The history is
 * fetched once; after that the live value the room already receives moves it on (series-cache.ts).
 */
export function Sparkline({ node, indicator, latest, token }: Props) {
  const cache = cacheFor(token, useContext(ReplayMoment));
  const frame = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(frame);
  const read = () => cache.view(node, indicator.id);
  const view = useSyncExternalStore((listener) => cache.subscribe(node, indicator.id, listener), read, read);

  useEffect(() => {
    if (latest && latest.node === node && latest.indicator === indicator.id) cache.follow(latest, indicator.periodMs);
  }, [cache, node, indicator.id, indicator.periodMs, latest]);

  const series: Series | null = view && view.status !== 'loading' ? { node, indicator: indicator.id, points: view.points } : null;
  return (
    <div className="spark-frame" ref={frame}>
      {view?.status === 'error' && view.points.length === 0 ? (
        <p className="spark-empty">No history: {view.error}</p>
      ) : !series ? (
        <p className="spark-empty">{latest ? 'Loading history…' : 'No figures yet.'}</p>
      ) : series.points.length < 2 ? (
        <p className="spark-empty">Not enough history yet.</p>
      ) : (
        width > 0 && (
          <>
            <Chart series={series} latest={latest} indicator={indicator} width={width} />
            <Readout series={series} indicator={indicator} />
          </>
        )
      )}
    </div>
  );
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** The forecaster's band for the latest judged period and its probability for each hypothesis. */
function Readout({ series, indicator }: { series: Series; indicator: IndicatorInfo }) {
  const readout = forecastReadout(series.points);
  if (!readout) return null;
  return (
    <p className="spark-readout" aria-label="Forecast and the forecaster's probabilities">
      <span>
        expected {formatValue(readout.forecast, indicator.unit)} ({formatValue(readout.lower, indicator.unit)}–{formatValue(readout.upper, indicator.unit)}, 90%)
      </span>
      {readout.hypotheses.map((h) => (
        <span key={h.name} className={`spark-hypothesis ${h.name}`}>
          {h.name} {percent(h.probability)}
        </span>
      ))}
    </p>
  );
}

function Chart({ series, latest, indicator, width }: { series: Series; latest: NodeValue | undefined; indicator: IndicatorInfo; width: number }) {
  const geometry = sparkline(series.points, latest?.thresholds ?? null, { width, height: HEIGHT });
  const summary = `${series.points.length} periods; latest ${formatValue(geometry.last?.value ?? null, indicator.unit)}`;
  return (
    <svg className="spark" width={width} height={HEIGHT} role="img" aria-label={`History of ${indicator.label}: ${summary}`}>
      {geometry.band && <path className="spark-band" d={geometry.band} />}
      {geometry.thresholds.map((line) => (
        <g key={line.kind} className={`spark-threshold ${line.kind}`}>
          <line x1={0} x2={width} y1={line.y} y2={line.y} />
          <text x={width - 2} y={line.y - 3} textAnchor="end">
            {line.kind} {formatValue(line.value, indicator.unit)}
          </text>
        </g>
      ))}
      {geometry.line && <path className="spark-line" d={geometry.line} />}
      {geometry.last && <circle className="spark-last" cx={geometry.last.x} cy={geometry.last.y} r={4} />}
    </svg>
  );
}
