import type { DataQualityView } from '../../shared/api';
import type { EpisodeRecord, TransitionReason } from './episodes/episode';
import type { Point } from './state';

/** What the engine tells its adapters to do: store, publish. */
export type Effect =
  /** `latest`: the period is the series' latest, so the wall shows it now. */
  | { type: 'value'; node: string; indicator: string; period: number; point: Point; latest: boolean }
  | { type: 'episode'; change: 'opened' | TransitionReason; at: number; episode: EpisodeRecord }
  /** A data-quality finding recorded (or replaced) for a node: the rooms showing that node show it. */
  | { type: 'finding'; finding: DataQualityView };
