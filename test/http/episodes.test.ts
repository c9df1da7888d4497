import Database from 'better-sqlite3';
import request from 'supertest';
import { episodeSchema } from '../../shared/api';
import { at, iso, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
  for (const [name, role, node] of [['U1', 'reporter', 'U1'], ['U2', 'reporter', 'U2'], ['D1', 'coordinator', 'D1'], ['D2', 'coordinator', 'D2'], ['R1', 'coordinator', 'R1'], ['ENG', 'coordinator', 'ENG']] as const) {
    tokens[name] = await server.token(role, node, `${name} lead`);
  }
  await request(server.url).post('/api/readings').set('Authorization', `Bearer ${tokens.U1}`).send(reading('U1', 'load', 0, 12)).expect(200);
});
afterAll(() => server.stop());

const act = (what: 'acknowledge' | 'notes', who: string, body: object = {}) =>
  request(server.url).post(`/api/episodes/E1/${what}`).set('Authorization', `Bearer ${tokens[who] ?? who}`).send(body);

describe('episodes over HTTP', () => {
  test('an episode is listed in its subtree, and only there', async () => {
    const ids = async (query: string) => (await request(server.url).get(`/api/episodes?${query}`)).body.episodes.map((e: { id: string }) => e.id);
    expect(await ids('node=D1')).toEqual(['E1']);
    expect(await ids('node=ENG&status=open')).toEqual(['E1']);
    expect(await ids('node=D2')).toEqual([]);
    expect(await ids('status=resolved')).toEqual([]);
    const bad = await request(server.url).get('/api/episodes?status=closed');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('status');
    expect((await request(server.url).get('/api/episodes?node=NOPE')).status).toBe(404);
  });

  test('an episode, alone or listed, says the value now, the bound it crossed and its sparkline', async () => {
    const one = episodeSchema.parse((await request(server.url).get('/api/episodes/E1').expect(200)).body);
    const listed = episodeSchema.parse((await request(server.url).get('/api/episodes?node=U1').expect(200)).body.episodes[0]);
    for (const episode of [one, listed]) {
      expect(episode).toMatchObject({
        value: 12,
        now: { period: iso(at(0)), value: 12, reported: 1, expected: 1 },
        cause: { type: 'bound', bound: 'alert', value: 10, clear: 8 },
        spark: [{ period: iso(at(0)), value: 12 }],
      });
    }
  });

  test('reached=true lists what reached the node, as its room sees it; the subtree listing is unchanged', async () => {
    const ids = async (query: string) => (await request(server.url).get(`/api/episodes?${query}`).expect(200)).body.episodes.map((e: { id: string }) => e.id);
    // E1 is held by U1 in its own window: U1 has it; nobody above has heard of it.
    expect(await ids('node=U1&reached=true')).toEqual(['E1']);
    expect(await ids('node=D1&reached=true')).toEqual([]);
    expect(await ids('node=ENG&reached=true&status=open')).toEqual([]);
    expect(await ids('reached=true')).toEqual([]); // no node: the top
    expect(await ids('node=ENG&reached=false')).toEqual(['E1']);
    expect(await ids('node=ENG')).toEqual(['E1']);
  });

  test.each(['yes', '1', 'TRUE', ''])('reached=%s is refused with a 400 naming the field', async (value) => {
    const bad = await request(server.url).get(`/api/episodes?node=D1&reached=${value}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'reached', message: 'must be true or false' }]);
    expect(bad.body.error.message).toContain('reached');
  });

  test('the node view lists what reached the node and counts per child what is being settled below', async () => {
    const top = (await request(server.url).get('/api/nodes/ENG').expect(200)).body;
    expect(top.episodes).toEqual([]);
    expect(top.settlingBelow).toEqual({ R1: { alert: 1, crisis: 0 }, R2: { alert: 0, crisis: 0 } });
    const unit = (await request(server.url).get('/api/nodes/U1').expect(200)).body;
    expect(unit.episodes.map((e: { id: string }) => e.id)).toEqual(['E1']);
    expect(unit.settlingBelow).toEqual({});
  });

  test.each([
    { who: 'U2', status: 403 },
    { who: 'D2', status: 403 },
    { who: 'U1', status: 200 },
  ])('held by U1: $who may acknowledge → $status', async ({ who, status }) => {
    expect((await act('acknowledge', who, { note: 'on it' })).status).toBe(status);
  });

  test('with no token, acting is 401 whatever the body', async () => {
    expect((await request(server.url).post('/api/episodes/E1/notes').send({ nope: 1 })).status).toBe(401);
  });

  test('after escalation the unit\'s reporter may no longer act, its coordinators may', async () => {
    server.clock.now = at(5); // past U1's deadline; the scheduler has not fired (fake clock)
    expect((await act('notes', 'U1', { note: 'racing the deadline' })).status).toBe(403);
    const episode = (await request(server.url).get('/api/episodes/E1')).body;
    expect(episode).toMatchObject({ holder: 'D1', holderLevel: 'district', acknowledgedBy: 'U1 lead' });
    expect((await act('notes', 'U1', { note: 'still full' })).status).toBe(403);
    expect((await act('notes', 'D2', { note: 'x' })).status).toBe(403);
    for (const who of ['D1', 'R1', 'ENG']) expect((await act('notes', who, { note: `${who} looking` })).status).toBe(200);
    const acknowledged = await act('acknowledge', 'D1', { note: 'moving patients to RJZ' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.acknowledgedBy).toBe('D1 lead');
    expect(acknowledged.body.path.map((p: { type: string }) => p.type)).toEqual(['opened', 'acknowledged', 'escalated', 'note', 'note', 'note', 'acknowledged']);
    // Escalated into D1: the district has it now, the region above still not.
    const ids = async (query: string) => (await request(server.url).get(`/api/episodes?${query}`).expect(200)).body.episodes.map((e: { id: string }) => e.id);
    expect(await ids('node=D1&reached=true')).toEqual(['E1']);
    expect(await ids('node=U1&reached=true')).toEqual(['E1']); // the origin keeps hearing it
    expect(await ids('node=R1&reached=true')).toEqual([]);
  });

  test.each([
    { name: 'an empty note', what: 'notes', body: { note: '  ' }, status: 400 },
    { name: 'no note', what: 'notes', body: {}, status: 400 },
    { name: 'an unknown field', what: 'acknowledge', body: { notes: 'x' }, status: 400 },
  ] as const)('$name → $status', async ({ what, body, status }) => {
    expect((await act(what, 'ENG', body)).status).toBe(status);
  });

  test('an unknown episode is 404, and so is an unknown route', async () => {
    expect((await request(server.url).post('/api/episodes/E99/acknowledge').set('Authorization', `Bearer ${ADMIN}`).send({})).status).toBe(404);
    expect((await request(server.url).get('/api/nope')).status).toBe(404);
  });

  test('the node view carries values with coverage and the triple index, and the episodes that reached it', async () => {
    const view = (await request(server.url).get('/api/nodes/D1')).body;
    expect(view.node).toEqual({ id: 'D1', name: 'District one', level: 'district', parent: 'R1' });
    expect(view.children.map((c: { id: string }) => c.id)).toEqual(['U1', 'U2']);
    expect(view.values).toContainEqual(expect.objectContaining({ node: 'D1', indicator: 'load', value: 12, coverage: 0.5, final: true })); // grace has passed
    expect(view.episodes.map((e: { id: string }) => e.id)).toEqual(['E1']); // escalated into D1
    expect(view.settlingBelow).toEqual({ U1: { alert: 0, crisis: 0 }, U2: { alert: 0, crisis: 0 } });
  });

  test('the event log holds inputs and effects in order', async () => {
    const { events } = (await request(server.url).get('/api/events?after=0&limit=100')).body;
    expect(events[0]).toMatchObject({ seq: 1, kind: 'input', type: 'policy' });
    expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['readings', 'episode.opened', 'acknowledge', 'episode.allowance-ran-out', 'note']));
    const seqs = events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  test('escalations caught up by an input are logged before it, so the log reads in time order', async () => {
    server.clock.now = server.clock.now + 100 * 3_600_000; // nobody ticked: the next input catches up
    await request(server.url).post('/api/readings').set('Authorization', `Bearer ${tokens.U2}`).send({ unit: 'U2', indicator: 'load', ts: new Date(server.clock.now).toISOString(), value: 1 }).expect(200);
    const { events } = (await request(server.url).get('/api/events?after=0&limit=1000')).body;
    const times = events.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events[events.length - 1]).toMatchObject({ kind: 'input', type: 'readings' });
    expect(events.filter((e: { type: string }) => e.type === 'episode.allowance-ran-out').length).toBeGreaterThanOrEqual(2);
  });
});

describe('tokens', () => {
  test.each([
    { name: 'not the admin', auth: 'D1', body: { role: 'reporter', node: 'U1' }, status: 403 },
    { name: 'a reporter for a district', auth: ADMIN, body: { role: 'reporter', node: 'D1' }, status: 422 },
    { name: 'an unknown node', auth: ADMIN, body: { role: 'coordinator', node: 'X' }, status: 422 },
    { name: 'an unknown role', auth: ADMIN, body: { role: 'boss', node: 'D1' }, status: 400 },
  ])('$name → $status', async ({ auth, body, status }) => {
    const res = await request(server.url).post('/api/tokens').set('Authorization', `Bearer ${tokens[auth] ?? auth}`).send(body);
    expect(res.status).toBe(status);
  });

  test('a token is shown once and stored only hashed', async () => {
    const token = await server.token('coordinator', 'R2');
    expect((await request(server.url).get('/api/whoami').set('Authorization', `Bearer ${token}`)).body).toEqual({ role: 'coordinator', node: 'R2', name: 'coordinator@R2' });
    const db = new Database(server.dbPath, { readonly: true });
    const rows = db.prepare('SELECT * FROM tokens').all() as Array<Record<string, unknown>>;
    db.close();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.length).toBeGreaterThan(5);
  });
});

describe('reading access', () => {
  test('with publicRead false, reads need a valid token', async () => {
    const closed = await startTestServer(testConfig({ publicRead: false }));
    try {
      expect((await request(closed.url).get('/api/hierarchy')).status).toBe(401);
      const token = await closed.token('reporter', 'U4');
      const res = await request(closed.url).get('/api/hierarchy').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.nodes).toHaveLength(10); // transparency: the whole tree, not just U4's part
      expect((await request(closed.url).get('/api/health')).status).toBe(200);
    } finally {
      await closed.stop();
    }
  });
});
