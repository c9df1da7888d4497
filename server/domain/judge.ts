import type { Forecast } from '../../shared/api';
import type { Finding } from './detectors/types';
import { detectorFor, FORECAST_PREFERENCE } from './detectors/registry';
import type { Effect } from './effects';
import { applyVerdict } from './episode-rules';
import type { Policy } from './policy';
import type { EngineState, SeriesState, Verdict } from './state';

const KEEP_VERDICTS = 32;

export interface JudgeContext {
  state: EngineState;
  policy: Policy;
  effects: Effect[];
}

/**
 * A series' value for `period` has changed at engine time `at`: judge the periods that are ready, in order.
 * A correction to the last judged period re-runs the detectors from the state before it; a change to an
 * older period is kept but not judged again (detectors are sequential).
 */
export function judgeAfterChange(context: JudgeContext, series: SeriesState, period: number, at: number): void {
  const judged = series.judged;
  if (judged && period === judged.period) {
    const point = series.points.get(period);
    if (point?.final) judgePeriod(context, series, period, at);
  } else if (!judged || period > judged.period) {
    insertSorted(series.pending, period);
  }
  judgePending(context, series, at);
}

export function judgePending(context: JudgeContext, series: SeriesState, at: number): void {
  while (series.pending.length > 0) {
    const period = series.pending[0]!;
    const point = series.points.get(period);
    if (point && !point.final) return;
    series.pending.shift();
    if (point) judgePeriod(context, series, period, at);
  }
}

function judgePeriod(context: JudgeContext, series: SeriesState, period: number, at: number): void {
  const { policy } = context;
  const point = series.points.get(period)!;
  const rule = policy.indicator(series.indicator);
  if (point.value === null || point.coverage < rule.minCoverage) return; // a half-reported figure is shown, never judged
  const rerun = series.judged?.period === period;
  const before = rerun ? series.judged!.before : (series.judged?.after ?? {});
  const beforePeriod = rerun ? series.judged!.beforePeriod : (series.judged?.period ?? null);
  const missed = beforePeriod === null ? 0 : Math.max(0, Math.round((period - beforePeriod) / rule.periodMs) - 1);
  const level = policy.hierarchy.node(series.node).level;
  const detectorContext = { better: rule.config.better, thresholds: policy.thresholds(series.indicator, level) };
  const after: Record<string, unknown> = {};
  const findings: Finding[] = [];
  let outlier = false;
  let forecast: Forecast | undefined;
  let forecastRank = Infinity;
  for (const id of rule.detectors) {
    const detector = detectorFor(id);
    const settings = rule.config[id as 'cyberstride' | 'spc'] as Record<string, unknown> | undefined;
    const withSettings = { ...detectorContext, settings };
    const previous = id in before ? before[id] : detector.init(withSettings);
    const result = detector.update(previous, point.value, missed, withSettings);
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
  series.judged = { period, before, beforePeriod, after };
  const verdict: Verdict = { period, pain: strongest(findings, 'pain'), pleasure: strongest(findings, 'pleasure'), outlier };
  const last = series.verdicts[series.verdicts.length - 1];
  if (last?.period === period) series.verdicts[series.verdicts.length - 1] = verdict;
  else {
    series.verdicts.push(verdict);
    if (series.verdicts.length > Math.max(KEEP_VERDICTS, rule.clearAfter + 1)) series.verdicts.shift();
  }
  applyVerdict(context, series, at);
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
