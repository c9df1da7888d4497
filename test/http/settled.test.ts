import request from 'supertest';
import { newestOf, type Dated } from '../../server/domain/views';
import { at, iso, testConfig } from '../helpers/network';
import { startTestServer, type TestServer } from '../helpers/server';
import { settleAtTwoLevels } from '../helpers/settling-story';

/**
 * "Settled recently" asks GET /api/episodes for the newest few resolved in the focus's subtree,
 * with how many matched and at which level each was settled.
 */
let server: TestServer;
const list = async (query: string) => (await request(server.url).get(`/api/episodes?${query}`).expect(200)).body;

beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  await settleAtTwoLevels(server);
});
afterAll(() => server.stop());

describe('GET /api/episodes, resolved, as "settled recently" asks', () => {
  test('the whole subtree: every one counted, with the level that settled it', async () => {
    const body = await list('status=resolved&node=ENG');
    expect(body.total).toBe(3);
    expect(body.resolvedByLevel).toEqual({ unit: 2, district: 1 });
    // A page is ordered by when each last changed status: U1 settled at 1 h, U4 at 3 h, U3 at 6 h.
    expect(body.episodes.map((e: { node: string; resolvedLevel: string }) => `${e.node}@${e.resolvedLevel}`)).toEqual(['U1@unit', 'U4@unit', 'U3@district']);
  });

  test('limit keeps the newest by resolution, oldest first, and still counts all that matched', async () => {
    const body = await list('status=resolved&node=ENG&limit=2');
    expect(body.episodes.map((e: { node: string }) => e.node)).toEqual(['U4', 'U3']); // U4 settled at 3 h, U3 at 6 h
    expect(body.total).toBe(3);
    expect(body.resolvedByLevel).toEqual({ unit: 2, district: 1 });
  });

  test('only what arose below the node asked about', async () => {
    const body = await list('status=resolved&node=R2&limit=5');
    expect(body.episodes.map((e: { node: string }) => e.node)).toEqual(['U4']);
    expect(body.resolvedByLevel).toEqual({ unit: 1 });
  });

  test('from: only those resolved since then', async () => {
    const body = await list(`status=resolved&node=ENG&from=${iso(at(2))}`);
    expect(body.episodes.map((e: { node: string }) => e.node)).toEqual(['U4', 'U3']);
    expect(body.total).toBe(2);
  });

  test('resolvedTo: a replayed room\'s week, nothing settled after the moment shown', async () => {
    const body = await list(`status=resolved&node=ENG&from=${iso(at(0))}&resolvedTo=${iso(at(4))}`);
    expect(body.episodes.map((e: { node: string }) => e.node)).toEqual(['U1', 'U4']); // U3 settled at 6 h, after the moment
    expect(body.total).toBe(2);
    expect(body.resolvedByLevel).toEqual({ unit: 2 });
    const bad = await request(server.url).get('/api/episodes?resolvedTo=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('resolvedTo');
  });

  test('direction: trouble only, or bright spots only (this network has none)', async () => {
    expect((await list('status=resolved&direction=pain')).total).toBe(3);
    expect((await list('status=resolved&direction=pleasure')).total).toBe(0);
    const bad = await request(server.url).get('/api/episodes?direction=bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'direction', message: 'must be pain or pleasure' }]);
  });

  test.each(['0', '501', '2.5', 'five', ''])('limit=%s is refused with a 400 naming the field', async (value) => {
    const bad = await request(server.url).get(`/api/episodes?status=resolved&limit=${value}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
    expect(bad.body.error.message).toContain('limit');
  });
});

const open = (id: string, openedAt: number): Dated => ({ id, openedAt, state: { status: 'open' } });
const resolved = (id: string, openedAt: number, resolvedAt: number): Dated => ({ id, openedAt, state: { status: 'resolved', resolvedAt } });

describe('newestOf: the newest N by when each last changed status', () => {
  test.each([
    // Settled late beats opened late: what changed last is newest.
    { episodes: [resolved('a', 1, 9), open('b', 5)], limit: 1, newest: ['a'] },
    // An open one is dated by its opening.
    { episodes: [resolved('a', 1, 3), open('b', 5)], limit: 1, newest: ['b'] },
    // Kept oldest first, like the unbounded list.
    { episodes: [resolved('c', 0, 7), resolved('a', 0, 2), resolved('b', 0, 5)], limit: 2, newest: ['b', 'c'] },
    // Ties fall to the id, so two servers give the same page.
    { episodes: [resolved('b', 0, 5), resolved('a', 0, 5)], limit: 1, newest: ['b'] },
    // A limit beyond the count keeps them all.
    { episodes: [open('a', 1)], limit: 10, newest: ['a'] },
  ])('$newest', ({ episodes, limit, newest }) => {
    expect(newestOf(episodes, limit).map((e) => e.id)).toEqual(newest);
  });
});
