import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { SnapshotEvent } from '../../shared/api';
import type { StateAt } from '../../shared/contract/planning';
import { AppError } from './errors';
import type { SeekAnswer, SeekRequest } from './seek-worker';
import type { TimeTravel } from './time-travel';
import { startTsWorker } from './ts-worker';

/** Seeks waiting for the thread beyond this are refused (503): each may take seconds on a long log. */
export const MAX_WAITING_SEEKS = 32;

type Waiting = { resolve(value: unknown): void; reject(error: Error): void };
type Ask = { op: 'state'; at: number } | { op: 'node'; at: number; node: string };

/**
 * GET /api/state and /api/state/nodes/:id: the seek runs in a thread of its own with its own read-only
 * connection (a cold seek replays up to the whole log: seconds on an imported winter, which must not
 * stall the live room, its sockets or its readings). The thread keeps its warm cursor between asks.
 * An in-memory database has no file another thread could open: there the seek runs here, inline.
 */
export class SeekService {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly dbPath: string,
    private readonly inline: TimeTravel,
  ) {}

  stateAt(at: number): Promise<StateAt> {
    return this.ask({ op: 'state', at }) as Promise<StateAt>;
  }

  nodeAt(at: number, node: string): Promise<SnapshotEvent> {
    return this.ask({ op: 'node', at, node }) as Promise<SnapshotEvent>;
  }

  close(): void {
    this.closed = true;
    this.failAll(new AppError(503, 'unavailable', 'the server is shutting down'));
    void this.worker?.terminate();
    this.worker = null;
  }

  private ask(ask: Ask): Promise<unknown> {
    if (this.dbPath === ':memory:') {
      try {
        return Promise.resolve(ask.op === 'state' ? this.inline.stateAt(ask.at) : this.inline.nodeAt(ask.at, ask.node));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    if (this.closed) return Promise.reject(new AppError(503, 'unavailable', 'the server is shutting down'));
    if (this.waiting.size >= MAX_WAITING_SEEKS) {
      return Promise.reject(new AppError(503, 'busy', `${this.waiting.size} seeks are waiting to be rebuilt; ask again shortly`, undefined, 5));
    }
    const id = this.nextId++;
    const request = { id, ...ask } as SeekRequest;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage(request);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startTsWorker(join(__dirname, 'seek-worker.ts'), { dbPath: this.dbPath });
    worker.on('message', (answer: SeekAnswer) => {
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      this.waiting.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new AppError(answer.error.status, answer.error.code, answer.error.message, answer.error.issues));
    });
    // A thread that dies fails what waits on it; the next seek starts a new one.
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new AppError(503, 'unavailable', `the seek thread stopped (${why}); ask again`));
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: AppError): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
