import { collapse, evolve, logSumExp, type Component, type Hypothesis } from './dlm';

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

// Scratch for the 16 updates of one observation, reused (single-threaded, never re-entered): the
// hot loop of Cyberstride allocates only what it returns. Float64Array holds the same doubles.
const M0 = new Float64Array(16);
const M1 = new Float64Array(16);
const C11 = new Float64Array(16);
const C12 = new Float64Array(16);
const C22 = new Float64Array(16);
const SS = new Float64Array(16);
const LOG_WEIGHTS = new Float64Array(16);
const WEIGHTS = new Float64Array(16);

/**
 * One observation: every hypothesis at t−1 (i) combined with every hypothesis at t (j), 16 updates,
 * weights p(i) π(j) p(y | i, j) normalised in log space, then collapsed over i for each j.
 * The arithmetic is `evolve`, `observe` and `collapse` (dlm.ts) written out over scratch arrays, in
 * the same order, so the numbers are bit for bit theirs. `collapsed`: the state's collapsed posterior,
 * when the caller has it already.
 */
export function observeMixture(state: MixtureState, y: number, model: MultiProcessModel, collapsed: Component = collapsedPosterior(state)): MixtureStep {
  const { n } = state;
  const { beta, minVariance } = model;
  for (let i = 0; i < 4; i++) {
    const component = state.components[i]!;
    const [c11, c12, c22] = component.C;
    const S = component.S;
    const logP = Math.log(state.probabilities[i]!);
    // evolve, the part every hypothesis shares
    const p11 = c11 + 2 * c12 + c22;
    const p12 = c12 + c22;
    const a0 = component.m[0] + component.m[1];
    const a1 = component.m[1];
    for (let j = 0; j < 4; j++) {
      const h = model.hypotheses[j]!;
      const k = i * 4 + j;
      const r11 = p11 / h.levelDiscount;
      const r12 = p12;
      const r22 = c22 / h.growthDiscount;
      // observe
      const Q = r11 + h.varianceFactor * S;
      const e = y - a0;
      const g1 = r11 / Q;
      const g2 = r12 / Q;
      const nNext = beta * n + 1;
      const SNext = Math.max(minVariance, (beta * n * S + (S * e * e) / Q) / nNext);
      const ratio = SNext / S;
      const logLikelihood = -0.5 * Math.log(Q) - ((n + 1) / 2) * Math.log1p((e * e) / (n * Q));
      M0[k] = a0 + g1 * e;
      M1[k] = a1 + g2 * e;
      C11[k] = ratio * (r11 - g1 * g1 * Q);
      C12[k] = ratio * (r12 - g1 * g2 * Q);
      C22[k] = ratio * (r22 - g2 * g2 * Q);
      SS[k] = SNext;
      LOG_WEIGHTS[k] = logP + model.logPriors[j]! + logLikelihood;
    }
  }
  const logTotal = logSumExp(LOG_WEIGHTS);
  for (let k = 0; k < 16; k++) WEIGHTS[k] = Math.exp(LOG_WEIGHTS[k]! - logTotal);

  const posterior: PerHypothesis = [0, 0, 0, 0];
  const retrospective: PerHypothesis = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      posterior[j]! += WEIGHTS[i * 4 + j]!;
      retrospective[i]! += WEIGHTS[i * 4 + j]!;
    }
  }
  const components: Component[] = [];
  for (let j = 0; j < 4; j++) {
    // collapse over i, the weights WEIGHTS[i * 4 + j]
    let precision = 0;
    let total = 0;
    for (let i = 0; i < 4; i++) {
      precision += WEIGHTS[i * 4 + j]! / SS[i * 4 + j]!;
      total += WEIGHTS[i * 4 + j]!;
    }
    const S = total / precision;
    const star0 = (WEIGHTS[j]! * S) / (total * SS[j]!);
    const star1 = (WEIGHTS[4 + j]! * S) / (total * SS[4 + j]!);
    const star2 = (WEIGHTS[8 + j]! * S) / (total * SS[8 + j]!);
    const star3 = (WEIGHTS[12 + j]! * S) / (total * SS[12 + j]!);
    const stars = [star0, star1, star2, star3];
    let m0 = 0;
    let m1 = 0;
    for (let i = 0; i < 4; i++) {
      m0 += stars[i]! * M0[i * 4 + j]!;
      m1 += stars[i]! * M1[i * 4 + j]!;
    }
    let c11 = 0;
    let c12 = 0;
    let c22 = 0;
    for (let i = 0; i < 4; i++) {
      const k = i * 4 + j;
      const d0 = M0[k]! - m0;
      const d1 = M1[k]! - m1;
      c11 += stars[i]! * (C11[k]! + d0 * d0);
      c12 += stars[i]! * (C12[k]! + d0 * d1);
      c22 += stars[i]! * (C22[k]! + d1 * d1);
    }
    components.push({ m: [m0, m1], C: [c11, c12, c22], S });
  }
  const [expectedLevel, expectedSlope] = state.expected;
  const collapsedPrior = evolve(collapsed, model.hypotheses[0]!.levelDiscount, model.hypotheses[0]!.growthDiscount);
  return {
    state: {
      components,
      // Floor keeps log p(i) finite when a hypothesis has been all but ruled out.
      probabilities: [Math.max(posterior[0], 1e-300), Math.max(posterior[1], 1e-300), Math.max(posterior[2], 1e-300), Math.max(posterior[3], 1e-300)],
      n: model.beta * state.n + 1,
      expected: collapsedPrior.a,
    },
    posterior,
    retrospective,
    levelChange: meanGiven(2, M0, retrospective) - (expectedLevel + expectedSlope),
    slopeChange: meanGiven(3, M1, retrospective) - expectedSlope,
  };
}

/** The mean of `values` over the hypotheses at t given hypothesis i at t−1 (after observeMixture filled WEIGHTS). */
function meanGiven(i: number, values: Float64Array, retrospective: PerHypothesis): number {
  let sum = 0;
  for (let j = 0; j < 4; j++) sum += WEIGHTS[i * 4 + j]! * values[i * 4 + j]!;
  return retrospective[i]! > 0 ? sum / retrospective[i]! : 0;
}
