import { performance } from 'node:perf_hooks';
import type { Effect } from '../domain/effects';
import { Engine, type EngineInput } from '../domain/engine';
import { SNAPSHOT_FORMAT } from '../domain/snapshot';
import { decodeEngine } from '../domain/snapshot-codec';
import type { EventLog } from '../storage/event-log';
import type { SnapshotStore } from '../storage/snapshots';
import type { Replayed } from './opsroom-options';

export interface Restored {
  /** Null when nothing is logged yet: a new database starts from the configuration. */
  engine: Engine | null;
  replayed: Replayed;
  /** How long the replay took (not the loading of the checkpoint). */
  replayMs: number;
  /** The episode changes of inputs after `journaledThrough`, to be journaled again. */
  unjournaled: Effect[];
}

/** The latest checkpoint plus every input logged after it, through the same engine as live running. */
export function restoreEngine(log: EventLog, snapshots: SnapshotStore, journaledThrough = Infinity): Restored {
  const saved = snapshots.latest(SNAPSHOT_FORMAT);
  const compacted = log.compactedThrough();
  if (compacted > (saved?.seq ?? 0)) {
    throw new Error(`the log's readings were compacted through event ${compacted} (OPSROOM_RETAIN), and no checkpoint of format ${SNAPSHOT_FORMAT} covers them: start the version that wrote it`);
  }
  let engine: Engine | null = saved ? decodeEngine(saved.state) : null;
  const loaded = performance.now();
  const replayed: Replayed = { inputs: 0, readings: 0, fromSeq: saved?.seq ?? 0, ms: 0 };
  const unjournaled: Effect[] = [];
  for (const event of log.inputs(saved?.seq ?? 0)) {
    const input = event.data as EngineInput;
    replayed.inputs++;
    if (input.type === 'readings') replayed.readings += input.readings.length;
    if (!engine) {
      if (input.type !== 'policy') throw new Error(`the event log does not start with a policy (event ${event.seq})`);
      engine = new Engine(input.config, 1);
      continue;
    }
    const { effects } = engine.step(input, event.at);
    // Only episode changes are journaled; an input that made none moves no mark, so many may follow it.
    if (event.seq > journaledThrough) unjournaled.push(...effects.filter((effect) => effect.type === 'episode'));
  }
  return { engine, replayed, replayMs: engine ? performance.now() - loaded : 0, unjournaled };
}
