import type { DataQualityFinding, Direction, Forecast, Severity } from '../../shared/api';
import type { Finding } from './detectors/types';
import type { EpisodeRecord } from './episodes/episode';
import { TimerHeap } from './heap';
import type { EpisodeId, Instant, NodeId } from './ids';
import type { Policy } from './policy';

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

/** The detectors' states before judging `period` (the previous judged period was `beforePeriod`). */
export interface DetectorCheckpoint {
  period: number;
  beforePeriod: number | null;
  state: Record<string, unknown>;
  /** How many periods had been judged before it. */
  count: number;
}

export interface SeriesState {
  node: string;
  indicator: string;
  points: Map<number, Point>;
  latestPeriod: number | null;
  /** Periods with a value not yet judged, oldest first: judged in order, once final. */
  pending: number[];
  /** The last judged period and the detector states after it. */
  judged: { period: number; after: Record<string, unknown> } | null;
  /** Detector states saved every few judged periods (and always before the latest): late data re-runs from the one before it. */
  checkpoints: DetectorCheckpoint[];
  judgedCount: number;
  /** The latest verdicts, oldest first (enough to count normal periods for clearAfter). */
  verdicts: Verdict[];
  /** Every judged period still in memory that had a finding (normal periods are left out): what re-judging compares with. */
  findings: Map<number, Pick<Verdict, 'pain' | 'pleasure'>>;
  forecasts: Map<number, Forecast>;
  /** When the one silence timer in force for a unit's raw series is due; a timer due at another time is stale. */
  silenceDue?: number | null;
  /** The keys of this series' episodes, made once. */
  keys?: { pain: string; pleasure: string; 'no-report': string };
}

/** A node's own breach held back because the same problem is open below it (one problem, one clock). */
export interface HeldBack {
  node: NodeId;
  indicator: string;
  direction: Direction;
  severity: Severity;
  value: number | null;
  period: number;
  since: Instant;
  by: EpisodeId[];
}

export interface EngineState {
  now: number;
  /** The policy in force. */
  policy: Policy;
  /** Older policy versions that open episodes still run their windows under. */
  pinned: Map<number, Policy>;
  timerSeq: number;
  episodeSeq: number;
  series: Map<string, SeriesState>;
  episodes: Map<string, EpisodeRecord>;
  /** The latest episode of each (node, indicator, direction or no-report), open or resolved. */
  latestEpisode: Map<string, EpisodeId>;
  /** Open detector episodes by (indicator, direction): what may hold an ancestor's breach back. Derived. */
  openByProblem: Map<string, Set<EpisodeId>>;
  heldBack: Map<string, HeldBack>;
  /** Published totals that differ from the sums, by (node, indicator, period start). */
  dataQuality: Map<string, DataQualityFinding>;
  /** Held-back breaches to look at again once the step is done (an episode holding them back resolved). */
  release: Set<string>;
  timers: TimerHeap;
}

export const seriesKey = (node: string, indicator: string) => `${node}\u0000${indicator}`;
export const episodeKey = (node: string, indicator: string, direction: Direction | 'no-report') => `${node}\u0000${indicator}\u0000${direction}`;
export const problemKey = (indicator: string, direction: Direction) => `${indicator}\u0000${direction}`;

export function emptyState(policy: Policy): EngineState {
  return {
    now: -Infinity, policy, pinned: new Map(), timerSeq: 0, episodeSeq: 0, series: new Map(), episodes: new Map(), latestEpisode: new Map(),
    openByProblem: new Map(), heldBack: new Map(), dataQuality: new Map(), release: new Set(), timers: new TimerHeap(),
  };
}

export function keysOf(series: SeriesState): NonNullable<SeriesState['keys']> {
  return (series.keys ??= { pain: episodeKey(series.node, series.indicator, 'pain'), pleasure: episodeKey(series.node, series.indicator, 'pleasure'), 'no-report': episodeKey(series.node, series.indicator, 'no-report') });
}

/**
 * The series by node, then indicator, beside `state.series` (which stays what snapshots hold): looked up
 * several times per reading, and a concatenated key is a new string to hash each time. Series are only
 * ever added (here), never replaced or removed, so an entry found once stays right.
 */
const seriesIndex = new WeakMap<Map<string, SeriesState>, Map<string, Map<string, SeriesState>>>();

function indexOf(state: EngineState, node: string): Map<string, SeriesState> {
  let byNode = seriesIndex.get(state.series);
  if (!byNode) seriesIndex.set(state.series, (byNode = new Map()));
  let byIndicator = byNode.get(node);
  if (!byIndicator) byNode.set(node, (byIndicator = new Map()));
  return byIndicator;
}

/** The series if it exists; never creates one. */
export function findSeries(state: EngineState, node: string, indicator: string): SeriesState | undefined {
  const byIndicator = indexOf(state, node);
  let series = byIndicator.get(indicator);
  if (series) return series;
  series = state.series.get(seriesKey(node, indicator));
  if (series) byIndicator.set(indicator, series);
  return series;
}

export function seriesOf(state: EngineState, node: string, indicator: string): SeriesState {
  const byIndicator = indexOf(state, node);
  let series = byIndicator.get(indicator);
  if (series) return series;
  const key = seriesKey(node, indicator);
  series = state.series.get(key);
  if (!series) {
    series = { node, indicator, points: new Map(), latestPeriod: null, pending: [], judged: null, checkpoints: [], judgedCount: 0, verdicts: [], findings: new Map(), forecasts: new Map() };
    state.series.set(key, series);
  }
  byIndicator.set(indicator, series);
  return series;
}

export function addTimer(state: EngineState, timer: Omit<Parameters<TimerHeap['push']>[0], 'seq'>): void {
  state.timers.push({ ...timer, seq: state.timerSeq++ });
}

/** The policy an episode's windows run under: the version it opened under while that is kept, else the one in force. */
export function policyOf(state: EngineState, episode: EpisodeRecord): Policy {
  return state.pinned.get(episode.policyVersion) ?? state.policy;
}

/** Keep or rebuild the index of open detector episodes. */
export function indexEpisode(state: EngineState, episode: EpisodeRecord): void {
  if (episode.kind === 'no-report') return;
  const key = problemKey(episode.indicator, episode.direction);
  let open = state.openByProblem.get(key);
  if (!open) state.openByProblem.set(key, (open = new Set()));
  if (episode.state.status === 'open') open.add(episode.id);
  else open.delete(episode.id);
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
  for (const period of series.findings.keys()) if (period < cutoff) series.findings.delete(period);
  // Keep the checkpoint at or before the cutoff: re-judging the oldest kept period starts from it.
  const first = series.checkpoints.findIndex((checkpoint) => checkpoint.period > cutoff);
  if (first > 1) series.checkpoints.splice(0, first - 1);
}
