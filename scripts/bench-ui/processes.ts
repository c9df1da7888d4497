import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Reading } from '../../shared/api';
import type { Config } from '../../shared/config';

export const BENCH_ROOT = resolve(__dirname, '../..');

/** The room's client built from `root`'s sources (the checkout under test may be another worktree); unminified, a profile names its functions. */
export function buildClient(root: string, minify = true): void {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', ...(minify ? [] : ['--minify', 'false'])], { cwd: root, stdio: 'pipe', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  if (!existsSync(join(root, 'client/dist/index.html'))) throw new Error(`bench-ui: no client build in ${root}/client/dist`);
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/** `root`'s server in a process of its own, on a free port, with `config` and a fresh database in `dir`. */
export function startServer(root: string, dir: string, config: Config, adminToken: string): Promise<ServerProcess> {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: '0', OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'bench.db'), OPSROOM_ADMIN_TOKEN: adminToken, OPSROOM_SIMULATE: '0' },
  });
  return new Promise((done, fail) => {
    let out = '';
    child.once('exit', (code) => fail(new Error(`bench-ui: the server exited (${code}) before listening:\n${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /the ops room is at http:\/\/localhost:(\d+)/.exec(out);
      if (match) done({ child, url: `http://127.0.0.1:${match[1]}` });
    });
  });
}

/** The load generator (scripts/bench-ui/load.ts) in a process of its own. */
export function startLoad(url: string, adminToken: string, units: number, rate: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-ui/load.ts', '--url', url, '--token', adminToken, '--units', String(units), '--rate', String(rate)], {
    cwd: BENCH_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** One POST of many readings as the admin, in batches the server accepts. */
export async function postAll(url: string, adminToken: string, readings: readonly Reading[]): Promise<void> {
  for (let at = 0; at < readings.length; at += 5000) {
    const response = await fetch(`${url}/api/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ readings: readings.slice(at, at + 5000) }),
    });
    if (!response.ok) throw new Error(`bench-ui: readings refused: ${response.status} ${await response.text()}`);
  }
}
