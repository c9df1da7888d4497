/**
 * npx tsx scripts/bench/profile.ts <batch|single10|single50|batch-cyberstride> [seconds] — the real server under one
 * of the bench's ingest loads with `node --cpu-prof`, stopped by SIGTERM so the profile is written
 * (to data/bench/profiles/); prints the top self-time functions.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchConfig } from './network';
import { ADMIN, startLoad, stopAll } from './processes';

const ROOT = resolve(__dirname, '../..');
const [what = 'batch', secondsArg = '8'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const size = what.startsWith('batch') ? 1000 : 1;
const concurrency = what === 'single50' ? 50 : what.startsWith('single') ? 10 : 2;
const detectors = what.endsWith('cyberstride') ? 'cyberstride' : 'threshold';
const out = resolve(ROOT, 'data/bench/profiles');
mkdirSync(out, { recursive: true });

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }

export function top(file: string, lines = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/wt-h12\//, '').replace(/^.*node_modules\//, 'nm/')}:${node.callFrame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, lines).map(([where, hits]) => `${((100 * hits) / total).toFixed(1).padStart(5)}%  ${where}`).join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-profile-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(benchConfig(detectors)));
  const profDir = mkdtempSync(join(out, `${what}-`));
  const execArgv = (process.env.PROFILE_EXEC ?? '--import tsx').split(' ').filter(Boolean);
  const entry = process.env.PROFILE_ENTRY ?? 'server/main.ts';
  const child = spawn(process.execPath, [...execArgv, '--cpu-prof', `--cpu-prof-dir=${profDir}`, entry], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: '0', OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'bench.db'), OPSROOM_ADMIN_TOKEN: ADMIN },
  });
  const url = await new Promise<string>((done) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /the ops room is at (http:\/\/[^\s"]+)/.exec(text);
      if (match) done(match[1]!.replace('localhost', '127.0.0.1'));
    });
  });
  const load = startLoad();
  const bodies = size === 1 ? 200_000 : 2000;
  const answer = await load.run({ url, token: ADMIN, spec: { from: 0, count: bodies, size }, concurrency, maxMs: seconds * 1000 });
  console.log(`${what}: ${((answer.requests * size) / answer.seconds).toFixed(0)} readings/s over ${answer.seconds.toFixed(1)} s`);
  await load.stop();
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  const file = readdirSync(profDir).find((name) => name.endsWith('.cpuprofile'));
  if (file) console.log(`${join(profDir, file)}\n${top(join(profDir, file))}`);
  stopAll();
}

void main();
