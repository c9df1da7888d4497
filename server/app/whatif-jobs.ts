import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../../shared/config';
import type { WhatifBody, WhatifJob } from '../../shared/contract/planning';
import { SNAPSHOT_FORMAT } from '../domain/snapshot';
import { applyWhatifPolicy } from '../domain/whatif-policy';
import type { EventLog } from '../storage/event-log';
import type { SnapshotStore } from '../storage/snapshots';
import { AppError } from './errors';
import { runWhatif, type WhatifSpan } from './whatif-run';
import { startWhatifWorker } from './whatif-thread';
import type { WorkerMessage } from './whatif-worker';

export interface WhatifLimits {
  /**
   * A what-if whose replay (workOf) is at most this many characters of logged input runs at once and
   * is answered 200; a longer one runs as a job in a worker thread (202). Replay goes at 1.2 to 1.8
   * million characters a second on these machines (npm run bench:whatif): this is under a second.
   */
  inlineChars: number;
  /** Jobs running at once; one more is refused (503) until one ends. */
  maxRunning: number;
  /** Finished jobs kept for GET /api/whatif/:id; the oldest is let go first. */
  maxKept: number;
}

export const DEFAULT_WHATIF_LIMITS: WhatifLimits = { inlineChars: 1_000_000, maxRunning: 2, maxKept: 20 };

/** What the jobs read of the live room: never its engine itself, only its time, policy and the log. */
export interface WhatifSource {
  dbPath: string;
  log: EventLog;
  snapshots: SnapshotStore;
  liveNow(): number;
  liveConfig(): Config;
}

interface Entry {
  job: WhatifJob;
  worker: Worker | null;
}

/** Loading a byte of stored (compressed) checkpoint costs about as much as replaying two characters of logged input. */
const CHECKPOINT_BYTE_COST = 2;

/**
 * POST /api/whatif and its jobs. A database file: a long span runs in a worker thread with its own
 * read-only connection. In memory (tests, a throwaway demo) there is no file another thread could
 * open, so every what-if runs at once on the room's own connection (reads only), whatever its length.
 */
export class WhatifJobs {
  private readonly entries = new Map<string, Entry>();
  readonly limits: WhatifLimits;

  constructor(private readonly source: WhatifSource, limits: Partial<WhatifLimits> = {}) {
    this.limits = { ...DEFAULT_WHATIF_LIMITS, ...limits };
  }

  start(body: WhatifBody): { status: 200 | 202; job: WhatifJob } {
    // Refused before anything runs, against the policy in force now (a run refuses again if a policy in the span cannot take it).
    const checked = applyWhatifPolicy(this.source.liveConfig(), body.policy);
    if (!checked.ok) throw new AppError(422, 'unprocessable', `${checked.issues[0]!.path}: ${checked.issues[0]!.message}`, checked.issues);
    const span: WhatifSpan = { from: Date.parse(body.from), to: Date.parse(body.to), policy: body.policy };
    const options = { throughSeq: this.source.log.lastSeq(), until: this.source.liveNow() };
    if (this.source.dbPath === ':memory:' || this.workOf(span, options.until, this.limits.inlineChars) <= this.limits.inlineChars) {
      const { result } = runWhatif(this.source.log, this.source.snapshots, span, options);
      return { status: 200, job: this.keep({ job: { id: randomUUID(), status: 'done', progress: 1, result }, worker: null }).job };
    }
    if (this.running() >= this.limits.maxRunning) {
      throw new AppError(503, 'busy', `${this.limits.maxRunning} what-if jobs are running already; try again when one ends (or cancel one with DELETE /api/whatif/:id)`, undefined, 10);
    }
    const entry = this.keep({ job: { id: randomUUID(), status: 'running', progress: 0 }, worker: null });
    const worker = startWhatifWorker({ dbPath: this.source.dbPath, span, options });
    entry.worker = worker;
    const finish = (job: Partial<WhatifJob>) => {
      if (entry.job.status !== 'running') return;
      entry.job = { ...entry.job, ...job };
      entry.worker = null;
      this.trim();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') entry.job = { ...entry.job, progress: message.total === 0 ? 0 : Math.min(1, message.done / message.total) };
      else if (message.type === 'done') finish({ status: 'done', progress: 1, result: message.result });
      else finish({ status: 'failed', error: message.error });
    });
    worker.on('error', (error) => finish({ status: 'failed', error: `the what-if failed: ${error.message}` }));
    worker.on('exit', (code) => finish({ status: 'failed', error: `the what-if's thread stopped (exit code ${code}) before it finished` }));
    return { status: 202, job: entry.job };
  }

  get(id: string): WhatifJob {
    return this.entry(id).job;
  }

  /** A running job is stopped (its thread terminated) and kept as cancelled; a finished one is as it was. */
  cancel(id: string): WhatifJob {
    const entry = this.entry(id);
    if (entry.job.status === 'running') {
      const worker = entry.worker;
      entry.job = { ...entry.job, status: 'cancelled' };
      entry.worker = null;
      void worker?.terminate();
      this.trim();
    }
    return entry.job;
  }

  /**
   * The characters of input a run replays: from the checkpoint to `from` once (the seek), and the
   * span twice (both runs); counted only as far as `cap` (the answer is then "more"). Replay time goes
   * with them far more than with the count of inputs (a tick is nothing, a batch of 10,000 readings a
   * lot); loading the checkpoint is counted by its stored size too, in characters of input replay that
   * cost as much.
   */
  workOf(span: WhatifSpan, until: number, cap = Number.POSITIVE_INFINITY): number {
    const { log, snapshots } = this.source;
    const start = log.firstInputFrom(span.from);
    const end = log.firstInputFrom(Math.min(span.to, until) + 1);
    const checkpoint = snapshots.sizeAtOrBefore(SNAPSHOT_FORMAT, span.from - 1);
    const seek = (checkpoint?.bytes ?? 0) * CHECKPOINT_BYTE_COST + log.inputChars(checkpoint?.seq ?? 0, start, cap);
    return seek > cap ? seek : seek + 2 * log.inputChars(start - 1, end, (cap - seek) / 2);
  }

  running(): number {
    return [...this.entries.values()].filter((entry) => entry.job.status === 'running').length;
  }

  /** Stops every running job (the room is closing). */
  close(): void {
    for (const entry of this.entries.values()) if (entry.job.status === 'running') this.cancel(entry.job.id);
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError(404, 'not_found', `no what-if job "${id}" (finished jobs are kept ${this.limits.maxKept} at a time)`);
    return entry;
  }

  private keep(entry: Entry): Entry {
    this.entries.set(entry.job.id, entry);
    this.trim();
    return entry;
  }

  private trim(): void {
    const finished = [...this.entries.values()].filter((entry) => entry.job.status !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.limits.maxKept))) this.entries.delete(entry.job.id);
  }
}
