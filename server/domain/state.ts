import type { Forecast } from '../../shared/api';
import type { Finding } from './detectors/types';
import type { EpisodeRecord } from './episodes/episode';
import { TimerHeap } from './heap';

/** One period's value of one series. */
export interface Point {
  value: number | null;
  /** Units reported / units expected below the node (1 or 0 for a unit). */
  coverage: number;
  /** Every unit below has reported, or the period's grace has passed. */
  final: boolean;
  /** For a unit's raw reading: the reading's own ts, to tell a repeat from a correction. */
  ts?: number;
  /** For a ratio: the summed numerator and denominator over the units that reported both. */
  num?: number;
  den?: number;
}

export interface Verdict {
  period: number;
  pain: Finding | null;
  pleasure: Finding | null;
  outlier: boolean;
}

export interface SeriesState {
  node: string;
  indicator: string;
  points: Map<number, Point>;
  latestPeriod: number | null;
  /** Periods with a value not yet judged, oldest first: judged in order, once final. */
  pending: number[];
  /** The last judged period, the detector states before it (to re-judge a correction) and after it. */
  judged: { period: number; before: Record<string, unknown>; beforePeriod: number | null; after: Record<string, unknown> } | null;
  /** The latest verdicts, oldest first (enough to count normal periods for clearAfter). */
  verdicts: Verdict[];
  forecasts: Map<number, Forecast>;
}

export interface EngineState {
  now: number;
  timerSeq: number;
  episodeSeq: number;
  series: Map<string, SeriesState>;
  episodes: Map<string, EpisodeRecord>;
  /** The latest episode of each (node, indicator, direction), open or resolved. */
  latestEpisode: Map<string, string>;
  timers: TimerHeap;
}

export const seriesKey = (node: string, indicator: string) => `${node}\u0000${indicator}`;
export const episodeKey = (node: string, indicator: string, direction: string) => `${node}\u0000${indicator}\u0000${direction}`;

export function emptyState(): EngineState {
  return { now: -Infinity, timerSeq: 0, episodeSeq: 0, series: new Map(), episodes: new Map(), latestEpisode: new Map(), timers: new TimerHeap() };
}

export function seriesOf(state: EngineState, node: string, indicator: string): SeriesState {
  const key = seriesKey(node, indicator);
  let series = state.series.get(key);
  if (!series) {
    series = { node, indicator, points: new Map(), latestPeriod: null, pending: [], judged: null, verdicts: [], forecasts: new Map() };
    state.series.set(key, series);
  }
  return series;
}

export function addTimer(state: EngineState, timer: Omit<Parameters<TimerHeap['push']>[0], 'seq'>): void {
  state.timers.push({ ...timer, seq: state.timerSeq++ });
}

/**
 * Periods of history each series keeps in memory (and in snapshots): 1,500 days of daily figures, or
 * 62 days of hourly ones. Older values stay in the event log. Trimming depends only on the inputs, so
 * live running and replay keep the same window.
 */
export const KEEP_PERIODS = 1500;

/** Drop the oldest periods once a series holds a fifth more than it keeps (so the sort is rare). */
export function trimHistory(series: SeriesState): void {
  if (series.points.size <= KEEP_PERIODS * 1.2) return;
  const periods = [...series.points.keys()].sort((a, b) => a - b);
  const cutoff = periods[periods.length - KEEP_PERIODS]!;
  for (const period of periods) {
    if (period >= cutoff) break;
    series.points.delete(period);
  }
  for (const period of series.forecasts.keys()) if (period < cutoff) series.forecasts.delete(period);
}
