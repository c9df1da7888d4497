import request from 'supertest';
import type { Episode, ValuesEvent } from '../../shared/api';
import { episodeSchema, valuesEventSchema } from '../../shared/api';
import { testConfig } from '../helpers/network';
import { startTestServer, type TestServer } from '../helpers/server';
import { collect, next, sleep, socketPool, subscribe } from '../helpers/sockets';

const pool = socketPool();
const connect = (url: string, token?: string) => pool.connect(url, token);

let server: TestServer;
let u1: string;
const MS = 400;
beforeAll(async () => {
  server = await startTestServer(testConfig({ allowances: { unit: `${MS}ms`, district: `${MS}ms`, region: `${MS}ms` } }));
  u1 = await server.token('reporter', 'U1');
});
afterEach(() => pool.closeAll());
afterAll(() => server.stop());

const postLoad = (value: number) =>
  request(server.url).post('/api/readings').set('Authorization', `Bearer ${u1}`).send({ unit: 'U1', indicator: 'load', ts: new Date().toISOString(), value }).expect(200);

describe('the live stream', () => {
  test('a subscriber gets a snapshot of its node and children; each level hears an episode from the moment it climbs there', async () => {
    const unit = connect(server.url);
    await subscribe(unit, 'U1');
    const district = connect(server.url);
    const snapshot = await subscribe(district, 'D1');
    expect(snapshot.node.id).toBe('D1');
    expect(snapshot.children.map((c) => c.id)).toEqual(['U1', 'U2']);

    const national = connect(server.url);
    await subscribe(national, 'ENG');
    const seen = { unit: collect(unit, 'episode', episodeSchema), district: collect(district, 'episode', episodeSchema), national: collect(national, 'episode', episodeSchema) };
    const atTop = next<Episode>(national, 'episode', (e) => e.holder === 'ENG');
    const districtAtTop = next<Episode>(district, 'episode', (e) => e.holder === 'ENG');
    const unitAtTop = next<Episode>(unit, 'episode', (e) => e.holder === 'ENG');
    const opened = next<Episode>(unit, 'episode', (e) => e.status === 'open');
    await postLoad(12);
    expect((await opened).holder).toBe('U1');
    const top = await atTop;
    const arrived = Date.now();
    expect(top).toMatchObject({ overdue: true, deadline: null, reached: ['U1', 'D1', 'R1', 'ENG'] });
    const escalations = top.path.filter((p) => p.type === 'escalated').map((p) => Date.parse(p.at));
    // stamped exactly one window apart, at the deadlines, not at whenever a timer happened to fire
    expect(escalations.map((t, i) => (i === 0 ? MS : t - escalations[i - 1]!))).toEqual([MS, MS, MS]);
    expect(escalations[0]! - Date.parse(top.openedAt)).toBe(MS);
    expect(arrived - escalations[2]!).toBeLessThan(1000); // the scheduler woke at the deadline (generous bound for a loaded CI)
    await Promise.all([districtAtTop, unitAtTop]);
    // The unit hears every change to its own episode; the district from the escalation into it; the top only at the top.
    expect(seen.unit.map((e) => e.holder)).toEqual(['U1', 'D1', 'R1', 'ENG']);
    expect(seen.district.map((e) => e.holder)).toEqual(['D1', 'R1', 'ENG']);
    expect(seen.national.map((e) => e.holder)).toEqual(['ENG']);
    // ...and when it first hears, it hears the whole path so far.
    expect(seen.national[0]!.path.map((p) => p.type)).toEqual(['opened', 'escalated', 'escalated', 'escalated']);

    const resolved = next<Episode>(national, 'episode', (e) => e.status === 'resolved');
    const unitResolved = next<Episode>(unit, 'episode', (e) => e.status === 'resolved');
    await postLoad(3);
    expect(await resolved).toMatchObject({ resolvedLevel: 'national', holder: 'ENG' });
    expect((await unitResolved).resolvedLevel).toBe('national');
  });

  test('values are coalesced; a region hears its districts, never a unit\'s raw readings', async () => {
    const region = connect(server.url);
    await subscribe(region, 'R1');
    const district = connect(server.url);
    await subscribe(district, 'D1');
    const regionValues: ValuesEvent[] = collect(region, 'values', valuesEventSchema);
    const districtValues = next<ValuesEvent>(district, 'values', (v) => v.values.some((value) => value.node === 'U1' && value.value === 5));
    await postLoad(4);
    await postLoad(5);
    const seen = valuesEventSchema.parse(await districtValues);
    expect(seen.values.find((v) => v.node === 'U1' && v.indicator === 'load')!.value).toBe(5);
    await sleep(300);
    const nodes = new Set(regionValues.flatMap((event) => event.values.map((v) => v.node)));
    expect([...nodes].sort()).toEqual(['D1', 'R1']);
  });

  test('subscribing to an unknown node is refused with a message', async () => {
    const socket = connect(server.url);
    const error = next<{ message: string }>(socket, 'subscribe_error');
    socket.emit('subscribe', { node: 'NOPE' });
    expect((await error).message).toContain('NOPE');
  });

  test('an unknown token cannot connect', async () => {
    const socket = connect(server.url, 'nope');
    const error = await next<Error>(socket, 'connect_error');
    expect(error.message).toContain('unauthorized');
  });
});
