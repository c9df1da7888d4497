import { episodeDelta } from '../../shared/episode-delta';
import type { Effect } from '../domain/effects';
import type { Engine } from '../domain/engine';
import { toEpisode } from '../domain/views';
import type { EventLog } from '../storage/event-log';

interface Row {
  at: number;
  kind: 'input' | 'effect';
  type: string;
  data: unknown;
}

/**
 * The episode changes in the events log, and ticks. They are derived (a restart rebuilds the state
 * from the inputs alone, and a tick's catch-up is done again by the next input), so they are written
 * after the step, without a sync of their own: the next input's commit syncs them too. If the write
 * fails they wait here, in order, until it works.
 */
export class EffectJournal {
  private readonly pathLogged = new Map<string, number>();
  private pending: Row[] = [];

  constructor(private readonly log: EventLog) {}

  get waiting(): number {
    return this.pending.length;
  }

  /** Turn the step's episode effects into rows, as the episodes stand now. */
  record(effects: readonly Effect[], engine: Engine): void {
    for (const effect of effects) {
      if (effect.type !== 'episode') continue;
      const episode = toEpisode(engine, effect.episode);
      this.pending.push({ at: effect.at, kind: 'effect', type: `episode.${effect.change}`, data: episodeDelta(episode, this.pathLogged.get(episode.id) ?? 0) });
      this.pathLogged.set(episode.id, episode.path.length);
    }
  }

  /**
   * A tick, after the effects it caused: what fell due is the same whenever it is applied (each stamped
   * at its own due time), so it is stepped first and logged after, and the log reads in time order.
   */
  recordTick(at: number): void {
    this.pending.push({ at, kind: 'input', type: 'tick', data: { type: 'tick' } });
  }

  /** Write what waits; throws (keeping it) when the store refuses. */
  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.log.relaxed(() => {
      for (const row of rows) this.log.append(row.at, row.kind, row.type, row.data);
    });
    this.pending = this.pending.slice(rows.length);
  }
}
