import type { NodeValue, Series } from '../../shared/api';
import { createSeriesCache, type SeriesQuery } from '../../client/state/series-cache';
import { value } from './fixtures';

const HOUR = 3_600_000;
const T = Date.parse('2026-01-05T00:00:00Z');
const hour = (h: number) => new Date(T + h * HOUR).toISOString();
const flush = () => new Promise((done) => setImmediate(done));

/** A server that answers each fetch when told to, and counts them. */
function fakeServer(history: (query: SeriesQuery) => Series['points']) {
  const asked: SeriesQuery[] = [];
  const pending: Array<{ resolve(): void; reject(error: Error): void }> = [];
  const fetch = (query: SeriesQuery) =>
    new Promise<Series>((resolve, reject) => {
      asked.push(query);
      pending.push({ resolve: () => resolve({ node: query.node, indicator: query.indicator, points: history(query) }), reject });
    });
  return { fetch, asked, answer: async () => (pending.shift()!.resolve(), flush()), fail: async () => (pending.shift()!.reject(new Error('down')), flush()) };
}
const point = (h: number, v: number) => ({ period: hour(h), value: v, coverage: 1, final: true, forecast: null });
/** The history a server holds: hours 0..upTo at 10 + h. */
const upTo = (last: number) => (query: SeriesQuery) => Array.from({ length: last + 1 }, (_, h) => point(h, 10 + h)).filter((p) => p.period >= query.from);
const live = (h: number, v: number, extra: Partial<NodeValue> = {}) => value('ENG', 'load', hour(h), v, extra);
const valuesOf = (view: { points: Series['points'] } | undefined) => view?.points.map((p) => [Date.parse(p.period) / HOUR - T / HOUR, p.value]);

describe('series for sparklines: fetched once, then kept up to date from the live values', () => {
  test('a minute of live values at 10 a second brings one fetch, whatever they change', async () => {
    const server = fakeServer(upTo(100));
    const cache = createSeriesCache(server.fetch, { periods: 48 });
    cache.follow(live(100, 110), HOUR);
    await server.answer();
    for (let i = 0; i < 600; i++) cache.follow(live(100 + Math.floor(i / 100), 200 + i, { final: i % 100 === 99 }), HOUR);
    expect(server.asked).toHaveLength(1);
    expect(server.asked[0]).toEqual({ node: 'ENG', indicator: 'load', from: hour(52) });
    const view = cache.view('ENG', 'load')!;
    // The six hours the minute reached, each with its last value, and 48 hours behind the latest, no more.
    expect(valuesOf(view)!.slice(-6)).toEqual([[100, 299], [101, 399], [102, 499], [103, 599], [104, 699], [105, 799]]);
    expect(view.points[0]!.period).toBe(hour(57));
    expect(view.points).toHaveLength(49);
  });

  test('a value for the latest period replaces its point; a forecast that comes with a judged value is kept', async () => {
    const server = fakeServer(upTo(3));
    const cache = createSeriesCache(server.fetch);
    cache.follow(live(3, 13), HOUR);
    await server.answer();
    cache.follow(live(4, 20, { final: false }), HOUR);
    cache.follow(live(4, 24, { forecast: { forecast: 15, lower: 12, upper: 18 } }), HOUR);
    const view = cache.view('ENG', 'load')!;
    expect(valuesOf(view)).toEqual([[0, 10], [1, 11], [2, 12], [3, 13], [4, 24]]);
    expect(view.points[4]!.forecast).toEqual({ forecast: 15, lower: 12, upper: 18 });
  });

  test('values that arrive while the history is on its way are laid over it when it lands', async () => {
    const server = fakeServer(upTo(3));
    const cache = createSeriesCache(server.fetch);
    cache.follow(live(3, 13), HOUR);
    cache.follow(live(3, 30), HOUR); // the server's answer will still say 13
    cache.follow(live(4, 40), HOUR);
    expect(cache.view('ENG', 'load')!.status).toBe('loading');
    await server.answer();
    expect(valuesOf(cache.view('ENG', 'load'))!.slice(-2)).toEqual([[3, 30], [4, 40]]);
    expect(server.asked).toHaveLength(1);
  });

  test('a period the live feed skipped (a reconnect) fetches the history again, once', async () => {
    let known = 5;
    const server = fakeServer((query) => upTo(known)(query));
    const cache = createSeriesCache(server.fetch);
    cache.follow(live(5, 15), HOUR);
    await server.answer();
    known = 9;
    cache.follow(live(9, 19), HOUR); // hours 6 to 8 went by unseen
    cache.follow(live(9, 19.5), HOUR);
    expect(server.asked.map((q) => q.from)).toEqual([hour(5 - 48), hour(9 - 48)]);
    await server.answer();
    expect(valuesOf(cache.view('ENG', 'load'))!.slice(-5)).toEqual([[5, 15], [6, 16], [7, 17], [8, 18], [9, 19.5]]);
  });

  test('a failed fetch is said, and not tried again on every value: only once the retry time has passed', async () => {
    let clock = 0;
    const server = fakeServer(upTo(3));
    const cache = createSeriesCache(server.fetch, { retryAfterMs: 30_000 }, () => clock);
    cache.follow(live(3, 13), HOUR);
    await server.fail();
    expect(cache.view('ENG', 'load')).toMatchObject({ status: 'error', error: 'down' });
    clock = 29_000;
    for (let i = 0; i < 50; i++) cache.follow(live(3, 13 + i), HOUR);
    expect(server.asked).toHaveLength(1);
    clock = 30_000;
    cache.follow(live(3, 70), HOUR);
    expect(server.asked).toHaveLength(2);
    await server.answer();
    expect(cache.view('ENG', 'load')!.status).toBe('ready');
  });

  test('a watcher hears each change; series nobody watches are let go beyond the limit, the coldest first', async () => {
    const server = fakeServer(upTo(3));
    const cache = createSeriesCache(server.fetch, { maxEntries: 2 });
    let heard = 0;
    const stop = cache.subscribe('ENG', 'load', () => heard++);
    cache.follow(live(3, 13), HOUR);
    await server.answer();
    cache.follow(value('NW', 'load', hour(3), 1), HOUR);
    cache.follow(value('LON', 'load', hour(3), 2), HOUR);
    expect(cache.view('ENG', 'load')).toBeDefined(); // watched: kept
    expect(cache.view('NW', 'load')).toBeUndefined(); // the coldest unwatched one went
    expect(cache.view('LON', 'load')).toBeDefined();
    expect(heard).toBeGreaterThan(0);
    stop();
  });
});
