import { collapse, evolve, logSumExp, observe, type Component, type Hypothesis, type Updated } from './dlm';

/** The four hypotheses, in this order everywhere: standard, outlier, level step, slope change. */
export const HYPOTHESES = ['standard', 'outlier', 'step', 'slope'] as const;
export type HypothesisName = (typeof HYPOTHESES)[number];
export type PerHypothesis = [number, number, number, number];

export interface MultiProcessModel {
  hypotheses: readonly Hypothesis[];
  logPriors: readonly number[];
  /** Variance discount β. */
  beta: number;
  /** Floor for the observation variance estimate (guards series that sit on one value). */
  minVariance: number;
}

/**
 * Class II mixture after one-step collapsing (W&H 12.3): one posterior per hypothesis at the last
 * observed period, each already collapsed over the hypothesis before it.
 */
export interface MixtureState {
  components: Component[];
  /** P(M_{t-1} = i | D_{t-1}). */
  probabilities: PerHypothesis;
  /** Degrees of freedom, shared by every component. */
  n: number;
  /** Prior mean (level, slope) for the last observed period, before its value: the no-change baseline. */
  expected: [number, number];
}

export interface MixtureStep {
  state: MixtureState;
  /** P(M_t = j | D_t). */
  posterior: PerHypothesis;
  /** P(M_{t-1} = i | D_t): the retrospective, one period back. */
  retrospective: PerHypothesis;
  /** Level change at t−1 estimated under the step hypothesis, and slope change under the slope one. */
  levelChange: number;
  slopeChange: number;
}

/** No observation for a period: every component evolves under the standard model (W&H: m_t = a_t, C_t = R_t). */
export function skipPeriod(state: MixtureState, standard: Hypothesis, beta: number): MixtureState {
  return {
    components: state.components.map((c) => {
      const prior = evolve(c, standard.levelDiscount, standard.growthDiscount);
      return { m: prior.a, C: prior.R, S: c.S };
    }),
    probabilities: state.probabilities,
    n: Math.max(1, beta * state.n),
    expected: [state.expected[0] + state.expected[1], state.expected[1]],
  };
}

/** The mixture collapsed to one posterior (the 4 → 1 moment match), e.g. for the forecast. */
export function collapsedPosterior(state: MixtureState): Component {
  return collapse(state.components, state.probabilities);
}

/**
 * One observation: every hypothesis at t−1 (i) combined with every hypothesis at t (j), 16 updates,
 * weights p(i) π(j) p(y | i, j) normalised in log space, then collapsed over i for each j.
 */
export function observeMixture(state: MixtureState, y: number, model: MultiProcessModel): MixtureStep {
  const updates: Updated[][] = [];
  const logWeights: number[] = [];
  state.components.forEach((component, i) => {
    const row: Updated[] = [];
    model.hypotheses.forEach((h, j) => {
      const prior = evolve(component, h.levelDiscount, h.growthDiscount);
      const updated = observe(prior, component.S, state.n, y, h.varianceFactor, model.beta, model.minVariance);
      row.push(updated);
      logWeights.push(Math.log(state.probabilities[i]!) + model.logPriors[j]! + updated.logLikelihood);
    });
    updates.push(row);
  });
  const logTotal = logSumExp(logWeights);
  const weight = (i: number, j: number) => Math.exp(logWeights[i * 4 + j]! - logTotal);

  const posterior: PerHypothesis = [0, 0, 0, 0];
  const retrospective: PerHypothesis = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      posterior[j]! += weight(i, j);
      retrospective[i]! += weight(i, j);
    }
  }
  const components = [0, 1, 2, 3].map((j) =>
    collapse(
      updates.map((row) => row[j]!.component),
      [0, 1, 2, 3].map((i) => weight(i, j)),
    ),
  );
  const meanGiven = (i: number, k: 0 | 1) => {
    let sum = 0;
    for (let j = 0; j < 4; j++) sum += weight(i, j) * updates[i]![j]!.component.m[k];
    return retrospective[i]! > 0 ? sum / retrospective[i]! : 0;
  };
  const [expectedLevel, expectedSlope] = state.expected;
  const collapsedPrior = evolve(collapsedPosterior(state), model.hypotheses[0]!.levelDiscount, model.hypotheses[0]!.growthDiscount);
  return {
    state: {
      components,
      // Floor keeps log p(i) finite when a hypothesis has been all but ruled out.
      probabilities: posterior.map((p) => Math.max(p, 1e-300)) as PerHypothesis,
      n: model.beta * state.n + 1,
      expected: collapsedPrior.a,
    },
    posterior,
    retrospective,
    levelChange: meanGiven(2, 0) - (expectedLevel + expectedSlope),
    slopeChange: meanGiven(3, 1) - expectedSlope,
  };
}
