import type { Episode } from '../../shared/api';
import { episodeDelta } from '../../shared/episode-delta';
import type { Signal } from '../domain/webhook-body';
import type { Effect } from '../domain/effects';
import type { Engine } from '../domain/engine';
import { toEpisodeOnce } from '../domain/views';
import type { EventLog } from '../storage/event-log';

interface Row {
  at: number;
  kind: 'input' | 'effect';
  type: string;
  data: unknown;
}

/** Who hears an episode outwards (webhooks), and the outbox its signals are written to. */
export interface Outbox {
  signals(episode: Episode): Signal[];
  enqueue(signals: readonly Signal[], now: number): void;
}

/**
 * The episode changes in the events log, and ticks. They are derived (a restart rebuilds the state
 * from the inputs alone, and a tick's catch-up is done again by the next input), so they are written
 * after the step, without a sync of their own: the next input's commit syncs them too. If the write
 * fails they wait here, in order, until it works. The webhook signals the changes owe go to the outbox
 * in the same transaction, and the log remembers that every input so far has its effects written.
 */
export class EffectJournal {
  private readonly pathLogged = new Map<string, number>();
  private pending: Row[] = [];
  private signals: Signal[] = [];

  constructor(private readonly log: EventLog, private readonly outbox?: Outbox, private readonly wallClock: () => number = Date.now) {}

  get waiting(): number {
    return this.pending.length;
  }

  /** Turn the step's episode effects into rows, as the episodes stand now. */
  record(effects: readonly Effect[], engine: Engine): void {
    for (const effect of effects) {
      if (effect.type !== 'episode') continue;
      const episode = toEpisodeOnce(engine, effect);
      this.pending.push({ at: effect.at, kind: 'effect', type: `episode.${effect.change}`, data: episodeDelta(episode, this.pathLogged.get(episode.id) ?? 0) });
      this.pathLogged.set(episode.id, episode.path.length);
      if (this.outbox) this.signals.push(...this.outbox.signals(episode));
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
    if (this.pending.length === 0 && this.signals.length === 0) return;
    const rows = this.pending;
    const signals = this.signals;
    this.log.relaxed(() => {
      for (const row of rows) this.log.append(row.at, row.kind, row.type, row.data);
      this.outbox?.enqueue(signals, this.wallClock());
      this.log.markJournaled();
    });
    this.pending = this.pending.slice(rows.length);
    this.signals = this.signals.slice(signals.length);
  }
}
