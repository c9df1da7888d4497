import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { testConfig } from '../helpers/network';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const { OPSROOM_ADMIN_TOKEN: _admin, ...withoutAdmin } = process.env;
let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-token-tool-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
  server = await startTestServer(testConfig(), { dir });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run token -- …` as a user runs it, on the test server's database and configuration. */
async function token(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
      cwd: ROOT, env: { ...withoutAdmin, OPSROOM_DB: join(dir, 'opsroom.db'), OPSROOM_CONFIG: join(dir, 'config.json'), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const whoami = (value: string) => request(server.url).get('/api/whoami').set('Authorization', `Bearer ${value}`);

test('while a server holds the database, the tool refuses and points to --url (one writer per database)', async () => {
  const issued = await token(['--role', 'coordinator', '--node', 'D1']);
  expect(issued.code).toBe(1);
  expect(issued.stderr).toMatch(/is in use by process \d+/);
  expect(issued.stderr).toMatch(/--url/);
});

test('with no server running, a coordinator token written into the database works once it starts, and the coordinator can act', async () => {
  const own = mkdtempSync(join(tmpdir(), 'opsroom-token-tool-offline-'));
  writeFileSync(join(own, 'config.json'), JSON.stringify(testConfig()));
  const first = await startTestServer(testConfig(), { dir: own }); // creates the database
  await first.stop();
  const env = { OPSROOM_DB: join(own, 'opsroom.db'), OPSROOM_CONFIG: join(own, 'config.json') };
  const issued = await token(['--role', 'coordinator', '--node', 'D1', '--name', 'Duty manager'], env);
  expect(issued.code).toBe(0);
  expect(issued.stdout.trim()).toMatch(/^ops_\S+$/); // only the token on stdout, so TOKEN=$(npm run -s token …) works
  expect(issued.stderr).toMatch(/Sign in to act/);
  const again = await startTestServer(testConfig(), { dir: own });
  try {
    const res = await request(again.url).get('/api/whoami').set('Authorization', `Bearer ${issued.stdout.trim()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ role: 'coordinator', node: 'D1', name: 'Duty manager' });
  } finally {
    await again.stop();
    rmSync(own, { recursive: true, force: true });
  }
});

test('--url asks a running server with the admin token instead', async () => {
  const issued = await token(['--role', 'reporter', '--node', 'U1', '--url', server.url], { OPSROOM_ADMIN_TOKEN: ADMIN });
  expect(issued.code).toBe(0);
  expect((await whoami(issued.stdout.trim())).body).toEqual({ role: 'reporter', node: 'U1', name: 'reporter@U1' });
});

test.each([
  // Typos must not mint a token for nowhere.
  { why: 'an unknown node', args: ['--role', 'coordinator', '--node', 'Y60'], message: /no node "Y60"/ },
  // Reporters post readings, and only units have readings.
  { why: 'a reporter for a district', args: ['--role', 'reporter', '--node', 'D1'], message: /"D1" is not a unit/ },
  { why: 'an admin role (the admin token is OPSROOM_ADMIN_TOKEN)', args: ['--role', 'admin', '--node', 'D1'], message: /--role/ },
  { why: 'no node', args: ['--role', 'coordinator'], message: /--node/ },
  { why: 'an unreadable expiry', args: ['--role', 'coordinator', '--node', 'D1', '--expires-in', 'soon'], message: /--expires-in/ },
  { why: 'an option it does not know', args: ['--role', 'coordinator', '--node', 'D1', '--nodes', 'x'], message: /usage/ },
  { why: '--url without the admin token', args: ['--role', 'coordinator', '--node', 'D1', '--url', 'http://localhost:1'], message: /OPSROOM_ADMIN_TOKEN/ },
])('refused with a clear message: $why', async ({ args, message }) => {
  const before = (await request(server.url).get('/api/tokens').set('Authorization', `Bearer ${ADMIN}`)).body.tokens.length;
  const issued = await token(args);
  expect(issued.code).toBe(1);
  expect(issued.stdout).toBe('');
  expect(issued.stderr).toMatch(message);
  expect((await request(server.url).get('/api/tokens').set('Authorization', `Bearer ${ADMIN}`)).body.tokens.length).toBe(before);
});
