import request from 'supertest';
import { MAX_ERROR_ISSUES, PAGE_MAX_CHARS } from '../../shared/api';
import { openFirst } from '../../server/domain/episode-pages';
import type { EpisodeRecord } from '../../server/domain/episodes/episode';
import { eventsPage } from '../../server/http/pages';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/** Bounded answers: a page is capped by rows and by size, and says where to go on. */
let server: TestServer;
const get = (path: string) => request(server.url).get(path).set('Authorization', `Bearer ${ADMIN}`);
const CYCLES = 30;

beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  // U1 goes over for an hour and back for three, thirty times: thirty episodes, each settled by the unit.
  for (let h = 0; h < CYCLES * 4; h++) {
    server.clock.now = at(h) + 60_000;
    server.room.ingest([reading('U1', 'load', h, h % 4 === 0 ? 15 : 1)], server.clock.now);
  }
}, 60_000);
afterAll(() => server.stop());

describe('GET /api/events', () => {
  test('a page of 10,000 rows stops at the size cap; following `next` reads every event once', async () => {
    const filler = 'x'.repeat(400);
    server.room.log.transaction(() => {
      for (let i = 0; i < 10_000; i++) server.room.log.append(server.clock.now, 'effect', 'test.filler', { i, filler });
    });
    const last = server.room.log.lastSeq();
    const first = await get('/api/events?limit=10000').expect(200);
    expect(first.text.length).toBeLessThanOrEqual(PAGE_MAX_CHARS + 200);
    expect(first.body.events.length).toBeLessThan(10_000);
    expect(first.body.more).toBe(true);
    expect(first.body.next).toBe(first.body.events.at(-1).seq);
    const seen: number[] = first.body.events.map((event: { seq: number }) => event.seq);
    let next = first.body.next as number;
    for (let pages = 0; next < last && pages < 50; pages++) {
      const page = await get(`/api/events?after=${next}&limit=10000`).expect(200);
      seen.push(...page.body.events.map((event: { seq: number }) => event.seq));
      next = page.body.next;
    }
    expect(seen).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const end = await get(`/api/events?after=${last}`).expect(200);
    expect(end.body).toEqual({ events: [], next: last, more: false });
  });

  test('the data of an event is served as it was stored', async () => {
    const page = await get('/api/events?limit=1').expect(200);
    expect(page.body.events[0]).toMatchObject({ seq: 1, kind: 'input', type: 'policy', data: { type: 'policy', config: { name: 'Test network' } } });
    expect(page.body.more).toBe(true);
  });

  test('eventsPage: a single event larger than the cap is still served, alone, so paging moves on', () => {
    const rows = [1, 2].map((seq) => ({ seq, at: 0, kind: 'effect' as const, type: 't', data: JSON.stringify('y'.repeat(50)) }));
    expect(JSON.parse(eventsPage(rows, 0, 10, 10))).toMatchObject({ events: [{ seq: 1 }], next: 1, more: true });
    expect(JSON.parse(eventsPage(rows, 0, 10))).toMatchObject({ events: [{ seq: 1 }, { seq: 2 }], next: 2, more: false });
  });
});

describe('GET /api/episodes, a page at a time', () => {
  test('following `next` with `before` lists every episode once, newest pages first, each page oldest first', async () => {
    const ids: string[] = [];
    let query = 'limit=7';
    for (let pages = 0; pages < 10; pages++) {
      const page = (await get(`/api/episodes?${query}`).expect(200)).body;
      expect(page.total).toBe(CYCLES);
      expect(page.episodes.length).toBeLessThanOrEqual(7);
      ids.unshift(...page.episodes.map((episode: { id: string }) => episode.id));
      if (page.next === null) break;
      query = `limit=7&before=${encodeURIComponent(page.next)}`;
    }
    expect(ids).toHaveLength(CYCLES);
    expect(new Set(ids).size).toBe(CYCLES);
    const all = (await get('/api/episodes').expect(200)).body;
    expect(all.episodes.map((episode: { id: string }) => episode.id)).toEqual(ids);
    expect(all.next).toBeNull();
  });

  test('a page is cut short by size, and its `next` goes on from there', () => {
    const page = server.room.episodeList({}, { limit: 100, maxChars: 1 });
    expect(page.episodes).toHaveLength(1);
    expect(page.next).not.toBeNull();
    const rest = server.room.episodeList({}, { limit: 100, before: page.next!, maxChars: PAGE_MAX_CHARS });
    expect(rest.episodes).toHaveLength(CYCLES - 1);
    expect(rest.next).toBeNull();
  });

  test.each(['nope', ':x', '12:', 'x:1'])('before=%s is refused with a 400 naming the field', async (value) => {
    const res = await get(`/api/episodes?before=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'before', message: 'must be the `next` of an earlier page' }]);
  });

  test('GET /api/nodes/:id says how many reached the node', async () => {
    const view = (await get('/api/nodes/U1').expect(200)).body;
    expect(view.episodes).toHaveLength(CYCLES);
    expect(view.episodesTotal).toBe(CYCLES);
  });
});

describe('openFirst: what a node view keeps of a long history', () => {
  const episode = (id: string, openedAt: number, resolvedAt?: number) =>
    ({ id, openedAt, state: resolvedAt === undefined ? { status: 'open' } : { status: 'resolved', resolvedAt } }) as unknown as EpisodeRecord;
  const a = episode('a', 1, 2);
  const b = episode('b', 3);
  const c = episode('c', 4, 9);
  const d = episode('d', 5, 6);
  const e = episode('e', 7);
  test.each([
    // Under the bound: all of them, as given.
    [10, ['a', 'b', 'c', 'd', 'e']],
    // Both open ones, then the latest resolved (c at 9), in the order given.
    [3, ['b', 'c', 'e']],
    // Open ones before any resolved, however old.
    [2, ['b', 'e']],
    // Fewer than the open ones: the newest open.
    [1, ['e']],
  ])('at most %i → %j', (max, expected) => {
    expect(openFirst([a, b, c, d, e], max).map((kept) => kept.id)).toEqual(expected);
  });
});

describe('error lists are capped with a count', () => {
  test('a 0.55 MB batch of bad readings gets a small 400 naming the first problems and counting all', async () => {
    const body = JSON.stringify({ readings: Array.from({ length: 10_000 }, () => ({ unit: 'U1', indicator: 'load', ts: 'x', value: 'y' })) });
    expect(body.length).toBeGreaterThan(500_000);
    const res = await request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toHaveLength(MAX_ERROR_ISSUES);
    expect(res.body.error.issues[0]).toEqual({ path: 'readings.0.ts', message: expect.any(String) });
    expect(res.body.error.issueCount).toBe(20_000);
    expect(res.body.error.message).toContain('and 19995 more');
    expect(res.text.length).toBeLessThan(20_000);
  });

  test('a few problems are listed without a count', async () => {
    const res = await request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ readings: [{ ...reading('U1', 'load', 0, 1), value: 'one' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issueCount).toBeUndefined();
    expect(res.body.error.issues).toEqual([{ path: 'readings.0.value', message: expect.any(String) }]);
  });
});

