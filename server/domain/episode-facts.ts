import { EPISODE_SPARK_POINTS, type EpisodeCause, type EpisodeFigure, type SparkPoint } from '../../shared/api';
import type { Engine } from './engine';
import type { EpisodeRecord } from './episodes/episode';
import { keepFor, thinSpark } from './episodes/spark';
import type { IndicatorPolicy } from './policy';
import { seriesKey, type Point, type SeriesState } from './state';
import { judgeablePoint } from './judge';
import { toIso } from './time';

/** What an episode's card says beyond its record: the figures then and now, the cause in numbers, and the sparkline. */
export interface EpisodeFacts {
  opening: EpisodeFigure | null;
  now: EpisodeFigure | null;
  cause: EpisodeCause | null;
  spark: SparkPoint[];
}

/** Periods of the series shown before the opening period, at least; a long episode shows a quarter of its span before it. */
const LEAD_IN_PERIODS = 6;

const NO_FACTS: EpisodeFacts = { opening: null, now: null, cause: null, spark: [] };

const judgeable = (point: Point | undefined, rule: IndicatorPolicy): point is Point & { value: number } => judgeablePoint(point, rule.minCoverage);

export function episodeFacts(engine: Engine, episode: EpisodeRecord): EpisodeFacts {
  const { policy } = engine;
  const rule = policy.indicators.get(episode.indicator);
  if (!rule || !policy.hierarchy.has(episode.node)) return NO_FACTS;
  const series = engine.state.series.get(seriesKey(episode.node, episode.indicator));
  const openingCoverage = episode.coverage ?? series?.points.get(episode.period)?.coverage;
  const opening = episode.kind === 'no-report' || openingCoverage === undefined ? null : figureOf(engine, episode.node, episode.indicator, episode.period, episode.value, openingCoverage);
  const nowPeriod = series ? latestJudged(series, rule) : null;
  return {
    opening,
    now: figureNow(engine, episode),
    cause: causeJson(episode, series),
    spark: series && nowPeriod !== null ? sparkOf(series, rule, episode, nowPeriod) : [],
  };
}

/** The episode's sparkline alone: for a publisher that has already worked out the figure now. */
export function episodeSpark(engine: Engine, episode: EpisodeRecord): SparkPoint[] {
  const rule = engine.policy.indicators.get(episode.indicator);
  const series = engine.state.series.get(seriesKey(episode.node, episode.indicator));
  const nowPeriod = rule && series ? latestJudged(series, rule) : null;
  return rule && series && nowPeriod !== null ? sparkOf(series, rule, episode, nowPeriod) : [];
}

/** The episode's series' latest judged figure: cheap, so a publisher can see whether it moved before drawing the sparkline again. */
export function figureNow(engine: Engine, episode: EpisodeRecord): EpisodeFigure | null {
  const rule = engine.policy.indicators.get(episode.indicator);
  const series = engine.state.series.get(seriesKey(episode.node, episode.indicator));
  if (!rule || !series || !engine.policy.hierarchy.has(episode.node)) return null;
  const period = latestJudged(series, rule);
  const point = period === null ? undefined : series.points.get(period);
  return point ? figureOf(engine, episode.node, episode.indicator, period!, point.value, point.coverage) : null;
}

function figureOf(engine: Engine, node: string, indicator: string, period: number, value: number | null, coverage: number): EpisodeFigure {
  const expected = engine.policy.expectedUnits(node, period, indicator);
  return { period: toIso(period), value, coverage, reported: Math.round(coverage * expected), expected };
}

/** The latest period the detectors judged (or could have: a series without detectors). */
function latestJudged(series: SeriesState, rule: IndicatorPolicy): number | null {
  if (series.judged && judgeable(series.points.get(series.judged.period), rule)) return series.judged.period;
  const latest = series.latestPeriod;
  return latest !== null && judgeable(series.points.get(latest), rule) ? latest : null;
}

function causeJson(episode: EpisodeRecord, series: SeriesState | undefined): EpisodeCause | null {
  if (episode.kind === 'no-report') {
    const last = series?.latestPeriod ?? null;
    const point = last === null ? undefined : series!.points.get(last);
    return { type: 'no-report', lastPeriod: last === null ? null : toIso(last), lastReportAt: last === null ? null : toIso(point?.ts ?? last) };
  }
  const cause = episode.cause;
  if (!cause) return null;
  if (cause.type !== 'bound') return cause;
  // The bound it is past now: the crisis bound once it is that bad.
  const bound = episode.severity === 'crisis' && cause.crisis !== null ? 'crisis' : cause.alert !== null ? 'alert' : cause.crisis !== null ? 'crisis' : null;
  if (bound === null) return null;
  return { type: 'bound', bound, value: cause[bound]!, alert: cause.alert, crisis: cause.crisis, clear: cause.clear };
}

/** The judged figures from a little before the opening period to now (or to the resolution), thinned. */
function sparkOf(series: SeriesState, rule: IndicatorPolicy, episode: EpisodeRecord, nowPeriod: number): SparkPoint[] {
  const end = episode.state.status === 'resolved' ? Math.min(nowPeriod, rule.clock.start(episode.state.resolvedAt)) : nowPeriod;
  const spanPeriods = Math.max(0, (end - episode.period) / rule.periodMs);
  const lead = Math.max(LEAD_IN_PERIODS, Math.ceil(spanPeriods / 4));
  const start = rule.clock.start(episode.period - lead * rule.periodMs);
  const periods: number[] = [];
  if ((end - start) / rule.periodMs <= 4 * series.points.size) {
    for (let period = start; period <= end; period = rule.clock.next(period)) periods.push(period);
  } else {
    // Far fewer points than periods in the span (long gaps): look at the points, not the calendar.
    for (const period of series.points.keys()) if (period >= start && period <= end) periods.push(period);
    periods.sort((a, b) => a - b);
  }
  const points: Array<{ period: number; value: number }> = [];
  for (const period of periods) {
    const point = series.points.get(period);
    if (judgeable(point, rule)) points.push({ period, value: point.value });
  }
  // Thinned first, so only the points sent are written out as times.
  return thinSpark(points, EPISODE_SPARK_POINTS, keepFor(episode.direction, rule.config.better)).map(({ period, value }) => ({ period: periodIso(period), value }));
}

/** Period starts as text, remembered: every episode change draws its sparkline again over mostly the same periods. Bounded; the same text either way. */
const PERIOD_TEXTS = new Map<number, string>();
function periodIso(period: number): string {
  let text = PERIOD_TEXTS.get(period);
  if (text === undefined) {
    if (PERIOD_TEXTS.size >= 20_000) PERIOD_TEXTS.clear();
    PERIOD_TEXTS.set(period, (text = toIso(period)));
  }
  return text;
}
