/**
 * The linear-growth DLM (West & Harrison ch. 7) with unknown observation variance (W&H 4.6, 10.8):
 *   y_t = level_t + v_t,            v_t ~ N(0, k V)
 *   level_t = level_{t-1} + slope_{t-1} + w1,   slope_t = slope_{t-1} + w2
 * All variances are on the data scale (W&H's C_t = S_t C*_t), so a component is (m, C, S) with the
 * degrees of freedom n shared by every component of the multi-process model.
 */

/** Symmetric 2×2 matrix as [c11, c12, c22]. */
export type Sym2 = [number, number, number];

export interface Component {
  /** Posterior mean (level, slope). */
  m: [number, number];
  /** Posterior covariance on the data scale. */
  C: Sym2;
  /** Point estimate of the observation variance V. */
  S: number;
}

export interface Hypothesis {
  levelDiscount: number;
  growthDiscount: number;
  /** Multiplier of V (the outlier model's 100). */
  varianceFactor: number;
}

export interface Prior {
  a: [number, number];
  R: Sym2;
}

/**
 * Evolution with component discounting (W&H 6.3.2): P = G C G', W = diag(P11 (1/δ_level − 1),
 * P22 (1/δ_growth − 1)), R = P + W.
 */
export function evolve(component: Component, levelDiscount: number, growthDiscount: number): Prior {
  const [c11, c12, c22] = component.C;
  const p11 = c11 + 2 * c12 + c22;
  const p12 = c12 + c22;
  return {
    a: [component.m[0] + component.m[1], component.m[1]],
    R: [p11 / levelDiscount, p12, c22 / growthDiscount],
  };
}

export interface Updated {
  component: Component;
  /** log of the Student-t one-step predictive density of y (up to the constant shared by all components). */
  logLikelihood: number;
  forecast: number;
  /** Predictive scale Q (the t is on n degrees of freedom). */
  Q: number;
}

/**
 * One observation under one hypothesis (W&H Theorem 4.3 with variance discount β, 10.8.2):
 * f = a1, Q = R11 + k S, e = y − f, A = R F / Q, n' = β n + 1, d' = β n S + S e² / Q, S' = d'/n',
 * m = a + A e, C = (S'/S)(R − A A' Q).
 */
export function observe(prior: Prior, S: number, n: number, y: number, varianceFactor: number, beta: number, minVariance: number): Updated {
  const [r11, r12, r22] = prior.R;
  const f = prior.a[0];
  const Q = r11 + varianceFactor * S;
  const e = y - f;
  const a1 = r11 / Q;
  const a2 = r12 / Q;
  const nNext = beta * n + 1;
  const SNext = Math.max(minVariance, (beta * n * S + (S * e * e) / Q) / nNext);
  const ratio = SNext / S;
  const logLikelihood = -0.5 * Math.log(Q) - ((n + 1) / 2) * Math.log1p((e * e) / (n * Q));
  return {
    component: {
      m: [prior.a[0] + a1 * e, prior.a[1] + a2 * e],
      C: [ratio * (r11 - a1 * a1 * Q), ratio * (r12 - a1 * a2 * Q), ratio * (r22 - a2 * a2 * Q)],
      S: SNext,
    },
    logLikelihood,
    forecast: f,
    Q,
  };
}

/**
 * Collapse a mixture of normal/gamma posteriors that share n into one by moment matching
 * (W&H 12.3.4): 1/S = Σ p_i / S_i, p*_i = p_i S / S_i, m = Σ p*_i m_i, C = Σ p*_i (C_i + (m_i − m)(m_i − m)').
 */
export function collapse(components: readonly Component[], weights: readonly number[]): Component {
  let precision = 0;
  let total = 0;
  for (let i = 0; i < components.length; i++) {
    precision += weights[i]! / components[i]!.S;
    total += weights[i]!;
  }
  const S = total / precision;
  let m0 = 0;
  let m1 = 0;
  // Indexed loops rather than map/forEach callbacks: this runs on every update (the arithmetic is the same).
  const star: number[] = [];
  for (let i = 0; i < components.length; i++) star.push((weights[i]! * S) / (total * components[i]!.S));
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    m0 += star[i]! * c.m[0];
    m1 += star[i]! * c.m[1];
  }
  let c11 = 0;
  let c12 = 0;
  let c22 = 0;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    const d0 = c.m[0] - m0;
    const d1 = c.m[1] - m1;
    c11 += star[i]! * (c.C[0] + d0 * d0);
    c12 += star[i]! * (c.C[1] + d0 * d1);
    c22 += star[i]! * (c.C[2] + d1 * d1);
  }
  return { m: [m0, m1], C: [c11, c12, c22], S };
}

/** log Σ exp(x_i), safe for very negative x. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max === -Infinity) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}
