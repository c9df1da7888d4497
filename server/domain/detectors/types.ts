import type { Direction, ExceptionKind, Forecast, Severity } from '../../../shared/api';

/**
 * What a detector measured the value against, for the card to say: Cyberstride's level before the
 * change, or the Making Data Count rule that fired with the limits it was judged against.
 * (A threshold's bounds come from the policy, so its findings carry none.)
 */
export type FindingCause =
  | { type: 'forecast'; expected: number }
  | { type: 'spc'; rule: 'beyondLimits' | 'run' | 'trend' | 'twoOfThree'; side: 'high' | 'low'; points: number; limit: number; mean: number; lower: number; upper: number };

/** One exception a detector reports for one period of one series. */
export interface Finding {
  kind: ExceptionKind;
  direction: Direction;
  severity: Severity;
  /** The detector's probability for this finding, where it gives one. */
  probability?: number;
  cause?: FindingCause;
}

export interface DetectorOutput {
  /** Findings that count towards episodes. Empty means normal. */
  findings: Finding[];
  /** An outlier seen but not counted (shown on charts; opens no episode by itself). */
  outlier?: boolean;
  /** One-step forecast made before this value was seen, with the detector's probabilities. */
  forecast?: Forecast;
}

export interface SeriesContext {
  better: 'higher' | 'lower';
  /** Thresholds in force for this series' level, if any. */
  thresholds?: { alert?: number; crisis?: number; clear?: number };
  /** Detector settings from the indicator's configuration, unparsed (each detector parses its own). */
  settings?: Record<string, unknown>;
}

/**
 * A sequential detector over one series. Pure: `update` returns a new state and never mutates the
 * old one, so the engine can re-run a period when its value is corrected. State must be plain JSON.
 */
export interface Detector<S> {
  readonly id: 'threshold' | 'cyberstride' | 'spc';
  init(context: SeriesContext): S;
  /** `missed` is the number of whole periods with no value since the previous update (0 when adjacent). */
  update(state: S, value: number, missed: number, context: SeriesContext): { state: S; output: DetectorOutput };
}
