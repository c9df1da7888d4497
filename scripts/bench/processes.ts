/** The bench's other processes: the real server, the ceiling server and the load generator, each stopped when the bench ends. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../../shared/config';
import type { LoadAnswer, LoadJob } from './load-worker';

const ROOT = resolve(__dirname, '../..');
export const ADMIN = 'bench-admin-token-0123456789';
const TSX = ['--import', 'tsx'];
const running = new Set<ChildProcess>();

export function stopAll(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    process.exit(1);
  });
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL'); // a restart opens the same database: it waits for the lock to go with the process
  });
}

/** A forked .ts module that reports `{ port }` once it listens. */
export function forkListening(module: string, execArgv: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = track(fork(join(__dirname, module), [], { cwd: ROOT, execArgv: [...TSX, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return new Promise((done, fail) => {
    child.once('message', (message: { port: number }) => done({ child, url: `http://127.0.0.1:${message.port}` }));
    child.once('exit', (code) => fail(new Error(`${module} exited (${code}) before listening`)));
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
  /** ms from spawn to the line saying where the room is (the server serves from then on). */
  readyMs: number;
}

/** The real server, `server/main.ts`, on a database in `dir`. */
export function launchServer(dir: string, config: Config, env: Record<string, string> = {}): Promise<Served> {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const started = performance.now();
  const child = track(spawn(process.execPath, [...TSX, 'server/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: '0', OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'bench.db'), OPSROOM_ADMIN_TOKEN: ADMIN, ...env },
  }));
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /the ops room is at (http:\/\/[^\s"]+)/.exec(out);
      if (match) done({ child, url: match[1]!.replace('localhost', '127.0.0.1'), readyMs: performance.now() - started });
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening: ${out.slice(-500)}`)));
  });
}

/** The load generator: one process for the whole bench, a job at a time. */
export function startLoad(): { run(job: LoadJob): Promise<Extract<LoadAnswer, { ok: true }>>; stop(): Promise<void> } {
  const child = track(fork(join(__dirname, 'load-worker.ts'), [], { cwd: ROOT, execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return {
    run: (job) => new Promise((done, fail) => {
      child.once('message', (answer: LoadAnswer) => (answer.ok ? done(answer) : fail(new Error(answer.error))));
      child.send(job);
    }),
    stop: () => stop(child),
  };
}
