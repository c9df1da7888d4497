import type { Episode, Series } from '../api';

/**
 * CSV shapes of the API: what POST /api/readings takes with `Content-Type: text/csv`, and the columns
 * of GET /api/series and GET /api/episodes as CSV (`Accept: text/csv` or `format=csv`). Empty cells
 * are nulls; booleans are `true`/`false`; times are ISO 8601 UTC, so a spreadsheet reads them.
 */
export const READINGS_CSV_COLUMNS = ['unit', 'indicator', 'ts', 'value'] as const;

type Cell = string | number | boolean | null | undefined;

export const SERIES_CSV_COLUMNS = ['node', 'indicator', 'period', 'value', 'coverage', 'final', 'forecast', 'lower', 'upper'] as const;
export const seriesCsvRows = (series: Series): Cell[][] =>
  series.points.map((point) => [series.node, series.indicator, point.period, point.value, point.coverage, point.final, point.forecast?.forecast, point.forecast?.lower, point.forecast?.upper]);

export const EPISODES_CSV_COLUMNS = [
  'id', 'node', 'indicator', 'direction', 'kind', 'severity', 'period', 'value', 'status', 'holder', 'holder_level', 'opened_at', 'deadline', 'overdue',
  'resolved_at', 'resolved_level', 'acknowledged_by', 'policy_version', 'reached',
] as const;
export const episodesCsvRows = (episodes: readonly Episode[]): Cell[][] =>
  episodes.map((e) => [
    e.id, e.node, e.indicator, e.direction, e.kind, e.severity, e.period, e.value, e.status, e.holder, e.holderLevel, e.openedAt, e.deadline, e.overdue,
    e.resolvedAt, e.resolvedLevel, e.acknowledgedBy, e.policyVersion, e.reached.join(' '),
  ]);
