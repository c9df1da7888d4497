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

/**
 * Cyberstride as a Detector. A change can only be told from an outlier once the next value is in,
 * so a lasting change that began at period t−1 is reported at period t (the episode opens then),
 * or a few periods later when it took longer to show (lookback.ts);
 * `output.outlier` marks the current value as unexplained by the standard model (provisional: the
 * next period says whether it was a one-off or the start of a change).
 */
export const cyberstrideDetector: Detector<CyberstrideState> = {
  id: 'cyberstride',
  init: (context) => initialState(settingsFor(context)),
  update(state, value, missed, context) {
    const settings = settingsFor(context);
    const step = advance(state, value, missed, settings);
    const output: DetectorOutput = { findings: [] };
    if (step.forecast) output.forecast = step.forecast;
    if (step.posterior && step.posterior[0] < 0.5) output.outlier = true;
    for (const verdict of step.verdicts) {
      if (verdict.kind === 'outlier') continue;
      const direction = directionOf(verdict.change, context.better);
      if (direction === 'pain' || verdict.probability >= settings.improvementProbability) {
        output.findings.push({ kind: verdict.kind, direction, severity: 'alert', probability: verdict.probability });
      }
    }
    return { state: step.state, output };
  },
};
