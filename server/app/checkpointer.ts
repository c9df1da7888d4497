import type { Engine } from '../domain/engine';
import { SNAPSHOT_FORMAT } from '../domain/snapshot';
import { encodeEngine } from '../domain/snapshot-codec';
import type { Logger } from '../observe/logger';
import type { EventLog } from '../storage/event-log';
import type { SnapshotStore } from '../storage/snapshots';
import { checkpointDue, type CheckpointLimits, type SinceCheckpoint } from './checkpoint-rule';
import type { EffectJournal } from './effect-journal';
import { checkpointsToKeep } from './retention';
import type { StoreHealth } from './store-health';

export interface CheckpointerParts {
  log: EventLog;
  snapshots: SnapshotStore;
  journal: EffectJournal;
  store: StoreHealth;
  logger: Pick<Logger, 'error'>;
  limits: CheckpointLimits;
  retainMs: number | null;
  /** The live engine (it is replaced after a bug's rebuild, so asked for each time). */
  engine: () => Engine;
  closed: () => boolean;
}

/**
 * When and how the live room takes its checkpoints: counted since the last one (from what the start
 * replayed, so the same across restarts), taken off the request path, kept as retention and the seek
 * ladder say, and never failing a committed request.
 */
export class Checkpointer {
  private since: { inputs: number; readings: number; checkpointAt: number };
  private queued = false;
  private retryAt = 0;

  constructor(private readonly parts: CheckpointerParts, replayed: { inputs: number; readings: number }) {
    this.since = { inputs: replayed.inputs, readings: replayed.readings, checkpointAt: Date.now() };
  }

  /** A logged input (and its readings) since the last checkpoint. */
  counted(readings: number): void {
    this.since.inputs++;
    this.since.readings += readings;
  }

  sinceCheckpoint(): SinceCheckpoint {
    return { inputs: this.since.inputs, readings: this.since.readings, ageMs: Date.now() - this.since.checkpointAt };
  }

  take(): void {
    const { journal, log, snapshots } = this.parts;
    journal.flush(); // never a checkpoint past effects not yet written: a restart would not journal them again
    const engine = this.parts.engine();
    const seq = log.lastSeq();
    const at = engine.state.now;
    snapshots.save(seq, at, SNAPSHOT_FORMAT, encodeEngine(engine));
    this.since = { inputs: 0, readings: 0, checkpointAt: Date.now() };
    const kept = checkpointsToKeep(snapshots.list(), at, this.parts.retainMs, this.parts.limits.ladder);
    snapshots.keepOnly(kept.keep);
    if (kept.base !== null && kept.base > log.compactedThrough()) log.compactReadings(kept.base);
  }

  ifDue(): void {
    if (checkpointDue(this.sinceCheckpoint(), this.parts.limits).due) this.tryTake();
  }

  /** A checkpoint only shortens the next restart: failing to take one must never fail a committed request. */
  tryTake(): void {
    if (this.parts.closed() || Date.now() < this.retryAt) return;
    try {
      this.take();
    } catch (error) {
      this.retryAt = Date.now() + 30_000; // not on every request while the disk is full
      this.parts.store.failed(error, Date.now());
      this.parts.logger.error({ err: error }, 'opsroom: snapshot failed (the log is intact; the next restart replays more)');
    }
  }

  /** On the next turn of the event loop (after the answer), when one is due or `anyway`. */
  queue(anyway = false): void {
    if (this.queued || !(anyway || checkpointDue(this.sinceCheckpoint(), this.parts.limits).due)) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      this.tryTake();
    });
  }
}
