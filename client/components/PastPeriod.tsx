import { useContext, useEffect, useState } from 'react';
import type { DataQualityView, IndicatorInfo, Series } from '../../shared/api';
import { fetchSeries } from '../net/api';
import { cardDifferences } from '../state/data-quality';
import { monthOf, monthWords, parsePeriodQuery, pastFigurePeriodWords, pastFigureWords, pausedWords, pointInMonth, searchWithPeriod, seriesWindow } from '../state/past-period';
import { percent, splitValue } from '../state/time-words';
import { ClockOffset, HeldClock } from './clock';

interface Props {
  node: string;
  isUnit: boolean;
  /** The indicators the node view shows, in its order. */
  indicators: IndicatorInfo[];
  catalogue: IndicatorInfo[];
  token: string | null;
  dataQuality: DataQualityView[];
}

type Answer = { key: string; series: Series[] } | { key: string; error: string };

/** The month in the URL (`?period=2019-03`), following Back and Forward; set by replacing the URL, so typing a month is one history entry. */
function usePeriodQuery(): [string | null, (month: string | null) => void] {
  const [month, setMonth] = useState(() => parsePeriodQuery(window.location.search));
  useEffect(() => {
    const onPop = () => setMonth(parsePeriodQuery(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const choose = (next: string | null) => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${searchWithPeriod(window.location.search, next)}`);
    setMonth(next);
  };
  return [month, choose];
}

/**
 * A past month of the node in focus: each indicator's figure for that month and how much of it was
 * reported, read from /api/series (the live cards and sparklines show only the recent past).
 */
export function PastPeriod({ node, isUnit, indicators, catalogue, token, dataQuality }: Props) {
  // Only the latest month that can be chosen: no need to re-render every second for it.
  const now = useContext(HeldClock) ?? Date.now() + useContext(ClockOffset);
  const [month, choose] = usePeriodQuery();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = month === null ? null : `${node}\u0000${month}\u0000${indicators.map((i) => i.id).join(',')}`;

  useEffect(() => {
    if (month === null || key === null) return;
    let current = true;
    const span = seriesWindow(month);
    Promise.all(indicators.map((indicator) => fetchSeries(token, { node, indicator: indicator.id, ...span })))
      .then((series) => current && setAnswer({ key, series }))
      .catch((error: Error) => current && setAnswer({ key, error: error.message }));
    return () => {
      current = false;
    };
  }, [key, month, node, indicators, token]);

  const shown = answer !== null && answer.key === key ? answer : null;
  return (
    <section className="past-period" aria-labelledby="past-period-title" data-testid="past-period">
      <div className="past-period-head">
        <h3 id="past-period-title">Read a past month</h3>
        <label>
          <span className="muted">Month </span>
          <input type="month" value={month ?? ''} max={monthOf(now)} onChange={(event) => choose(event.target.value === '' ? null : parsePeriodQuery(`?period=${event.target.value}`))} />
        </label>
        {month !== null && (
          <button type="button" className="action small" onClick={() => choose(null)}>
            Back to now
          </button>
        )}
      </div>
      {month !== null && shown === null && <p className="muted">Reading {monthWords(month)}…</p>}
      {shown !== null && 'error' in shown && <p className="problem" role="alert">Could not read {monthWords(month!)}: {shown.error}</p>}
      {shown !== null && 'series' in shown && (
        <table className="past-period-table" aria-live="polite">
          <caption>{monthWords(month!)}</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Figure</th>
              <th scope="col">Period</th>
              <th scope="col">Reported</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator, i) => {
              const point = pointInMonth(shown.series[i]?.points ?? [], month!, indicator.periodMs);
              const value = splitValue(point?.value ?? null, indicator.unit);
              const marks = point === null ? [] : cardDifferences(dataQuality.filter((f) => f.period === point.period), node, indicator, (id) => catalogue.find((c) => c.id === id));
              return (
                <tr key={indicator.id} data-indicator={indicator.id}>
                  <th scope="row">{indicator.label}</th>
                  <td className="past-figure">
                    {point === null || point.value === null ? <span className="muted">no figure</span> : pastFigureWords(value, point.value)}
                    {marks.map((mark) => (
                      <span key={mark.indicator} className="indicator-published muted" role="note" title={mark.source ?? undefined}>
                        <span aria-hidden="true"> ⚑ </span>
                        {mark.text}
                      </span>
                    ))}
                  </td>
                  <td>{point === null ? '' : pastFigurePeriodWords(point.period, indicator.periodMs, month!)}</td>
                  <td>
                    {point === null ? '' : `${percent(point.coverage)}${point.final ? '' : ' (provisional)'}`}
                    {point !== null && point.paused !== undefined && <span className="past-paused muted">{` · ${pausedWords(point.paused, isUnit)}`}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
