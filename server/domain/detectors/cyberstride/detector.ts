import type { Direction } from '../../../../shared/api';
import type { Detector, DetectorOutput, SeriesContext } from '../types';
import { advance, initialState, type CyberstrideState } from './filter';
import { defaultCyberstrideSettings, parseCyberstrideSettings, type CyberstrideSettings } from './settings';

const parsedSettings = new WeakMap<object, CyberstrideSettings>();

/** The indicator's settings over the defaults, parsed once per settings object. */
export function settingsFor(context: Pick<SeriesContext, 'settings'>): CyberstrideSettings {
  const raw = context.settings;
  if (!raw) return defaultCyberstrideSettings;
  let settings = parsedSettings.get(raw);
  if (!settings) {
    settings = parseCyberstrideSettings(raw);
    parsedSettings.set(raw, settings);
  }
  return settings;
}

/** A rise is pain when lower is better, a fall is pain when higher is better. */
export function directionOf(change: number, better: 'higher' | 'lower'): Direction {
  return (change > 0) === (better === 'lower') ? 'pain' : 'pleasure';
}

/** A lasting adverse change still in force: the level it left, and how far it moved. */
interface Shift {
  kind: 'step' | 'slope';
  baseline: number;
  change: number;
  probability: number;
}

export interface CyberstrideDetectorState {
  filter: CyberstrideState;
  /** The latest one-step forecasts, newest last: the level before a change found a few periods late. */
  forecasts: number[];
  shift: Shift | null;
}

const KEEP_FORECASTS = 6;

/**
 * Cyberstride as a Detector. A change can only be told from an outlier once the next value is in,
 * so a lasting change that began at period t−1 is reported at period t (the episode opens then),
 * or a few periods later when it took longer to show (lookback.ts);
 * `output.outlier` marks the current value as unexplained by the standard model (provisional: the
 * next period says whether it was a one-off or the start of a change).
 * The model adapts to a new level at once, but the trouble has not gone: an adverse shift stays a
 * finding until the level is back within half the change of where it was, so its episode resolves
 * when things are put right, not when the model has got used to them. Bright spots close on their own.
 */
export const cyberstrideDetector: Detector<CyberstrideDetectorState> = {
  id: 'cyberstride',
  init: (context) => ({ filter: initialState(settingsFor(context)), forecasts: [], shift: null }),
  update(state, value, missed, context) {
    const settings = settingsFor(context);
    const step = advance(state.filter, value, missed, settings);
    const output: DetectorOutput = { findings: [] };
    if (step.forecast) output.forecast = step.forecast;
    if (step.posterior && step.posterior[0] < 0.5) output.outlier = true;
    let shift = state.shift;
    if (shift && !stillShifted(shift, value, step.forecast?.forecast)) shift = null;
    for (const verdict of step.verdicts) {
      if (verdict.kind === 'outlier') continue;
      const direction = directionOf(verdict.change, context.better);
      if (direction === 'pain') {
        const baseline = state.forecasts[state.forecasts.length - verdict.lag] ?? value - verdict.change;
        shift = { kind: verdict.kind, baseline, change: verdict.change, probability: verdict.probability };
      } else if (verdict.probability >= settings.improvementProbability) {
        const expected = state.forecasts[state.forecasts.length - verdict.lag] ?? value - verdict.change;
        output.findings.push({ kind: verdict.kind, direction, severity: 'alert', probability: verdict.probability, cause: { type: 'forecast', expected } });
      }
    }
    if (shift) output.findings.push({ kind: shift.kind, direction: 'pain', severity: 'alert', probability: shift.probability, cause: { type: 'forecast', expected: shift.baseline } });
    const forecasts = step.forecast ? appendKept(state.forecasts, step.forecast.forecast) : state.forecasts;
    return { state: { filter: step.state, forecasts, shift }, output };
  },
};

/** Both the value and the model's level are still more than half the change away from the baseline. */
function stillShifted(shift: Shift, value: number, level: number | undefined): boolean {
  const half = shift.baseline + shift.change / 2;
  return beyond(shift.change, half, value) && (level === undefined || beyond(shift.change, half, level));
}

const beyond = (change: number, half: number, x: number): boolean => (change > 0 ? x > half : x < half);

/** A new array with `value` last, keeping the newest KEEP_FORECASTS (`[...list, value].slice(-KEEP_FORECASTS)` in one allocation). */
function appendKept(list: readonly number[], value: number): number[] {
  const from = Math.max(0, list.length + 1 - KEEP_FORECASTS);
  const out: number[] = [];
  for (let i = from; i < list.length; i++) out.push(list[i]!);
  out.push(value);
  return out;
}
