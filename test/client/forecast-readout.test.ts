import { forecastReadout } from '../../client/charts/forecast-readout';

const point = (period: string, forecast: Record<string, number> | null) => ({
  period, value: 1, coverage: 1, final: true,
  forecast: forecast && { forecast: 10, lower: 8, upper: 12, ...forecast },
});

describe('the forecast readout', () => {
  test('reads the latest judged period, hypotheses largest first', () => {
    const readout = forecastReadout([
      point('2026-01-01T00:00:00.000Z', { pStandard: 0.9, pOutlier: 0.05, pStep: 0.03, pSlope: 0.02 }),
      point('2026-01-01T01:00:00.000Z', { pStandard: 0.1, pOutlier: 0.2, pStep: 0.6, pSlope: 0.1 }),
      point('2026-01-01T02:00:00.000Z', null),
    ]);
    expect(readout).toMatchObject({ period: '2026-01-01T01:00:00.000Z', forecast: 10, lower: 8, upper: 12 });
    expect(readout!.hypotheses.map((h) => h.name)).toEqual(['step', 'outlier', 'normal', 'slope']);
  });

  test('a band without probabilities (SPC limits) lists no hypotheses; no forecast at all gives nothing', () => {
    expect(forecastReadout([point('2026-01-01T00:00:00.000Z', {})])!.hypotheses).toEqual([]);
    expect(forecastReadout([point('2026-01-01T00:00:00.000Z', null)])).toBeNull();
  });
});
