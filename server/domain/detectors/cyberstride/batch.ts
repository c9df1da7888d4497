import { advance, initialState, type CyberstrideState } from './filter';
import { parseCyberstrideSettings } from './settings';

export interface CyberstridePeriod {
  index: number;
  value: number | null;
  forecast: number | null;
  lower: number | null;
  upper: number | null;
  pStandard: number | null;
  pOutlier: number | null;
  pStep: number | null;
  pSlope: number | null;
  /** P(M = standard, outlier, step, slope) for this period given the next observation (null for the last). */
  retrospective: [number, number, number, number] | null;
}

export interface CyberstrideRun {
  periods: CyberstridePeriod[];
  /** Index of the first observation of each new regime (lasting step or slope change). */
  changePoints: number[];
  /** Indices of one-off outliers (the next value returned to the old course). */
  outliers: number[];
}

const empty = (index: number, value: number | null): CyberstridePeriod => ({
  index, value, forecast: null, lower: null, upper: null, pStandard: null, pOutlier: null, pStep: null, pSlope: null, retrospective: null,
});

/** Run Cyberstride over a whole series (null = missing) and label regimes and outliers. Pure. */
export function runCyberstride(values: readonly (number | null)[], rawSettings?: unknown): CyberstrideRun {
  const settings = parseCyberstrideSettings(rawSettings);
  let state: CyberstrideState = initialState(settings);
  const periods: CyberstridePeriod[] = [];
  const changePoints: number[] = [];
  const outliers = new Set<number>();
  const observed: number[] = [];
  let missed = 0;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      periods.push(empty(index, null));
      missed++;
      return;
    }
    const step = advance(state, value, missed, settings);
    state = step.state;
    missed = 0;
    const period = empty(index, value);
    if (step.forecast) Object.assign(period, step.forecast);
    periods.push(period);
    const previousIndex = observed[observed.length - 1];
    if (previousIndex !== undefined && step.retrospective) periods[previousIndex]!.retrospective = step.retrospective;
    for (const verdict of step.verdicts) {
      const at = observed[observed.length - verdict.lag]!;
      if (verdict.kind === 'outlier') outliers.add(at);
      else {
        changePoints.push(at);
        outliers.delete(at);
      }
    }
    observed.push(index);
  });
  return { periods, changePoints: changePoints.sort((a, b) => a - b), outliers: [...outliers].sort((a, b) => a - b) };
}
