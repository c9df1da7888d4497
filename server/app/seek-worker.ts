/**
 * The planners' seek thread (started by seek-service.ts): its own read-only connection and its own
 * sandbox engine, so rebuilding a past instant (seconds, on a long winter) never holds up the live room.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { EventLog } from '../storage/event-log';
import { SnapshotStore } from '../storage/snapshots';
import { AppError } from './errors';
import { TimeTravel } from './time-travel';

export type SeekRequest = { id: number; op: 'state'; at: number } | { id: number; op: 'node'; at: number; node: string };
export type SeekAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { status: number; code: string; message: string; issues?: Array<{ path: string; message: string }> } };

const port = parentPort!;
const db = new Database((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const travel = new TimeTravel(new EventLog(db), new SnapshotStore(db));

port.on('message', (request: SeekRequest) => {
  try {
    const value = request.op === 'state' ? travel.stateAt(request.at) : travel.nodeAt(request.at, request.node);
    port.postMessage({ id: request.id, ok: true, value } satisfies SeekAnswer);
  } catch (error) {
    const known = error instanceof AppError;
    port.postMessage({
      id: request.id, ok: false,
      error: known ? { status: error.status, code: error.code, message: error.message, issues: error.issues } : { status: 500, code: 'internal', message: `the seek failed: ${(error as Error).message}` },
    } satisfies SeekAnswer);
  }
});
