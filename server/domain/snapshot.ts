import type { DataQualityFinding, Forecast } from '../../shared/api';
import type { Config } from '../../shared/config';
import { Engine } from './engine';
import type { EpisodeRecord } from './episodes/episode';
import { TimerHeap, type Timer } from './heap';
import type { EpisodeId } from './ids';
import { Policy } from './policy';
import { indexEpisode, seriesKey, type EngineState, type HeldBack, type Point, type SeriesState } from './state';

/** Bump when the engine's state or rules change shape: an old snapshot is then ignored and the log replayed. */
export const SNAPSHOT_FORMAT = 6;

interface SeriesJson extends Omit<SeriesState, 'points' | 'forecasts' | 'findings'> {
  points: Array<[number, Point]>;
  forecasts: Array<[number, Forecast]>;
  findings: Array<[number, SeriesState['findings'] extends Map<number, infer F> ? F : never]>;
}

export interface EngineSnapshot {
  format: number;
  config: Config;
  policyVersion: number;
  /** Older versions open episodes still run their windows under. */
  pinned: Array<{ version: number; config: Config }>;
  state: {
    now: number | null;
    timerSeq: number;
    episodeSeq: number;
    series: SeriesJson[];
    episodes: EpisodeRecord[];
    latestEpisode: Array<[string, EpisodeId]>;
    heldBack: Array<[string, HeldBack]>;
    dataQuality: Array<[string, DataQualityFinding]>;
    timers: Timer[];
  };
}

export function snapshotOf(engine: Engine): EngineSnapshot {
  return snapshotWith(engine, [...engine.state.series.values()].map(({ keys: _keys, ...series }) => ({ ...series, points: [...series.points], forecasts: [...series.forecasts], findings: [...series.findings] })));
}

/** Everything of the engine's state but its series, with the series as the caller writes them (JSON pairs here, columns in the compact codec). */
export function snapshotWith<S>(engine: Engine, series: S[]): Omit<EngineSnapshot, 'state'> & { state: Omit<EngineSnapshot['state'], 'series'> & { series: S[] } } {
  const { state } = engine;
  return {
    format: SNAPSHOT_FORMAT,
    config: state.policy.config,
    policyVersion: state.policy.version,
    pinned: [...state.pinned.values()].map((policy) => ({ version: policy.version, config: policy.config })),
    state: {
      now: Number.isFinite(state.now) ? state.now : null,
      timerSeq: state.timerSeq,
      episodeSeq: state.episodeSeq,
      series,
      episodes: [...state.episodes.values()],
      latestEpisode: [...state.latestEpisode],
      heldBack: [...state.heldBack],
      dataQuality: [...state.dataQuality],
      timers: state.timers.toJSON(),
    },
  };
}

export function engineFromSnapshot(snapshot: EngineSnapshot): Engine {
  const series = snapshot.state.series.map((series): SeriesState => ({ ...series, points: new Map(series.points), forecasts: new Map(series.forecasts), findings: new Map(series.findings) }));
  return engineFromParts(snapshot, series);
}

/** An engine from a snapshot whose series are already rebuilt (by the JSON form above or the compact codec). */
export function engineFromParts(snapshot: Omit<EngineSnapshot, 'state'> & { state: Omit<EngineSnapshot['state'], 'series'> }, series: readonly SeriesState[]): Engine {
  const { state } = snapshot;
  const restored: EngineState = {
    now: state.now ?? -Infinity,
    policy: new Policy(snapshot.config, snapshot.policyVersion),
    pinned: new Map(snapshot.pinned.map(({ version, config }) => [version, new Policy(config, version)])),
    timerSeq: state.timerSeq,
    episodeSeq: state.episodeSeq,
    series: new Map(series.map((one) => [seriesKey(one.node, one.indicator), one])),
    episodes: new Map(state.episodes.map((episode) => [episode.id, episode])),
    latestEpisode: new Map(state.latestEpisode),
    openByProblem: new Map(),
    heldBack: new Map(state.heldBack),
    dataQuality: new Map(state.dataQuality),
    release: new Set(),
    timers: new TimerHeap(state.timers),
  };
  for (const episode of restored.episodes.values()) indexEpisode(restored, episode);
  return new Engine(snapshot.config, snapshot.policyVersion, restored);
}
