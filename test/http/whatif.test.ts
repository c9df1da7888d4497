import Database from 'better-sqlite3';
import request from 'supertest';
import { whatifBodySchema, whatifJobSchema, type WhatifJob, type WhatifResult } from '../../shared/contract/planning';
import { Opsroom } from '../../server/app/opsroom';
import { runWhatif } from '../../server/app/whatif-run';
import { snapshotOf } from '../../server/domain/snapshot';
import { EventLog } from '../../server/storage/event-log';
import { SnapshotStore } from '../../server/storage/snapshots';
import { at, iso, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { settleAtTwoLevels } from '../helpers/settling-story';

/**
 * POST /api/whatif reruns the logged inputs of a span under another policy in a sandbox. The story:
 * U1 and U4 settle within their 4 h windows; U3's runs out and District two settles it at 6 h. With an
 * 8 h unit window U3 is settled by its own unit, and nothing else changes.
 */
const config = testConfig();
let server: TestServer;
const span = { from: iso(at(0)), to: iso(at(7)) };
const whatif = (body: object, expected = 200) => request(server.url).post('/api/whatif').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(expected);
const resultOf = async (body: object): Promise<WhatifResult> => {
  const job = whatifJobSchema.parse((await whatif(body)).body);
  expect(job.status).toBe('done');
  return job.result!;
};
const byId = <T extends { id: string }>(episodes: T[]) => [...episodes].sort((a, b) => a.id.localeCompare(b.id));
const liveEpisodes = async () => byId((await request(server.url).get('/api/episodes?limit=100').expect(200)).body.episodes);

beforeAll(async () => {
  server = await startTestServer(config, { now: at(0) + 60_000 });
  await settleAtTwoLevels(server);
});
afterAll(() => server.stop());

describe('POST /api/whatif on a short span (answered at once)', () => {
  test('with the live policy reproduces the live episodes exactly', async () => {
    const result = await resultOf({ ...span, policy: {} });
    expect(result.differences).toEqual([]);
    expect(result.whatif).toEqual(result.live);
    expect(result.live).toMatchObject({ opened: 3, settledAt: { district: 1, unit: 2 }, open: 0 });
    expect(result.liveVersion).toBe(1);
    // Episode for episode, path and all, as the live room shows them.
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const run = runWhatif(new EventLog(db), new SnapshotStore(db), { from: at(0), to: at(7), policy: {} }, { throughSeq: Number.MAX_SAFE_INTEGER, until: server.room.engine.state.now });
      const live = await liveEpisodes();
      expect(live).toHaveLength(3);
      expect(byId(run.live)).toEqual(live);
      expect(byId(run.whatif)).toEqual(live);
    } finally {
      db.close();
    }
  });

  test('with a longer unit window no more episodes reach the district, and U3 is settled by its unit', async () => {
    const result = await resultOf({ ...span, policy: { allowances: { unit: '8h' } } });
    expect(result.live.reachedLevel.district).toBe(1);
    expect(result.whatif.reachedLevel.district ?? 0).toBe(0);
    expect(result.whatif.settledAt).toEqual({ unit: 3 });
    expect(result.differences.map((d) => [d.kind, d.live?.node, d.whatif?.node])).toEqual([['settled-elsewhere', 'U3', 'U3']]);
    const [u3] = result.differences;
    expect(u3!.live!.path.map((p) => p.type)).toEqual(['opened', 'escalated', 'resolved']);
    expect(u3!.whatif!.path.map((p) => p.type)).toEqual(['opened', 'resolved']);
    expect(result.policy.allowances).toEqual({ unit: 8 * 3_600_000 });
  });

  test('a span counts only the episodes opened in it', async () => {
    const result = await resultOf({ from: iso(at(2)), to: iso(at(7)), policy: { allowances: { unit: '8h' } } });
    expect(result.live.opened).toBe(1); // U4, opened at 02:01; U1 and U3 opened before the span
    expect(result.differences).toEqual([]);
  });

  test('leaves the live state and the log as they were', async () => {
    const events = server.room.eventCount();
    const state = JSON.stringify(snapshotOf(server.room.engine));
    const episodes = await liveEpisodes();
    await resultOf({ ...span, policy: { allowances: { unit: '8h', district: '1h' }, indicators: { load: { thresholds: { unit: { alert: 11, crisis: 30 } } } } } });
    expect(server.room.eventCount()).toBe(events);
    expect(JSON.stringify(snapshotOf(server.room.engine))).toBe(state);
    expect(await liveEpisodes()).toEqual(episodes);
  });

  test.each([
    ['from is not a time', { from: 'noon', to: span.to, policy: {} }, 'from'],
    ['to is before from', { from: span.to, to: span.from, policy: {} }, 'to'],
    ['a window is not a duration', { ...span, policy: { allowances: { unit: 'long' } } }, 'policy.allowances.unit'],
    ['an unknown field', { ...span, policy: { windows: {} } }, 'policy'],
  ])('a body where %s is refused (400) naming the field', async (_why, body, path) => {
    const res = await whatif(body, 400);
    expect(res.body.error.issues[0].path).toBe(path);
  });

  test.each([
    ['an unknown indicator', { indicators: { beds: { detectors: ['spc'] } } }, 'policy.indicators.beds'],
    ['an unknown level', { allowances: { ward: '2h' } }, 'policy.allowances.ward'],
  ])('%s is refused (422) naming it', async (_why, policy, path) => {
    const res = await whatif({ ...span, policy }, 422);
    expect(res.body.error.issues[0].path).toBe(path);
  });

  test('the estimate finds where an instant splits the inputs as a scan of the log would', () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const log = new EventLog(db);
      const inputs = db.prepare("SELECT seq, at FROM events WHERE kind = 'input' ORDER BY seq").all() as Array<{ seq: number; at: number }>;
      for (const instant of [at(-1), at(0) + 60_000, at(1), at(2) + 60_000, at(2) + 60_001, at(5), at(99)]) {
        const split = log.firstInputFrom(instant);
        expect(inputs.filter((input) => input.seq < split).every((input) => input.at < instant)).toBe(true);
        expect(inputs.filter((input) => input.seq >= split).every((input) => input.at >= instant)).toBe(true);
      }
    } finally {
      db.close();
    }
  });

  test('reports its progress as it replays, up to every input of the span', () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const seen: Array<[number, number]> = [];
      runWhatif(new EventLog(db), new SnapshotStore(db), { from: at(0), to: at(7), policy: {} }, { throughSeq: Number.MAX_SAFE_INTEGER, until: at(7), progressEvery: 1, onProgress: (done, total) => seen.push([done, total]) });
      const total = seen[0]![1];
      expect(total).toBeGreaterThan(2);
      expect(seen.map(([done]) => done)).toEqual([...Array.from({ length: total + 1 }, (_, i) => i), total]);
    } finally {
      db.close();
    }
  });
});

describe('npm run whatif', () => {
  test('answers from the database file what the API answers', async () => {
    const { whatifFromDatabase, policyFromFlags, describeWhatif } = await import('../../scripts/whatif');
    const policy = policyFromFlags(undefined, ['unit=8h']);
    const run = whatifFromDatabase({ db: server.dbPath, ...span, policy });
    const api = await resultOf({ ...span, policy });
    expect({ ...run.result, elapsedMs: 0 }).toEqual({ ...api, elapsedMs: 0 });
    const text = describeWhatif(run.result);
    expect(text).toMatch(/settled at district\s+1\s+0/);
    expect(text).toContain('settled-elsewhere  U3|load|pain|');
  });

  test('names what is wrong in the flags', async () => {
    const { whatifFromDatabase, policyFromFlags } = await import('../../scripts/whatif');
    expect(() => policyFromFlags(undefined, ['unit'])).toThrow('--allowance');
    expect(() => whatifFromDatabase({ db: server.dbPath, ...span, policy: { allowances: { unit: 'long' } } })).toThrow('--policy.allowances.unit');
    expect(() => whatifFromDatabase({ db: server.dbPath, ...span, policy: { indicators: { beds: {} } } })).toThrow('policy.indicators.beds');
    expect(() => whatifFromDatabase({ db: '/nonexistent.db', ...span, policy: {} })).toThrow('no database');
  });
});

describe('on an in-memory database', () => {
  test('every what-if runs at once (there is no file for a thread to open), and only the last finished are kept', () => {
    let now = at(0) + 60_000;
    const room = new Opsroom({ config, dbPath: ':memory:', clock: () => now, whatif: { inlineChars: 0, maxKept: 1 } });
    try {
      room.ingest([reading('U3', 'load', 0, 12)], now);
      now = at(6) + 60_000;
      room.ingest([reading('U3', 'load', 6, 5)], now);
      const first = room.whatif.start(whatifBodySchema.parse({ ...span, policy: { allowances: { unit: '8h' } } }));
      expect(first.status).toBe(200);
      expect(first.job.result!.differences.map((d) => d.kind)).toEqual(['settled-elsewhere']);
      room.whatif.start(whatifBodySchema.parse({ ...span, policy: {} }));
      expect(() => room.whatif.get(first.job.id)).toThrow('no what-if job');
    } finally {
      room.close();
    }
  });
});

describe('POST /api/whatif as a job (202)', () => {
  let jobs: TestServer;
  const post = (body: object, expected: number) => request(jobs.url).post('/api/whatif').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(expected);
  const get = async (id: string): Promise<WhatifJob> => whatifJobSchema.parse((await request(jobs.url).get(`/api/whatif/${id}`).expect(200)).body);
  async function finished(id: string): Promise<WhatifJob> {
    for (let i = 0; i < 400; i++) {
      const job = await get(id);
      if (job.status !== 'running') return job;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`job ${id} still running`);
  }

  beforeAll(async () => {
    // Every span runs as a job here, one at a time.
    jobs = await startTestServer(config, { now: at(0) + 60_000, start: { whatif: { inlineChars: 0, maxRunning: 1 } } });
    await settleAtTwoLevels(jobs);
  });
  afterAll(() => jobs.stop());

  test('answers 202 with an id, then GET gives the progress and the same result as a short run', async () => {
    const body = { ...span, policy: { allowances: { unit: '8h' } } };
    const started = whatifJobSchema.parse((await post(body, 202)).body);
    expect(started).toMatchObject({ status: 'running', progress: 0 });
    const job = await finished(started.id);
    expect(job).toMatchObject({ id: started.id, status: 'done', progress: 1 });
    const inline = await resultOf(body);
    expect({ ...job.result!, elapsedMs: 0 }).toEqual({ ...inline, elapsedMs: 0 });
  });

  test('one job at a time: a second is refused (503) while the first runs, and the first can be cancelled', async () => {
    const first = whatifJobSchema.parse((await post({ ...span, policy: {} }, 202)).body);
    const busy = await post({ ...span, policy: {} }, 503);
    expect(busy.body.error.message).toMatch(/running already/);
    const cancelled = whatifJobSchema.parse((await request(jobs.url).delete(`/api/whatif/${first.id}`).set('Authorization', `Bearer ${ADMIN}`).expect(200)).body);
    expect(cancelled.status).toBe('cancelled');
    // Room again once it is cancelled; and the cancelled one stays cancelled.
    const next = whatifJobSchema.parse((await post({ ...span, policy: {} }, 202)).body);
    expect((await finished(next.id)).status).toBe('done');
    expect((await get(first.id)).status).toBe('cancelled');
  });

  test('an unknown job is 404', async () => {
    await request(jobs.url).get('/api/whatif/nope').expect(404);
  });

  test('the live state and the log are untouched by a job', async () => {
    const events = jobs.room.eventCount();
    const state = JSON.stringify(snapshotOf(jobs.room.engine));
    const started = whatifJobSchema.parse((await post({ ...span, policy: { allowances: { unit: '1h' } } }, 202)).body);
    expect((await finished(started.id)).status).toBe('done');
    expect(jobs.room.eventCount()).toBe(events);
    expect(JSON.stringify(snapshotOf(jobs.room.engine))).toBe(state);
  });
});
