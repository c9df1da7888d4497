import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { at, iso, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let reporter: string;
beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(3) + 60_000 });
  reporter = await server.token('reporter', 'U1');
});
afterAll(() => server.stop());

const postCsv = (text: string, token = ADMIN) =>
  request(server.url).post('/api/readings').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/csv').send(text);
const rows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const seriesLoad = async () => (await request(server.url).get('/api/series?node=U2&indicator=load')).body.points as unknown[];

describe('CSV in and out', () => {
  test('readings posted as CSV come back out of the series as CSV, value for value', async () => {
    const csv = ['unit,indicator,ts,value', `U1,load,${iso(at(0))},4`, `U1,load,${iso(at(1))},5.5`, '', `U1,load,${iso(at(2))},12`, `U2,load,${iso(at(2))},1e1`].join('\r\n');
    const posted = await postCsv(csv).expect(200);
    expect(posted.body).toEqual({ accepted: 4, duplicates: 0, stale: 0 });

    const out = await request(server.url).get('/api/series?node=U1&indicator=load').set('Accept', 'text/csv').expect(200).expect('Content-Type', /text\/csv/);
    const series = rows(out.text);
    expect(series.map((r) => [r.node, r.indicator, r.period, Number(r.value), r.final])).toEqual([
      ['U1', 'load', iso(at(0)), 4, 'true'],
      ['U1', 'load', iso(at(1)), 5.5, 'true'],
      ['U1', 'load', iso(at(2)), 12, 'true'],
    ]);
    // The CSV that came out posts again as duplicates: nothing was lost or changed on the way round.
    const again = ['unit,indicator,ts,value', ...series.map((r) => `${r.node},${r.indicator},${r.period},${r.value}`)].join('\n');
    expect((await postCsv(again).expect(200)).body).toEqual({ accepted: 0, duplicates: 3, stale: 0 });
  });

  test('episodes as CSV with format=csv: one line per episode, the same page as the JSON', async () => {
    const json = (await request(server.url).get('/api/episodes?node=U1').expect(200)).body as { episodes: { id: string; holder: string; status: string }[] };
    expect(json.episodes.length).toBeGreaterThan(0);
    const csv = await request(server.url).get('/api/episodes?node=U1&format=csv').expect(200).expect('Content-Type', /text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/episodes\.csv/);
    expect(rows(csv.text).map((r) => [r.id, r.holder, r.status])).toEqual(json.episodes.map((e) => [e.id, e.holder, e.status]));
    // format=json wins over an Accept header, and a browser's Accept gets JSON.
    expect((await request(server.url).get('/api/episodes?format=json').set('Accept', 'text/csv')).type).toBe('application/json');
    expect((await request(server.url).get('/api/episodes').set('Accept', 'text/html,*/*')).type).toBe('application/json');
    expect((await request(server.url).get('/api/episodes?format=xml')).body.error.issues[0].path).toBe('format');
  });

  test.each([
    // why: a bad value names the line it is on (the blank line still counts) and the column
    ['a value that is not a number', `unit,indicator,ts,value\nU2,load,${iso(at(0))},3\n\nU2,load,${iso(at(1))},lots\n`, 400, { line: 4, column: 'value' }],
    ['a ts without an offset', `unit,indicator,ts,value\nU2,load,2026-01-05T01:00:00,3\n`, 400, { line: 2, column: 'ts' }],
    // why: what the policy does not know is named at its line too (422, as JSON)
    ['an unknown indicator', `unit,indicator,ts,value\nU2,load,${iso(at(0))},3\nU2,nope,${iso(at(1))},3\n`, 422, { line: 3, column: 'indicator' }],
    ['a ts ahead of the clock', `unit,indicator,ts,value\nU2,load,${iso(at(9))},3\n`, 422, { line: 2, column: 'ts' }],
    // why: a line with a missing cell is malformed CSV, named by csv-parse's own line count
    ['a line with three cells', `unit,indicator,ts,value\nU2,load,${iso(at(0))}\n`, 400, { line: 2 }],
    ['a wrong header', `unit,ts,indicator,value\nU2,${iso(at(0))},load,3\n`, 400, { line: 1, column: '(header)' }],
    ['a header alone', 'unit,indicator,ts,value\n', 400, { line: 2 }],
  ])('%s is refused, naming its line, and changes nothing', async (_why, csv, status, where) => {
    const before = await seriesLoad();
    const res = await postCsv(csv);
    expect(res.status).toBe(status);
    expect(res.body.error.issues[0]).toMatchObject(where);
    expect(res.body.error.message).toMatch(new RegExp(`line ${where.line}`));
    expect(await seriesLoad()).toEqual(before);
  });

  test('another unit\'s line is refused with 403 at its line, all or nothing', async () => {
    const res = await postCsv(`unit,indicator,ts,value\nU1,load,${iso(at(3))},1\nU2,load,${iso(at(3))},1\n`, reporter);
    expect(res.status).toBe(403);
    expect(res.body.error.issues[0]).toMatchObject({ line: 3, column: 'unit' });
    expect((await request(server.url).get('/api/series?node=U1&indicator=load')).body.points).toHaveLength(3);
  });

  test('a CSV body over the size cap is refused with 413 before it is all read', async () => {
    const line = `U2,load,${iso(at(0))},3\n`;
    const big = `unit,indicator,ts,value\n${line.repeat(Math.ceil((4 * 1024 * 1024) / line.length) + 10)}`;
    const res = await postCsv(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });
});
