/**
 * A what-if job's thread (started by whatif-thread.ts): its own read-only connection to the database
 * file, so the run can read the log and checkpoints while the live room writes, and can write nothing.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { EventLog } from '../storage/event-log';
import { SnapshotStore } from '../storage/snapshots';
import { AppError } from './errors';
import { runWhatif, type WhatifRunOptions, type WhatifSpan } from './whatif-run';

export interface WorkerInput {
  dbPath: string;
  span: WhatifSpan;
  options: Omit<WhatifRunOptions, 'onProgress' | 'clock'>;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReturnType<typeof runWhatif>['result'] }
  | { type: 'failed'; error: string };

const port = parentPort!;
const { dbPath, span, options } = workerData as WorkerInput;
const send = (message: WorkerMessage) => port.postMessage(message);
let db: Database.Database | null = null;
try {
  db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const run = runWhatif(new EventLog(db), new SnapshotStore(db), span, { ...options, onProgress: (done, total) => send({ type: 'progress', done, total }) });
  send({ type: 'done', result: run.result });
} catch (error) {
  send({ type: 'failed', error: error instanceof AppError ? error.message : `the what-if failed: ${(error as Error).message}` });
} finally {
  db?.close();
}
