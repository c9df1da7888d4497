import { Worker } from 'node:worker_threads';

/**
 * A worker thread running one of the server's TypeScript files: a two-line bootstrap registers tsx's
 * CommonJS hook in the new thread, then loads the file. The same under `tsx` (npm start, the commands)
 * and under jest, whose own transform does not reach a worker thread.
 */
const TSX = require.resolve('tsx/cjs/api');

export function startTsWorker(entry: string, workerData: unknown): Worker {
  const bootstrap = `require(${JSON.stringify(TSX)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData });
}
