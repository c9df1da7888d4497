import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerInput } from './whatif-worker';

/**
 * The worker is TypeScript like the rest of the server: a two-line bootstrap registers tsx's CommonJS
 * hook in the new thread, then loads it. The same under `tsx` (npm start, the commands) and under jest,
 * whose own transform does not reach a worker thread.
 */
const TSX = require.resolve('tsx/cjs/api');
const ENTRY = join(__dirname, 'whatif-worker.ts');
const BOOTSTRAP = `require(${JSON.stringify(TSX)}).register(); require(${JSON.stringify(ENTRY)});`;

export function startWhatifWorker(input: WorkerInput): Worker {
  return new Worker(BOOTSTRAP, { eval: true, workerData: input });
}
