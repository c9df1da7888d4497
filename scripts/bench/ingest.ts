/**
 * ingest_batch and ingest_single: the real server (its own process, a fresh database) and the
 * ceiling server (raw node:http + JSON.parse + the zod schema, its own process) loaded by the same
 * load generator process over keep-alive connections, run after run in turn so both see the same
 * machine. Each target gets fresh readings every run (a repeat would be a cheap duplicate).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { benchConfig } from './network';
import { ADMIN, forkListening, launchServer, startLoad, stop } from './processes';
import { median, shareOf, type Figure } from './results';

export interface IngestPlan {
  runs: number;
  /** How long each measured run loads its target. */
  runMs: number;
  /** Bodies ready per run: more than the fastest target gets through in runMs. */
  batchBodies: number;
  singleBodies: number;
}

type Load = ReturnType<typeof startLoad>;

interface Target {
  url: string;
  token?: string;
  /** The next unused reading number. */
  cursor: number;
}

async function measure(load: Load, target: Target, size: number, bodies: number, concurrency: number, maxMs: number): Promise<number> {
  const answer = await load.run({ url: target.url, token: target.token, spec: { from: target.cursor, count: bodies, size }, concurrency, maxMs });
  target.cursor += answer.requests * size;
  return (answer.requests * size) / answer.seconds;
}

/** Runs `runs` times on each target in turn after a short warm-up, the median per target (readings/s). */
async function sideBySide(load: Load, targets: Target[], size: number, bodies: number, concurrency: number, plan: IngestPlan): Promise<number[]> {
  for (const target of targets) await measure(load, target, size, bodies, concurrency, Math.min(500, plan.runMs));
  const rates: number[][] = targets.map(() => []);
  for (let run = 0; run < plan.runs; run++) {
    for (const [i, target] of targets.entries()) rates[i]!.push(await measure(load, target, size, bodies, concurrency, plan.runMs));
  }
  return rates.map(median);
}

export async function ingestFigures(root: string, plan: IngestPlan, say: (line: string) => void): Promise<Record<string, Figure>> {
  const load = startLoad();
  const ceilingProcess = await forkListening('ceiling-server.ts');
  const children: ChildProcess[] = [ceilingProcess.child];
  const figures: Record<string, Figure> = {};
  const ceiling: Target = { url: ceilingProcess.url, cursor: 0 };
  const runsNote = `median of ${plan.runs} run${plan.runs > 1 ? 's' : ''} of ${plan.runMs / 1000} s`;
  try {
    for (const detectors of ['threshold', 'cyberstride'] as const) {
      const dir = mkdtempSync(join(root, `ingest-${detectors}-`));
      const served = await launchServer(dir, benchConfig(detectors));
      children.push(served.child);
      const server: Target = { url: served.url, token: ADMIN, cursor: 0 };
      say(`ingest, ${detectors}: 1000-reading batches, 2 in flight`);
      const [value, top] = await sideBySide(load, [server, ceiling], 1000, plan.batchBodies, 2, plan);
      figures[`ingest_batch_${detectors}`] = shareOf(value!, top!, 'readings/s', detectors === 'threshold' ? 0.5 : 0.25,
        `210 units, 1000-reading batches, 2 in flight; ceiling: raw node:http + JSON.parse + zod; ${runsNote}`);
      if (detectors === 'threshold') {
        for (const concurrency of [10, 50]) {
          say(`ingest, single POSTs at c=${concurrency}`);
          const [single, singleTop] = await sideBySide(load, [server, ceiling], 1, plan.singleBodies, concurrency, plan);
          figures[`ingest_single_c${concurrency}`] = shareOf(single!, singleTop!, 'requests/s', 0.5,
            `one reading a POST, ${concurrency} in flight, thresholds; ceiling: raw node:http + JSON.parse + zod; ${runsNote}`);
        }
      }
      await stop(served.child);
    }
  } finally {
    await load.stop();
    for (const child of children) await stop(child);
  }
  return figures;
}
