import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ADMIN } from './server';

const ROOT = resolve(__dirname, '../..');

/**
 * The real server in its own process, through its entry `server/main.ts` (what `npm start`'s launcher runs,
 * less the demo's simulator, which OPSROOM_CONFIG turns off anyway), on `dir/config.json` and `dir/opsroom.db`.
 * `env` overrides the environment (undefined removes a variable). Rejects with the output if it exits.
 */
export function launch(dir: string, env: Record<string, string | undefined> = { OPSROOM_ADMIN_TOKEN: ADMIN }): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: Object.fromEntries(
      Object.entries({ ...process.env, PORT: '0', OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'opsroom.db'), ...env })
        .filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /the ops room is at (http:\/\/[^\s"]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done({ child, url: match[1]!, output: () => out });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited ${code}: ${out}`));
    });
  });
}

export const killHard = (child: ChildProcess) => new Promise<void>((done) => {
  child.once('exit', () => done());
  child.kill('SIGKILL');
});

