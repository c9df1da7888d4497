import type { NodeValue, Series } from '../../shared/api';

type Point = Series['points'][number];

/** What a sparkline can draw of one (node, indicator): its recent periods, oldest first. */
export interface SeriesView {
  status: 'loading' | 'ready' | 'error';
  points: Point[];
  error: string | null;
}

export interface SeriesQuery {
  node: string;
  indicator: string;
  from: string;
}

export interface SeriesCacheOptions {
  /** Periods kept behind the latest (what a sparkline shows). */
  periods: number;
  /** Series kept at most; the least recently followed without a watcher goes first. */
  maxEntries: number;
  /** After a failed fetch, how long before a new value may try again (so a server that is down is not asked on every value). */
  retryAfterMs: number;
}

const DEFAULTS: SeriesCacheOptions = { periods: 48, maxEntries: 64, retryAfterMs: 30_000 };

interface Entry {
  view: SeriesView;
  periodMs: number;
  listeners: Set<() => void>;
  /** Live values that arrived while the history was on its way, applied over it when it lands. */
  early: Map<string, Point>;
  failedAt: number | null;
  /** Counts fetches, so an answer to a superseded one is dropped. */
  generation: number;
}

const keyOf = (node: string, indicator: string) => `${node}\u0000${indicator}`;
const pointOf = (value: NodeValue): Point => ({ period: value.period, value: value.value, coverage: value.coverage, final: value.final, forecast: value.forecast ?? null });

/** `points` with `point` in its period's place (replacing what was there), oldest first. */
function withPoint(points: Point[], point: Point): Point[] {
  const at = Date.parse(point.period);
  let i = points.length;
  while (i > 0 && Date.parse(points[i - 1]!.period) > at) i--;
  if (i > 0 && points[i - 1]!.period === point.period) return [...points.slice(0, i - 1), point, ...points.slice(i)];
  return [...points.slice(0, i), point, ...points.slice(i)];
}

/**
 * Series history for sparklines, fetched once per (node, indicator) and then kept up to date from
 * the live values the room already receives: each value replaces its period's point or adds a new
 * one, and the oldest fall away. It asks the server again only when the live feed skipped a period
 * it should have carried (a reconnect, say), so a room with values arriving every 100 ms sends no
 * requests at all. `now` is only used to pace retries after a failure.
 */
export function createSeriesCache(fetchSeries: (query: SeriesQuery) => Promise<Series>, options: Partial<SeriesCacheOptions> = {}, now: () => number = Date.now) {
  const settings = { ...DEFAULTS, ...options };
  const entries = new Map<string, Entry>();

  const publish = (entry: Entry, view: SeriesView) => {
    entry.view = view;
    for (const listener of entry.listeners) listener();
  };

  const trimmed = (points: Point[], periodMs: number): Point[] => {
    const last = points[points.length - 1];
    if (!last) return points;
    const oldest = Date.parse(last.period) - settings.periods * periodMs;
    const first = points.findIndex((point) => Date.parse(point.period) >= oldest);
    return first <= 0 ? points : points.slice(first);
  };

  const load = (key: string, entry: Entry, latest: NodeValue) => {
    const [node, indicator] = [latest.node, latest.indicator];
    const from = new Date(Date.parse(latest.period) - settings.periods * entry.periodMs).toISOString();
    const generation = ++entry.generation;
    entry.early = new Map([[latest.period, pointOf(latest)]]);
    publish(entry, { ...entry.view, status: entry.view.status === 'ready' ? 'ready' : 'loading' });
    fetchSeries({ node, indicator, from }).then(
      (series) => {
        if (entries.get(key) !== entry || entry.generation !== generation) return;
        let points = series.points;
        for (const point of entry.early.values()) points = withPoint(points, point);
        entry.early.clear();
        entry.failedAt = null;
        publish(entry, { status: 'ready', points: trimmed(points, entry.periodMs), error: null });
      },
      (failure: unknown) => {
        if (entries.get(key) !== entry || entry.generation !== generation) return;
        entry.failedAt = now();
        publish(entry, { status: 'error', points: entry.view.points, error: failure instanceof Error ? failure.message : String(failure) });
      },
    );
  };

  const evict = () => {
    if (entries.size <= settings.maxEntries) return;
    for (const [key, entry] of entries) {
      if (entries.size <= settings.maxEntries) break;
      if (entry.listeners.size === 0) entries.delete(key);
    }
  };

  return {
    /** What is known of the series now (undefined before its first value). The same object until it changes. */
    view(node: string, indicator: string): SeriesView | undefined {
      return entries.get(keyOf(node, indicator))?.view;
    },

    subscribe(node: string, indicator: string, listener: () => void): () => void {
      const key = keyOf(node, indicator);
      let entry = entries.get(key);
      if (!entry) {
        entry = { view: { status: 'loading', points: [], error: null }, periodMs: 0, listeners: new Set(), early: new Map(), failedAt: null, generation: 0 };
        entries.set(key, entry);
      }
      entry.listeners.add(listener);
      const held = entry;
      return () => {
        held.listeners.delete(listener);
      };
    },

    /**
     * The room's latest value of a series: the first one fetches its history; later ones update it in
     * place, unless the feed skipped a whole period (then the history is fetched again, once).
     */
    follow(latest: NodeValue, periodMs: number): void {
      const key = keyOf(latest.node, latest.indicator);
      let entry = entries.get(key);
      if (!entry) {
        entry = { view: { status: 'loading', points: [], error: null }, periodMs, listeners: new Set(), early: new Map(), failedAt: null, generation: 0 };
        entries.set(key, entry);
      } else {
        // Most recently followed last, so eviction takes the coldest first.
        entries.delete(key);
        entries.set(key, entry);
      }
      entry.periodMs = periodMs;
      const point = pointOf(latest);
      const { status, points } = entry.view;
      if (entry.generation === 0) load(key, entry, latest);
      else if (status === 'error') {
        if (entry.failedAt === null || now() - entry.failedAt >= settings.retryAfterMs) load(key, entry, latest);
      } else if (entry.early.size > 0 || status === 'loading') entry.early.set(point.period, point);
      else {
        const last = points[points.length - 1];
        const skipped = last !== undefined && Date.parse(point.period) - Date.parse(last.period) > 1.5 * periodMs;
        if (skipped) load(key, entry, latest);
        else publish(entry, { status: 'ready', points: trimmed(withPoint(points, point), periodMs), error: null });
      }
      evict();
    },
  };
}

export type SeriesCache = ReturnType<typeof createSeriesCache>;
