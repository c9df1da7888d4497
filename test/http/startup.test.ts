import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../helpers/network';
import { killHard, launch } from '../helpers/process';
import { readSettings } from '../../server/config';
import { start } from '../../server/main';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a bad configuration stops the start with a message naming the problem and where it is', async () => {
  const config = testConfig() as unknown as { nodes: Array<Record<string, unknown>> };
  config.nodes[9]!.parent = 'D9';
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  await expect(launch(dir)).rejects.toThrow(/server exited 1:[\s\S]*config\.json is not valid:[\s\S]*nodes\.9\.parent: unknown parent "D9"/);
});

test('with no OPSROOM_ADMIN_TOKEN, one is generated at first start, printed once, and works', async () => {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
  const first = await launch(dir, { OPSROOM_ADMIN_TOKEN: undefined });
  const printed = /admin token \(shown once[^)]*\): (\S+)/.exec(first.output())?.[1];
  expect(printed).toMatch(/^ops_/);
  const issued = await fetch(`${first.url}/api/tokens`, {
    method: 'POST', headers: { authorization: `Bearer ${printed}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'coordinator', node: 'R1' }),
  });
  expect(issued.status).toBe(201);
  await killHard(first.child);
  const second = await launch(dir, { OPSROOM_ADMIN_TOKEN: undefined });
  expect(second.output()).not.toContain('admin token');
  await killHard(second.child);
});

describe('HOST', () => {
  test.each([
    // Not set: this machine only, for npm start and server/main.ts alike.
    [undefined, '127.0.0.1'],
    // Every interface, to serve walls and units on other machines.
    ['0.0.0.0', '0.0.0.0'],
    ['::1', '::1'],
  ])('HOST=%s listens on %s', (host, expected) => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
    expect(readSettings({ OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'o.db'), HOST: host }).host).toBe(expected);
  });

  test('a server started without HOST is not reachable on other interfaces', async () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
    const running = await start({ config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, quiet: true });
    try {
      const external = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
      expect((await fetch(`http://127.0.0.1:${running.port}/api/health`)).status).toBe(200);
      if (external) await expect(fetch(`http://${external.address}:${running.port}/api/health`)).rejects.toThrow();
    } finally {
      await running.close();
    }
  });
});
