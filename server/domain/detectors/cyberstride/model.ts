import type { Component, Hypothesis } from './dlm';
import { skipPeriod, type MixtureState, type MultiProcessModel } from './multiprocess';
import type { CyberstrideSettings } from './settings';

const fixedParts = new WeakMap<CyberstrideSettings, Pick<MultiProcessModel, 'hypotheses' | 'logPriors'>>();

/** The four hypotheses as W&H's class II models: they differ only in discounts and observation variance. */
export function modelOf(settings: CyberstrideSettings, minVariance: number): MultiProcessModel {
  // Asked on every update; only the variance floor varies, so the rest is made once per settings object.
  let fixed = fixedParts.get(settings);
  if (!fixed) {
    const { level, growth } = settings.discount;
    const hypotheses: Hypothesis[] = [
      { levelDiscount: level, growthDiscount: growth, varianceFactor: 1 },
      { levelDiscount: level, growthDiscount: growth, varianceFactor: settings.outlierVariance },
      { levelDiscount: settings.stepDiscount, growthDiscount: growth, varianceFactor: 1 },
      { levelDiscount: level, growthDiscount: settings.slopeDiscount, varianceFactor: 1 },
    ];
    const p = settings.priors;
    fixed = { hypotheses, logPriors: [p.standard, p.outlier, p.step, p.slope].map(Math.log) };
    fixedParts.set(settings, fixed);
  }
  return { hypotheses: fixed.hypotheses, logPriors: fixed.logPriors, beta: settings.varianceDiscount, minVariance };
}

/** A mixture whose four hypotheses all start from one posterior, at the prior probabilities. */
export function mixtureFrom(component: Component, n: number, settings: CyberstrideSettings): MixtureState {
  const p = settings.priors;
  return {
    components: [component, component, component, component],
    probabilities: [p.standard, p.outlier, p.step, p.slope],
    n,
    expected: [component.m[0], component.m[1]],
  };
}

const MAX_EVOLVED_GAP = 120;

function shiftAhead(mixture: MixtureState, steps: number): MixtureState {
  const shift = (c: Component): Component => ({
    m: [c.m[0] + steps * c.m[1], c.m[1]],
    C: [c.C[0] + 2 * steps * c.C[1] + steps * steps * c.C[2], c.C[1] + steps * c.C[2], c.C[2]],
    S: c.S,
  });
  return {
    ...mixture,
    components: mixture.components.map(shift),
    expected: [mixture.expected[0] + steps * mixture.expected[1], mixture.expected[1]],
  };
}

/**
 * Periods without a value: the state evolves under the standard model (W&H 10.5: the posterior is
 * the prior), so the trend carries on and the uncertainty grows. Past MAX_EVOLVED_GAP periods the
 * discounting has long since swamped the information, so the rest only carries the trend forward
 * (keeps the work per update bounded).
 */
export function skipGap(mixture: MixtureState, missed: number, model: MultiProcessModel): MixtureState {
  let next = mixture;
  for (let k = 0; k < Math.min(missed, MAX_EVOLVED_GAP); k++) next = skipPeriod(next, model.hypotheses[0]!, model.beta);
  return missed > MAX_EVOLVED_GAP ? shiftAhead(next, missed - MAX_EVOLVED_GAP) : next;
}
