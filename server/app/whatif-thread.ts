import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker';
import type { WorkerInput } from './whatif-worker';

export function startWhatifWorker(input: WorkerInput): Worker {
  return startTsWorker(join(__dirname, 'whatif-worker.ts'), input);
}
