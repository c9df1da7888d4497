import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Episode } from '../../shared/api';
import { at, iso, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

const post = (server: TestServer, body: object) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(body);
const episodes = async (server: TestServer, query = '') => (await request(server.url).get(`/api/episodes?${query}`).expect(200)).body.episodes as Episode[];
const everyUnit = (hour: number, values: Record<string, number>) => ['U1', 'U2', 'U3', 'U4'].map((unit) => reading(unit, 'load', hour, values[unit] ?? 1));

describe('the algedonic filter over HTTP', () => {
  test('one unit breach that pushes every aggregate out is one episode that climbs, the parents\' breaches held back by it', async () => {
    const server = await startTestServer(testConfig({}, { load: { thresholds: { unit: { alert: 10 }, district: { alert: 20 }, region: { alert: 30 }, national: { alert: 40 } } } }), { now: at(0) + 60_000 });
    try {
      await post(server, { readings: everyUnit(0, { U4: 45 }) }).expect(200); // U4, D3, R2 and ENG all out (alert)
      server.clock.now = at(60);
      await post(server, { readings: everyUnit(0, { U4: 45 }) }).expect(200); // a repeat: it only lets the clock catch up
      const all = await episodes(server);
      expect(all.map((e) => [e.node, e.holder, e.holderLevel])).toEqual([['U4', 'ENG', 'national']]);
      expect(all[0]!.path.filter((p) => p.type === 'escalated').map((p) => p.type === 'escalated' && p.to)).toEqual(['D3', 'R2', 'ENG']);
      expect(all[0]!.inhibits.map((b) => [b.node, b.value])).toEqual([['D3', 45], ['R2', 45], ['ENG', 48]]);
      const england = (await request(server.url).get('/api/nodes/ENG').expect(200)).body;
      expect(england.heldBack.map((h: { node: string; by: string[] }) => [h.node, h.by])).toEqual([['ENG', ['E1']], ['R2', ['E1']]]);
    } finally {
      await server.stop();
    }
  });

  test('a late breach opens an episode, stamped with its own period and the time it arrived', async () => {
    const server = await startTestServer(testConfig(), { now: at(6) });
    try {
      await post(server, { readings: [0, 1, 3, 4, 5].map((h) => reading('U1', 'load', h, 5)) }).expect(200);
      expect(await episodes(server)).toEqual([]);
      server.clock.now = at(6) + 5 * 60_000;
      await post(server, reading('U1', 'load', 2, 14)).expect(200);
      expect(await episodes(server)).toMatchObject([{ node: 'U1', status: 'open', period: iso(at(2)), value: 14, openedAt: iso(at(6) + 5 * 60_000) }]);
    } finally {
      await server.stop();
    }
  });

  test('a stale retry is counted as stale, not as a duplicate', async () => {
    const server = await startTestServer(testConfig(), { now: at(1) });
    try {
      await post(server, { unit: 'U1', indicator: 'load', ts: iso(at(0) + 40 * 60_000), value: 7 }).expect(200);
      expect((await post(server, { unit: 'U1', indicator: 'load', ts: iso(at(0) + 10 * 60_000), value: 5 }).expect(200)).body).toEqual({ accepted: 0, duplicates: 0, stale: 1 });
    } finally {
      await server.stop();
    }
  });
});

test('a silent unit opens a missing-report episode at the instant its grace ends, on the live scheduler', async () => {
  const server = await startTestServer(testConfig({ allowances: { unit: '1h', district: '1h', region: '1h' } }, { load: { period: '1s', noReport: '500ms', detectors: [] } }));
  try {
    const now = Date.now();
    await post(server, { unit: 'U1', indicator: 'load', ts: iso(now), value: 5 }).expect(200);
    const period = Math.floor(now / 1000) * 1000;
    // Nothing for the next second, then its end plus 500 ms: the scheduler wakes for it, with nobody posting.
    const due = period + 2000 + 500;
    await new Promise((done) => setTimeout(done, due - Date.now() + 400));
    const [episode] = await episodes(server);
    expect(episode).toMatchObject({ node: 'U1', kind: 'no-report', holder: 'U1', openedAt: iso(due), period: iso(period + 1000), value: null });
    await post(server, { unit: 'U1', indicator: 'load', ts: iso(Date.now()), value: 5 }).expect(200);
    expect((await episodes(server))[0]).toMatchObject({ status: 'resolved', resolvedLevel: 'unit' });
  } finally {
    await server.stop();
  }
});

test('a configuration change does not shorten a running window, and each version of the policy can be read back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-pinned-'));
  try {
    let server = await startTestServer(testConfig(), { now: at(0), dir }); // district window 8 h
    await post(server, reading('U1', 'load', 0, 12)).expect(200);
    server.clock.now = at(5);
    await post(server, reading('U1', 'load', 0, 12)).expect(200); // the unit's 4 h ran out: D1 holds it until 12 h
    await server.stop();
    server = await startTestServer(testConfig({ allowances: { unit: '4h', district: '1h', region: '1h' } }), { now: at(6), dir });
    try {
      const [episode] = await episodes(server);
      expect(episode).toMatchObject({ holder: 'D1', deadline: iso(at(12)), policyVersion: 1 });
      expect((await request(server.url).get('/api/policies/1').expect(200)).body.config.allowances).toEqual({ unit: 4 * 3_600_000, district: 8 * 3_600_000, region: 86_400_000 });
      expect((await request(server.url).get('/api/policies/2').expect(200)).body.config.allowances.district).toBe(3_600_000);
      expect((await request(server.url).get('/api/policies/3').expect(404)).body.error.message).toMatch(/latest is 2/);
      expect((await request(server.url).get('/api/policies/zero').expect(400)).body.error.issues[0].path).toBe('version');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
