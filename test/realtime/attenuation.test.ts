import request from 'supertest';
import { belowEventSchema, episodeSchema, type BelowEvent, type Episode, type Reading } from '../../shared/api';
import { VALUES_FLUSH_MS } from '../../server/realtime/publisher';
import { testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { collect, next, sleep, socketPool, subscribe } from '../helpers/sockets';

/**
 * Attenuation on the server: a level's room hears what reached it, and of the rest only counts.
 * Real time, short windows: every level has MS to settle an episode before it climbs.
 */
const pool = socketPool();
let server: TestServer;
const MS = 600;
beforeAll(async () => {
  server = await startTestServer(testConfig({ allowances: { unit: `${MS}ms`, district: `${MS}ms`, region: `${MS}ms` } }));
});
afterEach(() => pool.closeAll());
afterAll(() => server.stop());

const post = (...readings: Array<Omit<Reading, 'ts'>>) =>
  request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`)
    .send({ readings: readings.map((reading) => ({ ...reading, ts: new Date().toISOString() })) }).expect(200);
const load = (unit: string, value: number) => ({ unit, indicator: 'load', value });
const zero = { alert: 0, crisis: 0 };
const alerts = (n: number) => ({ alert: n, crisis: 0 });
const at = async (node: string) => {
  const socket = pool.connect(server.url);
  const snapshot = await subscribe(socket, node);
  return { socket, snapshot, episodes: collect(socket, 'episode', episodeSchema), below: collect(socket, 'below', belowEventSchema) };
};

describe('what each level hears', () => {
  test('counts are sent with the values flush, not per change: one batch opening two episodes is one count', async () => {
    const national = await at('ENG');
    expect(national.snapshot.settlingBelow).toEqual({ R1: zero, R2: zero });
    const counted = next<BelowEvent>(national.socket, 'below');
    const posted = Date.now();
    await post(load('U2', 12), load('U4', 12));
    expect(belowEventSchema.parse(await counted)).toEqual({ node: 'ENG', settlingBelow: { R1: alerts(1), R2: alerts(1) } });
    expect(Date.now() - posted).toBeGreaterThanOrEqual(VALUES_FLUSH_MS - 20); // coalesced, not sent at once
    await sleep(VALUES_FLUSH_MS * 2);
    expect(national.below).toHaveLength(1);
    expect(national.episodes).toEqual([]); // nothing but counts until they climb
    await post(load('U2', 3), load('U4', 3));
    await next<BelowEvent>(national.socket, 'below', (b) => b.settlingBelow.R1!.alert === 0 && b.settlingBelow.R2!.alert === 0);
    expect(national.episodes).toEqual([]); // settled below: the top never heard of them
  });

  test('the top hears nothing of a unit\'s episode while it is settled below, then all of it when it arrives; the unit hears every step', async () => {
    const national = await at('ENG');
    const sibling = await at('R2');
    const unit = await at('U1');
    const arrived = next<Episode>(national.socket, 'episode');
    const countedAtTop = next<BelowEvent>(national.socket, 'below', (b) => b.settlingBelow.R1!.alert === 1);
    await post(load('U1', 12));

    // Someone opening the top's room while U1 holds it: no episode, one counted under Region one.
    const late = await at('ENG');
    expect(late.snapshot.episodes).toEqual([]);
    expect(late.snapshot.settlingBelow).toEqual({ R1: alerts(1), R2: zero });
    // The region's room counts it under the district; the district's does not hear it either (held by U1).
    const region = await at('R1');
    expect(region.snapshot.episodes).toEqual([]);
    expect(region.snapshot.settlingBelow).toEqual({ D1: alerts(1), D2: zero });
    const held = (await request(server.url).get('/api/episodes?node=U1&status=open').expect(200)).body.episodes as Episode[];
    expect(held.map((e) => e.holder)).toEqual(['U1']); // still held below as the snapshots were taken
    await countedAtTop;

    const episode = episodeSchema.parse(await arrived);
    const heardAfter = Date.now() - Date.parse(episode.openedAt);
    expect(episode).toMatchObject({ node: 'U1', holder: 'ENG', overdue: true, reached: ['U1', 'D1', 'R1', 'ENG'] });
    expect(episode.path.map((p) => (p.type === 'escalated' ? `${p.from}→${p.to}` : p.type))).toEqual(['opened', 'U1→D1', 'D1→R1', 'R1→ENG']);
    expect(heardAfter).toBeGreaterThanOrEqual(3 * MS); // three windows ran out before the top heard a word
    expect(national.episodes.map((e) => e.holder)).toEqual(['ENG']);
    // Now it is on the top's wall, the count below drops.
    await next<BelowEvent>(national.socket, 'below', (b) => b.settlingBelow.R1!.alert === 0);
    // Transparency: the unit heard its own episode open and every escalation above it.
    await sleep(VALUES_FLUSH_MS);
    expect(unit.episodes.map((e) => e.holder)).toEqual(['U1', 'D1', 'R1', 'ENG']);

    const resolvedAtTop = next<Episode>(national.socket, 'episode', (e) => e.status === 'resolved');
    const resolvedAtUnit = next<Episode>(unit.socket, 'episode', (e) => e.status === 'resolved');
    const resolvedAtRegion = next<Episode>(region.socket, 'episode', (e) => e.status === 'resolved');
    await post(load('U1', 3));
    for (const resolved of await Promise.all([resolvedAtTop, resolvedAtUnit, resolvedAtRegion])) expect(resolved).toMatchObject({ id: episode.id, resolvedLevel: 'national' });
    // Region two is not on its way: not a word, not even a count.
    expect(sibling.episodes).toEqual([]);
    expect(sibling.below).toEqual([]);
  });

  test('a crisis is told to every ancestor at once, never to a sibling', async () => {
    const national = await at('ENG');
    const sibling = await at('R2');
    const told = next<Episode>(national.socket, 'episode', (e) => e.node === 'U3');
    const posted = Date.now();
    await post(load('U3', 25)); // beyond the unit's crisis bound (20)
    const crisis = await told;
    expect(Date.now() - posted).toBeLessThan(MS); // no window ran out: it was told at once
    expect(crisis).toMatchObject({ severity: 'crisis', status: 'open', holder: 'D2', reached: ['U3', 'D2', 'R1', 'ENG'] });
    const resolved = next<Episode>(national.socket, 'episode', (e) => e.node === 'U3' && e.status === 'resolved');
    await post(load('U3', 3));
    await resolved;
    expect(sibling.episodes).toEqual([]);
    expect(sibling.below).toEqual([]);
  });
});
