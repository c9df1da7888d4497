import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { at, iso, testConfig } from '../helpers/network';
import { startTestServer, type TestServer } from '../helpers/server';
import { settleAtTwoLevels } from '../helpers/settling-story';
import { reportSchema } from '../../shared/contract/planning';

/** GET /api/report: where a span's episodes were settled, how long each level held them, what climbed. */
let server: TestServer;
const report = async (query: string) => reportSchema.parse((await request(server.url).get(`/api/report?${query}`).expect(200)).body);

beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  await settleAtTwoLevels(server);
});
afterAll(() => server.stop());

const span = `from=${iso(at(0))}&to=${iso(at(7))}`;

describe('GET /api/report', () => {
  test('the whole tree: settled by level, time held per level, and what climbed, as the paths say', async () => {
    const body = await report(span);
    expect(body.node).toBe('ENG');
    expect(body.episodes).toBe(3);
    expect(body.settledAt).toEqual({ unit: 2, district: 1 });
    expect(body.open).toBe(0);
    // The counts equal those read off the episodes' own paths.
    const episodes = (await request(server.url).get('/api/episodes?status=all&limit=100').expect(200)).body.episodes as Array<{ resolvedLevel: string; path: Array<{ type: string }> }>;
    const fromPaths: Record<string, number> = {};
    for (const episode of episodes) fromPaths[episode.resolvedLevel] = (fromPaths[episode.resolvedLevel] ?? 0) + 1;
    expect(body.settledAt).toEqual(fromPaths);
    const escalations = episodes.reduce((n, e) => n + e.path.filter((p) => p.type === 'escalated').length, 0);
    expect(body.climbedIndicators).toEqual([{ indicator: 'load', escalations, episodes: 3 }]);
    expect(body.climbedUnits[0]).toMatchObject({ node: 'U3', escalations: 1, highestLevel: 'district' });
    expect(body.heldAt.unit?.episodes).toBe(3);
    expect(body.heldAt.district).toMatchObject({ episodes: 1 });
    expect(body.heldAt.district!.totalMs).toBeGreaterThan(0);
  });

  test('a subtree hears only what arose in it', async () => {
    const body = await report(`${span}&node=R2`);
    expect(body.episodes).toBe(1);
    expect(body.settledAt).toEqual({ unit: 1 });
    expect(body.climbedUnits.map((u) => u.node)).toEqual(['U4']);
  });

  test('a span before anything happened is empty', async () => {
    const body = await report(`from=${iso(at(-5))}&to=${iso(at(-1))}`);
    expect(body).toMatchObject({ episodes: 0, open: 0, settledAt: {}, climbedUnits: [] });
  });

  test('as CSV it parses back with the same counts', async () => {
    const res = await request(server.url).get(`/api/report?${span}&format=csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    const settled = Object.fromEntries(rows.filter((r) => r.section === 'settled_at').map((r) => [r.key, Number(r.count)]));
    expect(settled).toEqual({ unit: 2, district: 1 });
    expect(rows.find((r) => r.section === 'span')?.count).toBe('3');
  });

  test.each([
    ['to before from', `from=${iso(at(5))}&to=${iso(at(1))}`, 400, 'to'],
    ['no from', `to=${iso(at(1))}`, 400, 'from'],
    ['a from that is not a time', `from=yesterday&to=${iso(at(1))}`, 400, 'from'],
    ['an unknown field', `${span}&nodes=ENG`, 400, 'nodes'],
  ])('%s is refused naming the field', async (_why, query, status, field) => {
    const res = await request(server.url).get(`/api/report?${query}`).expect(status);
    expect(JSON.stringify(res.body.error.issues)).toContain(field);
  });

  test('an unknown node is 404 naming it', async () => {
    const res = await request(server.url).get(`/api/report?${span}&node=NOPE`).expect(404);
    expect(res.body.error.message).toContain('NOPE');
  });
});

describe('npm run report, against the database file', () => {
  test('reads the file while the server holds it and answers as the API does', async () => {
    const { reportFromDatabase } = await import('../../scripts/report');
    const api = await report(span);
    expect(reportFromDatabase(server.dbPath, iso(at(0)), iso(at(7)))).toEqual(api);
    expect(reportFromDatabase(server.dbPath, iso(at(0)), iso(at(7)), 'R2')).toEqual(await report(`${span}&node=R2`));
  });

  test('bad arguments are refused naming them', async () => {
    const { reportFromDatabase } = await import('../../scripts/report');
    expect(() => reportFromDatabase(server.dbPath, iso(at(5)), iso(at(1)))).toThrow('--to: must not be before from');
    expect(() => reportFromDatabase(server.dbPath, iso(at(0)), iso(at(1)), 'NOPE')).toThrow('--node');
    expect(() => reportFromDatabase('/nonexistent.db', iso(at(0)), iso(at(1)))).toThrow('no database');
  });
});
