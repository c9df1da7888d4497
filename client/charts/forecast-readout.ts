import type { Series } from '../../shared/api';

export interface ForecastReadout {
  period: string;
  forecast: number;
  lower: number;
  upper: number;
  /** Cyberstride's posterior for the period, largest first; empty for a detector that gives none. */
  hypotheses: Array<{ name: 'normal' | 'outlier' | 'step' | 'slope'; probability: number }>;
}

/** What the forecaster said about the latest period it judged: its band and how sure it is of each hypothesis. */
export function forecastReadout(points: Series['points']): ForecastReadout | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const forecast = points[i]!.forecast;
    if (!forecast) continue;
    const named = [
      ['normal', forecast.pStandard],
      ['outlier', forecast.pOutlier],
      ['step', forecast.pStep],
      ['slope', forecast.pSlope],
    ] as const;
    const hypotheses = named
      .filter((entry): entry is readonly [ForecastReadout['hypotheses'][number]['name'], number] => typeof entry[1] === 'number')
      .map(([name, probability]) => ({ name, probability }))
      .sort((a, b) => b.probability - a.probability);
    return { period: points[i]!.period, forecast: forecast.forecast, lower: forecast.lower, upper: forecast.upper, hypotheses };
  }
  return null;
}
