import type { Forecast } from '../../shared/api';
import type { Finding } from './detectors/types';
import { detectorFor, FORECAST_PREFERENCE } from './detectors/registry';
import type { Policy } from './policy';
import type { DetectorCheckpoint, Point, SeriesState, Verdict } from './state';

const KEEP_VERDICTS = 32;
/** Detector states are saved every this many judged periods; re-judging late data replays at most this many extra. */
export const CHECKPOINT_EVERY = 16;

/** What judging a series produced: a new period's verdict, or a re-run from an older period. */
export type Judgement =
  | { type: 'judged'; verdict: Verdict }
  /** `before`: the findings the re-judged periods had (a period absent was normal, or not judged). */
  | { type: 'rejudged'; from: number; verdicts: Verdict[]; before: ReadonlyMap<number, Pick<Verdict, 'pain' | 'pleasure'>> };

/**
 * A series' value for `period` has changed: judge the periods that are ready, in order. A change to a
 * period already judged (late data, a correction) re-runs the detectors from the checkpoint before it.
 * Detection only: it returns verdicts and never touches episodes.
 */
export function judgeAfterChange(series: SeriesState, period: number, policy: Policy): Judgement[] {
  if (policy.indicator(series.indicator).detectors.length === 0) return []; // nothing to find: a part of a ratio, say
  const judged = series.judged;
  const out: Judgement[] = [];
  if (judged && period <= judged.period) {
    const point = series.points.get(period);
    if (point?.final || period < judged.period) {
      const rerun = rejudge(series, period, policy);
      if (rerun) out.push(rerun);
    }
  } else insertSorted(series.pending, period);
  out.push(...judgePending(series, policy));
  return out;
}

export function judgePending(series: SeriesState, policy: Policy): Judgement[] {
  const out: Judgement[] = [];
  if (policy.indicator(series.indicator).detectors.length === 0) return out;
  while (series.pending.length > 0) {
    const period = series.pending[0]!;
    const point = series.points.get(period);
    if (point && !point.final) break;
    series.pending.shift();
    const verdict = point ? judgePeriod(series, period, policy) : null;
    if (verdict) {
      recordVerdict(series, verdict, policy);
      out.push({ type: 'judged', verdict });
    }
  }
  return out;
}

/** Whether a figure is judged at all: final, with a value, reported widely enough. A half-reported or empty one is shown, never judged. */
export const judgeablePoint = (point: Point | undefined, minCoverage: number): point is Point & { value: number } =>
  point !== undefined && point.final && point.value !== null && point.coverage >= minCoverage;

const judgeable = (series: SeriesState, period: number, policy: Policy): boolean =>
  judgeablePoint(series.points.get(period), policy.indicator(series.indicator).minCoverage);

function judgePeriod(series: SeriesState, period: number, policy: Policy): Verdict | null {
  if (!judgeable(series, period, policy)) return null;
  const checkpoint = { period, beforePeriod: series.judged?.period ?? null, state: series.judged?.after ?? {}, count: series.judgedCount };
  if (series.judgedCount % CHECKPOINT_EVERY === 0) series.checkpoints.push(checkpoint);
  series.judgedCount++;
  return runDetectors(series, period, checkpoint, policy);
}

function runDetectors(series: SeriesState, period: number, from: DetectorCheckpoint, policy: Policy): Verdict {
  const point = series.points.get(period)!;
  const rule = policy.indicator(series.indicator);
  const missed = from.beforePeriod === null ? 0 : rule.clock.between(from.beforePeriod, period);
  const level = policy.hierarchy.node(series.node).level;
  const better = rule.config.better;
  const thresholds = policy.thresholds(series.indicator, level);
  const after: Record<string, unknown> = {};
  const findings: Finding[] = [];
  let outlier = false;
  let forecast: Forecast | undefined;
  let forecastRank = Infinity;
  for (const id of rule.detectors) {
    const detector = detectorFor(id);
    const settings = rule.config[id as 'cyberstride' | 'spc'] as Record<string, unknown> | undefined;
    const withSettings = { better, thresholds, settings };
    const previous = id in from.state ? from.state[id] : detector.init(withSettings);
    const result = detector.update(previous, point.value!, missed, withSettings);
    after[id] = result.state;
    findings.push(...result.output.findings);
    outlier ||= result.output.outlier === true;
    const rank = FORECAST_PREFERENCE.indexOf(id);
    if (result.output.forecast && rank >= 0 && rank < forecastRank) {
      forecast = result.output.forecast;
      forecastRank = rank;
    }
  }
  if (forecast) series.forecasts.set(period, forecast);
  else series.forecasts.delete(period);
  series.judged = { period, after };
  return { period, pain: strongest(findings, 'pain'), pleasure: strongest(findings, 'pleasure'), outlier };
}

function recordVerdict(series: SeriesState, verdict: Verdict, policy: Policy): void {
  if (verdict.pain || verdict.pleasure) series.findings.set(verdict.period, { pain: verdict.pain, pleasure: verdict.pleasure });
  else series.findings.delete(verdict.period);
  series.verdicts.push(verdict);
  const keep = Math.max(KEEP_VERDICTS, policy.indicator(series.indicator).clearAfter + 1);
  if (series.verdicts.length > keep) series.verdicts.splice(0, series.verdicts.length - keep);
}

/** Re-run the detectors from the checkpoint at or before `from` up to the last judged period. */
function rejudge(series: SeriesState, from: number, policy: Policy): Judgement | null {
  const last = series.judged!.period;
  let index = -1;
  for (let i = series.checkpoints.length - 1; i >= 0; i--) {
    if (series.checkpoints[i]!.period <= from) {
      index = i;
      break;
    }
  }
  if (index < 0) index = 0; // older than anything kept: re-run from the oldest state still in memory
  const checkpoint = series.checkpoints[index];
  if (!checkpoint) return null;
  const before = new Map([...series.findings].filter(([period]) => period >= from));
  const periods = [...series.points.keys()].filter((p) => p >= checkpoint.period && p <= last).sort((a, b) => a - b);
  series.checkpoints.length = index;
  series.judgedCount = checkpoint.count;
  series.judged = checkpoint.beforePeriod === null ? null : { period: checkpoint.beforePeriod, after: checkpoint.state };
  series.verdicts = series.verdicts.filter((verdict) => verdict.period < checkpoint.period);
  const verdicts: Verdict[] = [];
  for (const period of periods) {
    if (!judgeable(series, period, policy)) {
      series.forecasts.delete(period);
      series.findings.delete(period);
      continue;
    }
    const verdict = judgePeriod(series, period, policy)!;
    recordVerdict(series, verdict, policy);
    if (period >= from) verdicts.push(verdict);
  }
  return { type: 'rejudged', from, verdicts, before };
}

function strongest(findings: readonly Finding[], direction: 'pain' | 'pleasure'): Finding | null {
  let best: Finding | null = null;
  for (const finding of findings) {
    if (finding.direction !== direction) continue;
    if (!best || (finding.severity === 'crisis' && best.severity !== 'crisis')) best = finding;
  }
  return best;
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  if (list[i - 1] !== value) list.splice(i, 0, value);
}
