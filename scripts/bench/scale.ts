/**
 * scale_5000: on a generated 5,000-unit network (thresholds), batched ingest and the latency of
 * GET /api/nodes/ENG, first with nobody listening, then with 1,000 socket clients following the top
 * (listeners-worker.ts, another process). Goal: ingest with them ≥ 0.7 × without.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join, resolve } from 'node:path';
import { benchConfig } from './network';
import { ADMIN, launchServer, startLoad, stop } from './processes';
import { median, percentile, shareOf, type Figure } from './results';

export interface ScalePlan {
  runs: number;
  runMs: number;
  listeners: number;
  gets: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function getMs(url: string): Promise<number> {
  const sent = performance.now();
  return new Promise((done, fail) => {
    get(new URL('/api/nodes/ENG', url), { agent, headers: { authorization: `Bearer ${ADMIN}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? done(performance.now() - sent) : fail(new Error(`GET /api/nodes/ENG answered ${res.statusCode}`))));
    }).on('error', fail);
  });
}

async function getLatencies(url: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) latencies.push(await getMs(url));
  return latencies;
}

export async function scaleFigures(root: string, plan: ScalePlan, say: (line: string) => void): Promise<Record<string, Figure>> {
  const served = await launchServer(mkdtempSync(join(root, 'scale-')), benchConfig('threshold', 'scale'));
  const load = startLoad();
  let cursor = 0;
  const batches = async (): Promise<number> => {
    const rates: number[] = [];
    for (let run = 0; run < plan.runs; run++) {
      const answer = await load.run({ url: served.url, token: ADMIN, spec: { from: cursor, count: 200, size: 1000, network: 'scale' }, concurrency: 2, maxMs: plan.runMs });
      cursor += answer.requests * 1000;
      rates.push((answer.requests * 1000) / answer.seconds);
    }
    return median(rates);
  };
  let listeners: ChildProcess | null = null;
  try {
    say('scale 5000: batched ingest and GET /api/nodes/ENG, nobody listening');
    await load.run({ url: served.url, token: ADMIN, spec: { from: cursor, count: 200, size: 1000, network: 'scale' }, concurrency: 2, maxMs: 500 }).then((a) => { cursor += a.requests * 1000; });
    const alone = await batches();
    const getAlone = await getLatencies(served.url, plan.gets);
    say(`scale 5000: connecting ${plan.listeners} clients at the top`);
    const wall = fork(join(__dirname, 'listeners-worker.ts'), [served.url, 'ENG', String(plan.listeners)], { cwd: resolve(__dirname, '../..'), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    listeners = wall;
    const connecting = performance.now();
    await new Promise((done, fail) => {
      wall.once('message', done);
      wall.once('exit', (code) => fail(new Error(`the listeners exited (${code})`)));
    });
    const connectSeconds = (performance.now() - connecting) / 1000;
    say(`scale 5000: the same with them listening (they took ${connectSeconds.toFixed(0)} s to connect and get their snapshots)`);
    const heard = await batches();
    const getHeard = await getLatencies(served.url, plan.gets);
    const note = `5,000 units, 1000-reading batches, 2 in flight, median of ${plan.runs} run(s) of ${plan.runMs / 1000} s; the ${plan.listeners} clients took ${connectSeconds.toFixed(0)} s to connect and get their snapshots`;
    return {
      scale_5000_ingest: shareOf(heard, alone, 'readings/s', 0.7, `${note}; value with ${plan.listeners} socket clients at the top, ceiling with none`),
      scale_5000_get_top: {
        value: median(getHeard), unit: 'ms', ceiling: median(getAlone), ratio: median(getAlone) / median(getHeard), goal: 'none set (reported)', met: null,
        note: `GET /api/nodes/ENG, median of ${plan.gets} one after another once the ingest runs end (p99 ${percentile(getHeard, 99).toFixed(0)} ms); value with ${plan.listeners} clients at the top, ceiling with none`,
      },
    };
  } finally {
    listeners?.kill('SIGKILL');
    await load.stop();
    await stop(served.child);
  }
}
