import type { Component } from './dlm';

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

export interface InitialFit {
  component: Component;
  /** Degrees of freedom of the scale estimate. */
  n: number;
  /** Floor for the observation variance from here on. */
  minVariance: number;
}

/**
 * Level, slope and scale at the last of the first few observations, fitted robustly so that a
 * start-up transient or an odd value does not set the prior: Theil–Sen slope, median intercept,
 * scale from median absolute deviations. The prior is made deliberately loose (few degrees of
 * freedom, covariance of a least-squares line doubled) so that the data soon take over.
 */
export function initialFit(points: readonly (readonly [position: number, value: number])[]): InitialFit {
  const k = points.length;
  const slopes: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) slopes.push((points[j]![1] - points[i]![1]) / (points[j]![0] - points[i]![0]));
  }
  const slope = median(slopes);
  const intercept = median(points.map(([x, y]) => y - slope * x));
  const residuals = points.map(([x, y]) => Math.abs(y - intercept - slope * x));
  // Two robust scales, the larger kept: residuals about a line fitted to so few points understate
  // the noise, and successive differences overstate it when the start is curved.
  const differences = points.slice(1).map(([, y], i) => Math.abs(y - points[i]![1]));
  let scale = Math.max(1.4826 * median(residuals), (1.4826 * median(differences)) / Math.SQRT2);
  // Mostly-zero counts and other lumpy series can have zero medians: fall back on mean deviations.
  if (!(scale > 0)) scale = 1.2533 * Math.max(mean(residuals), mean(differences) / Math.SQRT2);
  if (!(scale > 0)) {
    // A constant start says nothing about the noise: take a nominal 1 % of the level (1 at zero).
    const level = Math.abs(points[k - 1]![1]);
    scale = level > 0 ? 0.01 * level : 1;
  }
  const S = scale * scale;
  const positions = points.map(([x]) => x);
  const last = positions[k - 1]!;
  const meanPosition = positions.reduce((s, x) => s + x, 0) / k;
  const sxx = positions.reduce((s, x) => s + (x - meanPosition) ** 2, 0);
  const endOffset = last - meanPosition;
  return {
    component: {
      m: [intercept + slope * last, slope],
      C: [2 * S * (1 / k + (endOffset * endOffset) / sxx), (2 * S * endOffset) / sxx, (2 * S) / sxx],
      S,
    },
    n: Math.max(2, k - 3),
    minVariance: (1e-6 * scale) ** 2,
  };
}
