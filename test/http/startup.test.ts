import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../helpers/network';
import { killHard, launch } from '../helpers/process';

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
