import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { nodeViewSchema, snapshotEventSchema, type NodeView } from '../../shared/api';
import { stateAtSchema, type StateAt } from '../../shared/contract/planning';
import { Engine, type EngineInput } from '../../server/domain/engine';
import { toEpisode } from '../../server/domain/views';
import { episodeDelta } from '../../shared/episode-delta';
import { at, iso, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/**
 * GET /api/state?at=t is the tree exactly as the live room showed it at t: captured live at many
 * instants, then asked for afterwards (and after a restart), the two agree.
 */
const config = testConfig();
const dir = mkdtempSync(join(tmpdir(), 'opsroom-state-at-'));
let server: TestServer;
const post = (body: object) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(200);

/** What the live room shows now, in the shape state?at answers. */
async function captureLive(): Promise<{ at: string; nodes: Array<{ id: string; values: Record<string, unknown> }>; episodes: StateAt['episodes']; d2: NodeView }> {
  const d2 = nodeViewSchema.parse((await request(server.url).get('/api/nodes/D2').expect(200)).body);
  const nodes = [];
  for (const node of config.nodes) {
    const view = (await request(server.url).get(`/api/nodes/${node.id}`).expect(200)).body as { values: Array<{ node: string; indicator: string }> };
    nodes.push({ id: node.id, values: Object.fromEntries(view.values.filter((v) => v.node === node.id).map((v) => [v.indicator, v])) });
  }
  const open = (await request(server.url).get('/api/episodes?status=open&limit=100').expect(200)).body.episodes;
  return { at: iso(server.clock.now), nodes, episodes: open, d2 };
}

const captured: Array<Awaited<ReturnType<typeof captureLive>>> = [];
const stateAt = async (instant: string) => stateAtSchema.parse((await request(server.url).get(`/api/state?at=${encodeURIComponent(instant)}`).expect(200)).body);
const sortEpisodes = (state: { episodes: Array<{ id: string }> }) => [...state.episodes].sort((a, b) => a.id.localeCompare(b.id));

beforeAll(async () => {
  server = await startTestServer(config, { now: at(0) + 60_000, dir });
  const steps: Array<[number, Array<[string, number, number]>]> = [
    [at(0) + 60_000, [['U1', 0, 12], ['U3', 0, 12], ['U2', 0, 6]]],
    [at(1) + 60_000, [['U1', 1, 5], ['U3', 1, 13]]],
    [at(2) + 60_000, [['U4', 2, 12]]],
    [at(3) + 60_000, [['U4', 3, 5]]],
    // U3's window (4 h from 0 h) has run out, and no reading has come since: the district holds it now.
    [at(4) + 30 * 60_000, []],
    [at(6) + 60_000, [['U3', 6, 5]]],
  ];
  for (const [now, readings] of steps) {
    if (readings.length === 0) {
      // The scheduler escalates at the deadline (the test clock is manual, so it is called as it would be).
      server.clock.now = at(4) + 60_000;
      server.room.tick();
    }
    server.clock.now = now;
    for (const [unit, hour, value] of readings) await post(reading(unit, 'load', hour, value));
    // What fell due by now, applied before capturing (the seek applies it too): otherwise the scheduler's
    // own tick, a turn of the event loop later, may land between the capture's requests.
    server.room.tick();
    captured.push(await captureLive());
  }
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/state?at=', () => {
  test('equals the live room captured at each instant, in any order of asking', async () => {
    // Backwards, then forwards: the kept cursor and a fresh start must agree.
    for (const live of [...captured].reverse().concat(captured)) {
      const past = await stateAt(live.at);
      expect(past.at).toBe(live.at);
      expect(sortEpisodes(past)).toEqual(sortEpisodes(live));
      expect(past.nodes).toEqual(live.nodes);
    }
  });

  test('between a deadline and the next input the episode is already with the district', async () => {
    const between = await stateAt(iso(at(4) + 30 * 60_000));
    const u3 = between.episodes.find((e) => e.node === 'U3');
    expect(u3?.holderLevel).toBe('district');
    const before = await stateAt(iso(at(3) + 60_000));
    expect(before.episodes.find((e) => e.node === 'U3')?.holderLevel).toBe('unit');
  });

  test('one node as its room saw it (the replayed wall) equals the live view of it then, open episodes only, with the clock held there', async () => {
    let held = 0;
    for (const live of [...captured].reverse()) {
      const past = snapshotEventSchema.parse((await request(server.url).get(`/api/state/nodes/D2?at=${encodeURIComponent(live.at)}`).expect(200)).body);
      expect(past).toMatchObject({ at: live.at, clock: 'frozen', node: live.d2.node, children: live.d2.children, values: live.d2.values, settlingBelow: live.d2.settlingBelow });
      const open = live.d2.episodes.filter((episode) => episode.status === 'open');
      expect(past.episodes.map((e) => [e.id, e.holder, e.severity])).toEqual(open.map((e) => [e.id, e.holder, e.severity]));
      held += past.episodes.filter((e) => e.holder === 'D2').length;
    }
    expect(held).toBeGreaterThan(0); // the story has D2 holding U3's episode at some instant
  });

  test('a node the tree does not have is 404 naming it', async () => {
    const res = await request(server.url).get(`/api/state/nodes/NOPE?at=${encodeURIComponent(captured[0]!.at)}`).expect(404);
    expect(res.body.error.issues[0].path).toBe('id');
  });

  test('is the same after a restart', async () => {
    await server.stop();
    server = await startTestServer(config, { now: at(7), dir });
    for (const live of captured) {
      const past = await stateAt(live.at);
      expect(sortEpisodes(past)).toEqual(sortEpisodes(live));
      expect(past.nodes).toEqual(live.nodes);
    }
  });

  test.each([
    ['not a time', 'yesterday'],
    ['no offset', '2026-01-05T08:00:00'],
  ])('an instant that is %s is refused naming at', async (_why, instant) => {
    const res = await request(server.url).get(`/api/state?at=${instant}`).expect(400);
    expect(res.body.error.issues[0].path).toBe('at');
  });

  test('an instant after the present is answered as of the present: the future is not in the log', async () => {
    const future = await stateAt('2099-01-01T00:00:00Z');
    expect(future.at).toBe(iso(server.clock.now));
    expect(sortEpisodes(future)).toEqual(sortEpisodes(await stateAt(iso(server.clock.now))));
    const node = (await request(server.url).get('/api/state/nodes/D2?at=2099-01-01T00:00:00Z').expect(200)).body;
    expect(node.at).toBe(iso(server.clock.now));
  });

  test('before the log began is 404', async () => {
    await request(server.url).get(`/api/state?at=${iso(at(-100))}`).expect(404);
  });

  test('replaying the whole log from empty reproduces the episode effects recorded live, in order and in full', () => {
    const db = new Database(server.dbPath, { readonly: true });
    const rows = db.prepare('SELECT at, kind, type, data FROM events ORDER BY seq').all() as Array<{ at: number; kind: string; type: string; data: string }>;
    db.close();
    // Each logged row as it was written: the change, its instant, and the episode as it stood then (its path from where the last row left it).
    const logged = rows.filter((r) => r.kind === 'effect' && r.type.startsWith('episode.')).map((r) => ({ type: r.type, at: r.at, data: JSON.parse(r.data) as unknown }));
    let engine: Engine | null = null;
    const replayed: typeof logged = [];
    const pathLogged = new Map<string, number>();
    for (const row of rows.filter((r) => r.kind === 'input')) {
      const input = JSON.parse(row.data) as EngineInput;
      if (!engine) {
        if (input.type !== 'policy') throw new Error('the log starts with a policy');
        engine = new Engine(input.config, 1);
        continue;
      }
      for (const effect of engine.step(input, row.at).effects) {
        if (effect.type !== 'episode') continue;
        const episode = toEpisode(engine, effect.episode);
        replayed.push({ type: `episode.${effect.change}`, at: effect.at, data: JSON.parse(JSON.stringify(episodeDelta(episode, pathLogged.get(episode.id) ?? 0))) as unknown });
        pathLogged.set(episode.id, episode.path.length);
      }
    }
    expect(logged.length).toBeGreaterThan(4);
    expect(replayed).toEqual(logged);
  });
});

describe('GET /api/timeline', () => {
  test('counts what opened and what climbed per bucket, and lists every escalation in order', async () => {
    const body = (await request(server.url).get(`/api/timeline?from=${iso(at(0))}&to=${iso(at(8) - 1)}&buckets=8`).expect(200)).body;
    expect(body.buckets).toHaveLength(8);
    expect(body.bucketMs).toBe(3_600_000);
    expect(body.buckets.reduce((n: number, b: { opened: number }) => n + b.opened, 0)).toBe(3); // U1, U3, U4
    expect(body.buckets[4].escalations).toBe(1); // U3's window ran out at 04:01
    expect(body.escalations).toEqual([{ at: iso(at(4) + 60_000), episode: expect.any(String), to: 'D2' }]);
  });

  test('without a span it covers the whole log', async () => {
    const body = (await request(server.url).get('/api/timeline').expect(200)).body;
    expect(Date.parse(body.from)).toBeLessThanOrEqual(at(0) + 60_000);
    expect(body.escalations).toHaveLength(1);
  });

  test('a bucket count out of range is refused naming it', async () => {
    const res = await request(server.url).get('/api/timeline?buckets=0').expect(400);
    expect(res.body.error.issues[0].path).toBe('buckets');
  });
});
