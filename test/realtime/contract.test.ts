import request from 'supertest';
import { serverEvents, type ServerEventName } from '../../shared/contract/socket';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { next, socketPool } from '../helpers/sockets';

/** The socket contract: every event the server sends parses with its schema in shared/contract/socket.ts. */
let server: TestServer;
const pool = socketPool();
beforeAll(async () => {
  server = await startTestServer(testConfig(), { now: at(0) + 60_000 });
});
afterEach(() => pool.closeAll());
afterAll(() => server.stop());

test('snapshot, episode, values, below, episode-figures and subscribe_error each parse with the shared event map', async () => {
  const unit = pool.connect(server.url);
  const top = pool.connect(server.url);
  const seen = new Map<ServerEventName, unknown[]>();
  for (const socket of [unit, top]) {
    for (const name of Object.keys(serverEvents) as ServerEventName[]) socket.on(name, (payload: unknown) => seen.set(name, [...(seen.get(name) ?? []), payload]));
  }
  const ready = Promise.all([next(unit, 'snapshot'), next(top, 'snapshot')]);
  unit.emit('subscribe', { node: 'U1' });
  top.emit('subscribe', { node: 'D1' });
  await ready;
  const refused = next(unit, 'subscribe_error');
  unit.emit('subscribe', { node: 'NOPE' });
  await refused;
  unit.emit('subscribe', { node: 'U1' });
  await next(unit, 'snapshot');

  const post = (hours: number, value: number) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(reading('U1', 'load', hours, value)).expect(200);
  const episode = next(unit, 'episode');
  const below = next(top, 'below');
  await post(0, 12); // an alert at U1: its episode reaches U1; D1 counts it below
  await Promise.all([episode, below, next(unit, 'values')]);
  server.clock.now = at(1) + 60_000;
  const figures = next(unit, 'episode-figures');
  await post(1, 14); // the episode's figure now moves
  await figures;

  for (const name of ['snapshot', 'episode', 'values', 'below', 'episode-figures', 'subscribe_error'] as const) {
    const payloads = seen.get(name) ?? [];
    expect({ name, sent: payloads.length > 0 }).toEqual({ name, sent: true });
    for (const payload of payloads) {
      const parsed = serverEvents[name].safeParse(payload);
      if (!parsed.success) throw new Error(`${name} does not parse: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
    }
  }
});
