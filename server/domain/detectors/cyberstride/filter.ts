import type { Forecast } from '../../../../shared/api';
import { evolve, type Component } from './dlm';
import { initialFit } from './initialise';
import { mixtureFrom, modelOf, skipGap } from './model';
import { collapsedPosterior, observeMixture, type MixtureState, type PerHypothesis } from './multiprocess';
import type { CyberstrideSettings } from './settings';
import { studentTQuantile } from './student-t';
import { followLookBack, type LookBack } from './lookback';

/** Plain-JSON state of one series (it goes into snapshots). */
export interface CyberstrideState {
  /** (period offset, value) pairs kept until the series has initialised itself. */
  warmup: [number, number][];
  mixture: MixtureState | null;
  minVariance: number;
  /** The last value, and the smallest non-zero step between successive values so far (null: none yet). */
  last: number | null;
  resolution: number | null;
  /** Observations filtered since initialisation; the one-back verdict needs two. */
  filtered: number;
  /** Observations since the last reported lasting change (null: none yet). */
  sinceChange: number | null;
  /** The last surprise, followed for a few more values (see lookback.ts). */
  lookBack: LookBack | null;
}

/** A classification of an earlier observation: `lag` observations before the current one. */
export type Verdict =
  | { kind: 'outlier'; lag: number; probability: number }
  | { kind: 'step' | 'slope'; lag: number; probability: number; change: number };

export interface FilterStep {
  state: CyberstrideState;
  /** Forecast for this period made before its value was seen, with P(M_t = j | D_t). */
  forecast: Forecast | null;
  posterior: PerHypothesis | null;
  /** P(M_{t-1} = i | D_t), about the previous observation. */
  retrospective: PerHypothesis | null;
  /** What this observation tells about earlier ones: outliers and the starts of lasting changes. */
  verdicts: Verdict[];
}

export function initialState(settings: CyberstrideSettings): CyberstrideState {
  const init = settings.initial;
  const fresh = { warmup: [], minVariance: 0, last: null, resolution: null, filtered: 0, sinceChange: null, lookBack: null };
  if (!init) return { ...fresh, mixture: null };
  const S = init.d / init.n;
  const component: Component = { m: [init.level, init.slope], C: [init.levelVariance, 0, init.slopeVariance], S };
  return { ...fresh, mixture: mixtureFrom(component, init.n, settings), minVariance: 1e-12 * S };
}

/**
 * The quantile is asked for every update, and n soon settles at 1/(1 − β), so it is memoised by
 * (probability, dof): the same numbers, without the Newton iterations. Bounded in case n never settles.
 */
const quantiles = new Map<number, Map<number, number>>();
const MAX_MEMOISED = 4096;
let lastP = NaN;
let lastByDof = new Map<number, number>();
function memoisedQuantile(p: number, dof: number): number {
  let byDof = p === lastP ? lastByDof : quantiles.get(p);
  if (!byDof) quantiles.set(p, (byDof = new Map()));
  lastP = p;
  lastByDof = byDof;
  let q = byDof.get(dof);
  if (q === undefined) {
    if (byDof.size >= MAX_MEMOISED) byDof.clear();
    q = studentTQuantile(p, dof);
    byDof.set(dof, q);
  }
  return q;
}

function interval(f: number, Q: number, n: number, coverage: number) {
  const half = memoisedQuantile((1 + coverage) / 2, n) * Math.sqrt(Q);
  return { forecast: f, lower: f - half, upper: f + half };
}

/** A rough forecast while warming up: mean and spread of the values so far (none before two). */
function warmupForecast(values: readonly number[], coverage: number): Forecast | null {
  const k = values.length;
  if (k < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / k;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1);
  return interval(mean, variance * (1 + 1 / k), k - 1, coverage);
}

function judgePrevious(step: ReturnType<typeof observeMixture>, settings: CyberstrideSettings): Verdict | null {
  const [, outlier, levelStep, slope] = step.retrospective;
  const change = levelStep + slope;
  if (change >= settings.promptProbability && change > outlier) {
    const kind = levelStep >= slope ? 'step' : 'slope';
    return { kind, lag: 1, probability: change, change: kind === 'step' ? step.levelChange : step.slopeChange };
  }
  if (outlier >= settings.outlierProbability) return { kind: 'outlier', lag: 1, probability: outlier };
  return null;
}

/** A level change this many noise standard deviations or more. */
const BIG_JUMP = 6;

/** Values in whole units (or any fixed resolution) cannot be forecast to better than half a unit. */
function resolutionAfter(state: CyberstrideState, value: number): number | null {
  const step = state.last === null ? 0 : Math.abs(value - state.last);
  if (!(step > 0)) return state.resolution;
  return state.resolution === null ? step : Math.min(state.resolution, step);
}

function warmingUp(state: CyberstrideState, value: number, missed: number, settings: CyberstrideSettings): FilterStep {
  const offset = state.warmup.length ? state.warmup[state.warmup.length - 1]![0] + missed + 1 : 0;
  const warmup: [number, number][] = [...state.warmup, [offset, value]];
  const forecast = warmupForecast(state.warmup.map(([, v]) => v), settings.interval);
  const idle = { forecast, posterior: null, retrospective: null, verdicts: [] };
  const seen = { last: value, resolution: resolutionAfter(state, value) };
  if (warmup.length < settings.warmup) return { ...idle, state: { ...state, ...seen, warmup } };
  const fit = initialFit(warmup);
  const mixture = mixtureFrom(fit.component, fit.n, settings);
  return { ...idle, state: { ...state, ...seen, warmup: [], mixture, minVariance: fit.minVariance } };
}

interface Reports {
  verdicts: Verdict[];
  sinceChange: number | null;
}

/** Keep a verdict unless it is a change too soon after the last (a module function, not a closure: it runs on every update). */
function report(reports: Reports, verdict: Verdict, minGap: number): boolean {
  if (verdict.kind === 'outlier') return reports.verdicts.push(verdict) > 0;
  // A change right after one already reported is the same change still showing.
  if (reports.sinceChange !== null && reports.sinceChange - verdict.lag < minGap) return false;
  reports.verdicts.push(verdict);
  reports.sinceChange = verdict.lag;
  return true;
}

/** One period with a value; `missed` periods without values came before it. Never mutates `state`. */
export function advance(state: CyberstrideState, value: number, missed: number, settings: CyberstrideSettings): FilterStep {
  if (!state.mixture) return warmingUp(state, value, missed, settings);
  const resolution = resolutionAfter(state, value);
  const model = modelOf(settings, Math.max(state.minVariance, resolution === null ? 0 : (resolution / 2) ** 2));
  const mixture = missed > 0 ? skipGap(state.mixture, missed, model) : state.mixture;
  const n = mixture.n;
  const before = collapsedPosterior(mixture);
  const prior = evolve(before, settings.discount.level, settings.discount.growth);
  const Q = prior.R[0] + before.S;
  const step = observeMixture(mixture, value, model, before);

  const reports: Reports = { verdicts: [], sinceChange: state.sinceChange === null ? null : state.sinceChange + 1 };
  const { verdicts } = reports;
  const previous = state.filtered > 0 ? judgePrevious(step, settings) : null;
  const followed = followLookBack(
    state.lookBack,
    {
      value, missed, n, mixture: step.state, before: state.mixture,
      surprised: step.posterior[0] < settings.surprise,
      previousChanged: !!previous && previous.kind !== 'outlier',
      previousUndecided: state.filtered > 0 && step.retrospective[2] + step.retrospective[3] >= settings.changeProbability,
    },
    model,
    settings,
  );
  let next = step.state;
  let lookBack = followed.look;
  if (followed.found) {
    const { branch, ...verdict } = followed.found;
    // Carry on from the posterior given the change, as after an intervention (W&H 11.2).
    if (report(reports, verdict, settings.minGap)) {
      next = mixtureFrom(branch, next.n, settings);
      lookBack = null;
    }
  }
  if (previous) report(reports, previous, settings.minGap);
  // A jump many times the noise seldom leaves the noise as it was (counts above all: their spread
  // grows with their level), so hold the noise estimate loosely and let it re-learn, as W&H's
  // intervention on V does (11.2.3). S itself is kept.
  const jump = verdicts.find((v) => v.kind === 'step' && Math.abs(v.change) >= BIG_JUMP * Math.sqrt(next.components[0]!.S));
  if (jump) next = { ...next, n: Math.min(next.n, settings.warmup) };

  const [pStandard, pOutlier, pStep, pSlope] = step.posterior;
  const f = prior.a[0];
  const half = memoisedQuantile((1 + settings.interval) / 2, n) * Math.sqrt(Q);
  return {
    // Written out rather than spread (this runs on every update), in the order the state has always had.
    state: { warmup: state.warmup, minVariance: state.minVariance, last: value, resolution, filtered: state.filtered + 1, sinceChange: reports.sinceChange, lookBack, mixture: next },
    forecast: { forecast: f, lower: f - half, upper: f + half, pStandard, pOutlier, pStep, pSlope },
    posterior: step.posterior,
    retrospective: step.retrospective,
    verdicts,
  };
}
