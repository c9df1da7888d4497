import type { SnapshotEvent } from '../../shared/api';
import type { StateAt } from '../../shared/contract/planning';
import { Engine, type EngineInput } from '../domain/engine';
import { SNAPSHOT_FORMAT } from '../domain/snapshot';
import { decodeEngine } from '../domain/snapshot-codec';
import { toIso } from '../domain/time';
import { latestValues, listEpisodes, nodeView } from '../domain/views';
import type { EventLog } from '../storage/event-log';
import type { SnapshotStore } from '../storage/snapshots';
import { AppError } from './errors';

/** A sandbox engine positioned at an instant: the inputs through `seq` applied, and what fell due by `at`. */
export interface Cursor {
  engine: Engine;
  seq: number;
  at: number;
}

/**
 * GET /api/state?at=: the tree as it stood at an instant, rebuilt by the same reducer in a sandbox
 * engine that never touches the live one. A seek starts from the newest checkpoint at or before the
 * instant (or from the kept cursor, when it is nearer and not past the instant), replays the logged
 * inputs up to the instant in order, then applies what fell due by then, as the live scheduler did.
 */
export class TimeTravel {
  private cursor: Cursor | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly snapshots: SnapshotStore,
  ) {}

  stateAt(at: number): StateAt {
    const cursor = this.seek(at);
    const { engine } = cursor;
    const nodes = engine.policy.hierarchy.all().map((node) => ({
      id: node.id,
      values: Object.fromEntries(latestValues(engine, node.id).map((value) => [value.indicator, value])),
    }));
    return { at: toIso(at), policyVersion: engine.policy.version, seq: cursor.seq, nodes, episodes: listEpisodes(engine, { status: 'open' }) };
  }

  /**
   * GET /api/state/nodes/:id?at=: one node as its room saw it at the instant, in the shape of the live
   * snapshot, so the replayed wall is fed by the same reducer as the live one; its clock is held there.
   */
  nodeAt(at: number, node: string): SnapshotEvent {
    const { engine } = this.seek(at);
    if (!engine.policy.hierarchy.has(node)) throw new AppError(404, 'not_found', `no node "${node}" at ${toIso(at)}`, [{ path: 'id', message: 'unknown node then' }]);
    return { ...nodeView(engine, node, 'open'), at: toIso(at), clock: 'frozen' };
  }

  /**
   * A sandbox engine at `at` that the caller may run on (a what-if): the seek's cursor, handed over,
   * so the next seek starts afresh and never from an engine someone else moved.
   */
  take(at: number): Cursor {
    const cursor = this.seek(at);
    this.cursor = null;
    return cursor;
  }

  private seek(at: number): Cursor {
    // Where the checkpoint is, first: its state is read (and decompressed) only when the seek starts from it.
    const nearest = this.snapshots.sizeAtOrBefore(SNAPSHOT_FORMAT, at);
    const base = nearest ? this.log.lastInputThrough(nearest.seq) : 0;
    const warm = this.cursor !== null && this.cursor.at <= at && this.cursor.seq >= base ? this.cursor : null;
    let cursor: Cursor | null = warm;
    const saved = cursor || !nearest ? null : this.snapshots.latestAtOrBefore(SNAPSHOT_FORMAT, at);
    // The seq answered is the last input applied, whichever checkpoint the seek started from (a checkpoint's
    // own seq may be an effect row after it): the same instant gives the same answer before and after one is taken.
    if (saved) cursor = { engine: decodeEngine(saved.state), seq: saved.seq === nearest?.seq ? base : this.log.lastInputThrough(saved.seq), at: saved.at };
    if (!cursor && this.log.compactedThrough() > 0) {
      throw new AppError(404, 'not_found', `at: the readings before ${toIso(at)} are no longer kept (OPSROOM_RETAIN) and no checkpoint covers that instant`);
    }
    // Not the cursor object itself until it is positioned: a failure part way must not leave it half moved.
    this.cursor = null;
    for (const event of this.log.inputs(cursor?.seq ?? 0)) {
      if (event.at > at) break;
      const input = event.data as EngineInput;
      if (!cursor) {
        if (input.type !== 'policy') throw new Error(`the event log does not start with a policy (event ${event.seq})`);
        cursor = { engine: new Engine(input.config, 1), seq: event.seq, at: event.at };
        continue;
      }
      cursor.engine.step(input, event.at);
      cursor.seq = event.seq;
    }
    if (!cursor) throw new AppError(404, 'not_found', `at: nothing was logged by ${toIso(at)}; the log starts later`);
    cursor.engine.advance(at);
    cursor.at = at;
    this.cursor = cursor;
    return cursor;
  }
}
