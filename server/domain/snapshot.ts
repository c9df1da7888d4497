import type { Forecast } from '../../shared/api';
import type { Config } from '../../shared/config';
import { Engine } from './engine';
import type { EpisodeRecord } from './episodes/episode';
import { TimerHeap, type Timer } from './heap';
import type { EngineState, Point, SeriesState } from './state';

/** Bump when the engine's state or rules change shape: an old snapshot is then ignored and the log replayed. */
export const SNAPSHOT_FORMAT = 1;

interface SeriesJson extends Omit<SeriesState, 'points' | 'forecasts'> {
  points: Array<[number, Point]>;
  forecasts: Array<[number, Forecast]>;
}

export interface EngineSnapshot {
  format: number;
  config: Config;
  policyVersion: number;
  state: {
    now: number | null;
    timerSeq: number;
    episodeSeq: number;
    series: SeriesJson[];
    episodes: EpisodeRecord[];
    latestEpisode: Array<[string, string]>;
    timers: Timer[];
  };
}

export function snapshotOf(engine: Engine): EngineSnapshot {
  const { state } = engine;
  return {
    format: SNAPSHOT_FORMAT,
    config: engine.policy.config,
    policyVersion: engine.policy.version,
    state: {
      now: Number.isFinite(state.now) ? state.now : null,
      timerSeq: state.timerSeq,
      episodeSeq: state.episodeSeq,
      series: [...state.series.values()].map((series) => ({ ...series, points: [...series.points], forecasts: [...series.forecasts] })),
      episodes: [...state.episodes.values()],
      latestEpisode: [...state.latestEpisode],
      timers: state.timers.toJSON(),
    },
  };
}

export function engineFromSnapshot(snapshot: EngineSnapshot): Engine {
  const { state } = snapshot;
  const restored: EngineState = {
    now: state.now ?? -Infinity,
    timerSeq: state.timerSeq,
    episodeSeq: state.episodeSeq,
    series: new Map(
      state.series.map((series) => [
        `${series.node}\u0000${series.indicator}`,
        { ...series, points: new Map(series.points), forecasts: new Map(series.forecasts) },
      ]),
    ),
    episodes: new Map(state.episodes.map((episode) => [episode.id, episode])),
    latestEpisode: new Map(state.latestEpisode),
    timers: new TimerHeap(state.timers),
  };
  return new Engine(snapshot.config, snapshot.policyVersion, restored);
}
