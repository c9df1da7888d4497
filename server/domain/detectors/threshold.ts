import type { Severity } from '../../../shared/api';
import type { Detector, SeriesContext } from './types';

type ThresholdState = { alarm: Severity | null };

/** `value` is worse than `bound` in the direction named by `better`. */
export const isWorse = (value: number, bound: number, better: 'higher' | 'lower') =>
  better === 'lower' ? value > bound : value < bound;

/**
 * Thresholds with hysteresis: alarms when worse than `alert` (or `crisis`), and once in alarm it
 * clears only when back inside `clear` (default: the alert bound).
 */
export const thresholdDetector: Detector<ThresholdState> = {
  id: 'threshold',
  init: () => ({ alarm: null }),
  update(state, value, _missed, context: SeriesContext) {
    const bounds = context.thresholds;
    if (!bounds) return { state, output: { findings: [] } };
    const { better } = context;
    let severity: Severity | null = null;
    if (bounds.crisis !== undefined && isWorse(value, bounds.crisis, better)) severity = 'crisis';
    else if (bounds.alert !== undefined && isWorse(value, bounds.alert, better)) severity = 'alert';
    else if (state.alarm !== null) {
      const clear = bounds.clear ?? bounds.alert ?? bounds.crisis;
      // Still in alarm until the value is back inside the clear bound.
      if (clear !== undefined && isWorse(value, clear, better)) severity = 'alert';
    }
    return {
      state: { alarm: severity },
      output: { findings: severity ? [{ kind: 'threshold', direction: 'pain', severity }] : [] },
    };
  },
};
