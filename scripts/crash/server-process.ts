import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** From spawning to listening. */
  startMs: number;
  /** From spawning to the first answer (GET /api/health): what a client waits. */
  answerMs: number;
  /** What the start replayed after its checkpoint (0 when it said nothing: nothing to replay). */
  replayed: { inputs: number; readings: number; ms: number };
}

/** The real server (`server/main.ts`) in its own process. Rejects with its output if it exits before listening. */
export function spawnServer(env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<ServerProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: Object.fromEntries(Object.entries({ ...process.env, PORT: '0', OPSROOM_SIMULATE: '0', ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /the ops room is at (http:\/\/[^\s"]+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      const replay = /replayed (\d+) inputs \((\d+) readings\).* in (\d+) ms/.exec(out);
      const startMs = Date.now() - started;
      const replayed = { inputs: Number(replay?.[1] ?? 0), readings: Number(replay?.[2] ?? 0), ms: Number(replay?.[3] ?? 0) };
      void fetch(`${match[1]!}/api/health`).then((res) => res.arrayBuffer()).then(
        () => done({ child, url: match[1]!, output: () => out, startMs, answerMs: Date.now() - started, replayed }),
        (error: unknown) => fail(error as Error),
      );
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited ${code}: ${out}`));
    });
  });
}

export const killHard = (child: ChildProcess) => new Promise<void>((done) => {
  if (child.exitCode !== null || child.signalCode !== null) return done();
  child.once('exit', () => done());
  child.kill('SIGKILL');
});
