import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../../server/main';
import { tokenStatus } from '../../server/storage/tokens';
import { tokenListSchema, tokenResponseSchema } from '../../shared/api';
import { testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';
import { next, socketPool, subscribe } from '../helpers/sockets';

describe('tokenStatus', () => {
  test.each([
    // Neither revoked nor expiring: works until revoked.
    [{ expiresAt: null, revokedAt: null }, 100, 'active'],
    // Before its expiry.
    [{ expiresAt: 200, revokedAt: null }, 199, 'active'],
    // At its expiry it stops: the instant named is the first it does not work.
    [{ expiresAt: 200, revokedAt: null }, 200, 'expired'],
    // Revoked says why even when it has also expired since.
    [{ expiresAt: 200, revokedAt: 150 }, 300, 'revoked'],
    [{ expiresAt: null, revokedAt: 150 }, 100, 'revoked'],
  ])('%j at %i → %s', (token, now, expected) => {
    expect(tokenStatus(token, now)).toBe(expected);
  });
});

let server: TestServer;
const sockets = socketPool();
beforeAll(async () => {
  server = await startTestServer(testConfig());
});
afterEach(() => sockets.closeAll());
afterAll(() => server.stop());

const admin = () => ({ Authorization: `Bearer ${ADMIN}` });
const issue = async (body: object) => tokenResponseSchema.parse((await request(server.url).post('/api/tokens').set(admin()).send(body).expect(201)).body);
const whoami = (token: string) => request(server.url).get('/api/whoami').set('Authorization', `Bearer ${token}`);

describe('/api/tokens', () => {
  test('the admin lists issued tokens, never their secrets, and the answers are not stored', async () => {
    const issued = await issue({ role: 'reporter', node: 'U1', name: 'U1 feed' });
    expect(issued).toMatchObject({ role: 'reporter', node: 'U1', name: 'U1 feed', expiresAt: null, revokedAt: null, status: 'active' });
    const res = await request(server.url).get('/api/tokens').set(admin()).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { tokens } = tokenListSchema.parse(res.body);
    expect(tokens.find((token) => token.id === issued.id)).toMatchObject({ name: 'U1 feed', status: 'active' });
    expect(res.text).not.toContain(issued.token);
    expect(res.text).not.toMatch(/hash/i);
  });

  test.each([
    ['no token', null, 401],
    ['a reporter token', 'reporter', 403],
  ])('listing with %s → %s', async (_name, who, status) => {
    const req = request(server.url).get('/api/tokens');
    if (who) req.set('Authorization', `Bearer ${(await issue({ role: 'reporter', node: 'U2' })).token}`);
    expect((await req).status).toBe(status);
  });

  test('a revoked token stops working at once, with its reason; the list says so', async () => {
    const issued = await issue({ role: 'coordinator', node: 'D1' });
    expect((await whoami(issued.token)).status).toBe(200);
    const revoked = await request(server.url).delete(`/api/tokens/${issued.id}`).set(admin()).expect(200);
    expect(revoked.headers['cache-control']).toBe('no-store');
    expect(revoked.body).toMatchObject({ id: issued.id, status: 'revoked', revokedAt: expect.any(String) });
    const refused = await whoami(issued.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('this token has been revoked');
    const { tokens } = tokenListSchema.parse((await request(server.url).get('/api/tokens').set(admin())).body);
    expect(tokens.find((token) => token.id === issued.id)!.status).toBe('revoked');
  });

  test('revoking a token that does not exist is a 404; only the admin revokes', async () => {
    expect((await request(server.url).delete('/api/tokens/tok_nope').set(admin())).status).toBe(404);
    const other = await issue({ role: 'reporter', node: 'U3' });
    const res = await request(server.url).delete(`/api/tokens/${other.id}`).set('Authorization', `Bearer ${other.token}`);
    expect(res.status).toBe(403);
    expect((await whoami(other.token)).status).toBe(200);
  });

  test('a token with an expiry works until then, and is refused after', async () => {
    const issued = await issue({ role: 'reporter', node: 'U1', expiresIn: '1h' });
    expect(Date.parse(issued.expiresAt!) - Date.parse(issued.createdAt)).toBe(3_600_000);
    expect((await whoami(issued.token)).status).toBe(200);
    const wall = server.room.tokens.clock;
    server.room.tokens.clock = () => wall() + 2 * 3_600_000;
    try {
      const refused = await whoami(issued.token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toBe('this token has expired');
    } finally {
      server.room.tokens.clock = wall;
    }
  });

  test.each([
    [{ role: 'reporter', node: 'U1', expiresIn: 'soon' }, 'expiresIn'],
    [{ role: 'reporter', node: 'U1', expiresIn: '0s' }, 'expiresIn'],
  ])('a bad expiry %j is refused naming %s', async (body, path) => {
    const res = await request(server.url).post('/api/tokens').set(admin()).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
  });

  test('revoking a token closes its open sockets, and leaves other sockets open', async () => {
    const doomed = await issue({ role: 'coordinator', node: 'ENG' });
    const kept = await issue({ role: 'coordinator', node: 'ENG' });
    const socket = sockets.connect(server.url, doomed.token);
    const other = sockets.connect(server.url, kept.token);
    await subscribe(socket, 'ENG');
    await subscribe(other, 'ENG');
    const closed = next<string>(socket, 'disconnect');
    await request(server.url).delete(`/api/tokens/${doomed.id}`).set(admin()).expect(200);
    expect(await closed).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    // And it cannot connect again.
    const again = sockets.connect(server.url, doomed.token);
    expect((await next<Error>(again, 'connect_error')).message).toBe('unauthorized: revoked token');
  });

  test('a socket whose token expires is closed when it expires', async () => {
    const brief = await issue({ role: 'coordinator', node: 'ENG', expiresIn: '800ms' });
    const socket = sockets.connect(server.url, brief.token);
    await subscribe(socket, 'ENG');
    expect(await next<string>(socket, 'disconnect')).toBe('io server disconnect');
  });
});

describe('the admin token follows OPSROOM_ADMIN_TOKEN', () => {
  test('changed, the old one stops working; removed, a new one is generated and the removed one stops working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsroom-admin-'));
    const dbPath = join(dir, 'o.db');
    const A = 'first-admin-token-0123456789';
    const B = 'second-admin-token-0123456789';
    const run = async (adminToken: string | undefined, check: (url: string, generated: string | null) => Promise<void>) => {
      const running = await start({ config: testConfig(), dbPath, port: 0, host: '127.0.0.1', adminToken, quiet: true });
      try {
        await check(running.url, running.generatedAdminToken);
      } finally {
        await running.close();
      }
    };
    const status = async (url: string, token: string) => (await request(url).get('/api/whoami').set('Authorization', `Bearer ${token}`)).status;
    let generated: string | null = null;
    try {
      await run(A, async (url) => expect(await status(url, A)).toBe(200));
      await run(B, async (url) => expect([await status(url, A), await status(url, B)]).toEqual([401, 200]));
      await run(undefined, async (url, made) => {
        generated = made;
        expect(made).toEqual(expect.any(String));
        expect([await status(url, B), await status(url, made!)]).toEqual([401, 200]);
      });
      // A generated token is kept from start to start (it was printed once).
      await run(undefined, async (url, made) => {
        expect(made).toBeNull();
        expect(await status(url, generated!)).toBe(200);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
