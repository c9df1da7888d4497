import { collapse, evolve, logSumExp, observe, type Component } from './dlm';
import type { MixtureState, MultiProcessModel, PerHypothesis } from './multiprocess';
import type { CyberstrideSettings } from './settings';

/**
 * The one-period-back verdict sees a single value after a surprise; a change whose next value
 * happens to fall short of the new level is taken for an outlier and then quietly absorbed, and a
 * change of slope hardly shows in one value at all. So at every surprise the four per-hypothesis
 * posteriors of that period are kept and carried forward for a few more values, each under the
 * standard model (with the outlier alternative for each new value, collapsed), accumulating its
 * predictive log-likelihood. Their weights are then the retrospective probabilities of the
 * hypotheses k periods back, under the approximation that nothing else changed in between
 * (W&H 12.3 with a longer look back, restricted to one event).
 */
export interface LookBack {
  /** Observations since the surprise, and periods (missing ones included). */
  lag: number;
  periods: number;
  /** The course before the surprise: the prior (level, slope) for its period. */
  course: [number, number];
  branches: Component[];
  /** log P(M_surprise = j | data since), unnormalised. */
  logWeights: number[];
}

export function openLookBack(mixture: MixtureState): LookBack {
  return { lag: 0, periods: 0, course: mixture.expected, branches: mixture.components, logWeights: mixture.probabilities.map(Math.log) };
}

/** Carry every branch over one more value (after `missed` empty periods) and weigh it. */
export function extendLookBack(look: LookBack, y: number, missed: number, n: number, model: MultiProcessModel): LookBack {
  const [standard, outlier] = model.hypotheses;
  const pOutlier = Math.exp(model.logPriors[1]!);
  const logWeights: number[] = [];
  const branches = look.branches.map((branch, j) => {
    let from = branch;
    for (let k = 0; k < missed; k++) {
      const skipped = evolve(from, standard!.levelDiscount, standard!.growthDiscount);
      from = { m: skipped.a, C: skipped.R, S: from.S };
    }
    const prior = evolve(from, standard!.levelDiscount, standard!.growthDiscount);
    const usual = observe(prior, from.S, n, y, 1, model.beta, model.minVariance);
    const odd = observe(prior, from.S, n, y, outlier!.varianceFactor, model.beta, model.minVariance);
    const logs = [Math.log(1 - pOutlier) + usual.logLikelihood, Math.log(pOutlier) + odd.logLikelihood];
    const total = logSumExp(logs);
    logWeights.push(look.logWeights[j]! + total);
    return collapse([usual.component, odd.component], logs.map((l) => Math.exp(l - total)));
  });
  return { ...look, lag: look.lag + 1, periods: look.periods + missed + 1, branches, logWeights };
}

export function lookBackProbabilities(look: LookBack): PerHypothesis {
  const total = logSumExp(look.logWeights);
  return look.logWeights.map((w) => Math.exp(w - total)) as PerHypothesis;
}

/** Size of the change: level (or slope) now under the change branch, against the old course carried on. */
function lookBackChange(look: LookBack, kind: 'step' | 'slope'): number {
  const [level, slope] = look.course;
  if (kind === 'slope') return look.branches[3]!.m[1] - slope;
  return look.branches[2]!.m[0] - (level + look.periods * slope);
}

/** The branch for `kind` carried to the present: the posterior given that the change happened where the look began. */
function branchOf(look: LookBack, kind: 'step' | 'slope'): Component {
  return look.branches[kind === 'step' ? 2 : 3]!;
}

export interface Found {
  kind: 'step' | 'slope';
  lag: number;
  probability: number;
  change: number;
  /** Posterior given this change, to carry on from. */
  branch: Component;
}

export interface Observation {
  value: number;
  missed: number;
  /** Degrees of freedom before this value. */
  n: number;
  /** The mixture after this value. */
  mixture: MixtureState;
  /** This value was a surprise. */
  surprised: boolean;
  /** The one-back verdict already called the previous value a lasting change. */
  previousChanged: boolean;
  /** The one-back verdict found a change at the previous value likely, but not likely enough to call it yet. */
  previousUndecided: boolean;
  /** The mixture at the previous value (before any gap), to look back from. */
  before: MixtureState;
}

function judge(look: LookBack, threshold: number): Found | null {
  if (look.lag < 2) return null;
  const [, , step, slope] = lookBackProbabilities(look);
  if (step + slope < threshold) return null;
  const kind = step >= slope ? 'step' : 'slope';
  return { kind, lag: look.lag, probability: step + slope, change: lookBackChange(look, kind), branch: branchOf(look, kind) };
}

/**
 * Carry the open look back over one more value and judge it from two values on: a lasting change
 * when P(step) + P(slope) reaches `changeProbability`; given up after `lookBack` values or once the
 * no-change hypotheses hold 99 %. When none is open, one opens at the previous value if the
 * one-back verdict left a likely change undecided, else at this value if it was a surprise.
 */
export function followLookBack(open: LookBack | null, obs: Observation, model: MultiProcessModel, settings: CyberstrideSettings) {
  // Across a gap longer than the look back itself the old course says too little to judge by.
  let look = open && obs.missed < settings.lookBack ? extendLookBack(open, obs.value, obs.missed, obs.n, model) : null;
  let found: Found | null = null;
  if (look && look.lag === 1 && obs.previousChanged) look = null;
  if (look) {
    found = judge(look, settings.changeProbability);
    const [none, odd] = lookBackProbabilities(look);
    if (found || look.lag >= settings.lookBack || none + odd >= 0.99) look = null;
  }
  if (settings.lookBack < 2 || look || found) return { look, found };
  if (obs.previousUndecided && obs.missed < settings.lookBack) look = extendLookBack(openLookBack(obs.before), obs.value, obs.missed, obs.n, model);
  else if (obs.surprised) look = openLookBack(obs.mixture);
  return { look, found };
}
