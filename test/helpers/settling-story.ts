import request from 'supertest';
import { at, reading } from './network';
import { ADMIN, type TestServer } from './server';

/**
 * Three episodes on the test network, settled at two levels: U1 and U4 go over and come back within
 * their own windows (settled by the units); U3's window (4 h) runs out and District two settles it at 6 h.
 * The server's clock must start at at(0) + 1 min.
 */
export async function settleAtTwoLevels(server: TestServer): Promise<void> {
  const post = (body: object) => request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(200);
  await post(reading('U1', 'load', 0, 12));
  await post(reading('U3', 'load', 0, 12));
  server.clock.now = at(1) + 60_000;
  await post(reading('U1', 'load', 1, 5));
  server.clock.now = at(2) + 60_000;
  await post(reading('U4', 'load', 2, 12));
  server.clock.now = at(3) + 60_000;
  await post(reading('U4', 'load', 3, 5));
  server.clock.now = at(6) + 60_000;
  await post(reading('U3', 'load', 6, 5));
}
