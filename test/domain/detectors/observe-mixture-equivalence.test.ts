import { collapse, evolve, logSumExp, observe, type Component, type Updated } from '../../../server/domain/detectors/cyberstride/dlm';
import { modelOf } from '../../../server/domain/detectors/cyberstride/model';
import { collapsedPosterior, observeMixture, type MixtureState, type MultiProcessModel, type PerHypothesis } from '../../../server/domain/detectors/cyberstride/multiprocess';
import { defaultCyberstrideSettings, parseCyberstrideSettings, westHarrisonSettings } from '../../../server/domain/detectors/cyberstride/settings';
import { mulberry32 } from './random';

/**
 * observeMixture as it was written before it ran over scratch arrays (evolve, observe and collapse
 * composed): the fast one must give the same doubles, bit for bit, or replays of old logs would
 * drift from what was live. Kept here as the reference.
 */
function reference(state: MixtureState, y: number, model: MultiProcessModel) {
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
  const components = [0, 1, 2, 3].map((j) => collapse(updates.map((row) => row[j]!.component), [0, 1, 2, 3].map((i) => weight(i, j))));
  const meanGiven = (i: number, k: 0 | 1) => {
    let sum = 0;
    for (let j = 0; j < 4; j++) sum += weight(i, j) * updates[i]![j]!.component.m[k];
    return retrospective[i]! > 0 ? sum / retrospective[i]! : 0;
  };
  const [expectedLevel, expectedSlope] = state.expected;
  const collapsedPrior = evolve(collapsedPosterior(state), model.hypotheses[0]!.levelDiscount, model.hypotheses[0]!.growthDiscount);
  return {
    state: { components, probabilities: posterior.map((p) => Math.max(p, 1e-300)), n: model.beta * state.n + 1, expected: collapsedPrior.a },
    posterior,
    retrospective,
    levelChange: meanGiven(2, 0) - (expectedLevel + expectedSlope),
    slopeChange: meanGiven(3, 1) - expectedSlope,
  };
}

function randomState(random: () => number): MixtureState {
  const component = (): Component => {
    const scale = 10 ** (random() * 6 - 2);
    const c11 = scale * random();
    const c22 = scale * random() * 0.1;
    return { m: [scale * (random() - 0.5) * 100, scale * (random() - 0.5)], C: [c11, Math.sqrt(c11 * c22) * (random() - 0.5), c22], S: scale * (0.01 + random()) };
  };
  const raw = [random(), random() * 0.1, random() * 0.1, random() * 0.1];
  const total = raw.reduce((s, p) => s + p, 0);
  return { components: [component(), component(), component(), component()], probabilities: raw.map((p) => p / total) as PerHypothesis, n: 1 + random() * 60, expected: [random() * 100, random() - 0.5] };
}

// Each row: settings whose hypotheses differ, so every branch of the mixture is exercised.
test.each([
  ['the defaults', defaultCyberstrideSettings],
  ["West & Harrison's CP6 settings", parseCyberstrideSettings(westHarrisonSettings)],
])('the same doubles as the composed form, under %s', (_name, settings) => {
  const random = mulberry32(7);
  for (let k = 0; k < 500; k++) {
    const state = randomState(random);
    const model = modelOf(settings, k % 3 === 0 ? 0 : 1e-12 * state.components[0]!.S);
    // Ordinary values near the level, and far ones (outliers, steps) that push weights to the floor.
    const y = state.components[0]!.m[0] + (k % 5 === 0 ? 1e4 : 1) * (random() - 0.5) * Math.sqrt(state.components[0]!.S) * 6;
    expect(observeMixture(state, y, model)).toStrictEqual(reference(state, y, model));
  }
});
