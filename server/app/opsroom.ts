import type { DataQualityFinding, DataQualityView, Episode, EpisodeList, NodeView, Reading, Series } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from '../domain/effects';
import { Engine, type EngineInput, type StepResult } from '../domain/engine';
import { checkFinding, FINDING_SKEW_MS } from '../domain/findings';
import { engineFromSnapshot, snapshotOf, SNAPSHOT_FORMAT, type EngineSnapshot } from '../domain/snapshot';
import { dataQuality, episodeList, listEpisodes, nodeView, seriesView, toEpisode, type EpisodeFilter } from '../domain/views';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { SnapshotStore } from '../storage/snapshots';
import { TokenStore } from '../storage/tokens';
import { AppError } from './errors';

export interface OpsroomOptions {
  config: Config;
  dbPath: string;
  /** Take a snapshot after this many logged inputs (restart replays at most that many). */
  snapshotEvery?: number;
  /** The engine's clock; 'frozen' holds it where the log ends (to review a backfilled history). */
  clock?: (() => number) | 'frozen';
}

export interface EpisodeAct {
  by: string;
  now?: number;
  /** Throws (403) when the actor may not act on the episode as it stands after catching up. */
  authorize?: (episode: Episode) => void;
}

export type EffectListener = (effects: readonly Effect[], engine: Engine) => void;

/** The use-cases: every change goes through the engine and into the log in one transaction. */
export class Opsroom {
  engine: Engine;
  readonly db: Db;
  readonly log: EventLog;
  readonly tokens: TokenStore;
  private readonly snapshots: SnapshotStore;
  private readonly listeners = new Set<EffectListener>();
  private inputsSinceSnapshot = 0;
  private readonly snapshotEvery: number;
  clock: () => number;
  /** The clock is held where the log ends: a history, not the present. */
  readonly clockFrozen: boolean;

  constructor(private readonly options: OpsroomOptions) {
    this.clock = typeof options.clock === 'function' ? options.clock : Date.now;
    this.clockFrozen = options.clock === 'frozen';
    this.snapshotEvery = options.snapshotEvery ?? 2000;
    this.db = openDatabase(options.dbPath);
    this.log = new EventLog(this.db);
    this.snapshots = new SnapshotStore(this.db);
    this.tokens = new TokenStore(this.db);
    this.engine = this.restore();
    if (options.clock === 'frozen') {
      const held = Number.isFinite(this.engine.state.now) ? this.engine.state.now : Date.now();
      this.clock = () => held;
    }
    const now = this.clock();
    if (JSON.stringify(this.engine.policy.config) !== JSON.stringify(options.config)) this.apply({ type: 'policy', config: options.config }, now);
    this.tick(now); // escalations that fell due while stopped, stamped at their own deadlines
  }

  onEffects(listener: EffectListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Readings, all or nothing. Refuses (422) what the policy does not know, then asks `authorize` (whose
   * unit it is, 403); duplicates change nothing.
   */
  ingest(readings: Reading[], now: number = this.clock(), authorize?: (readings: Reading[]) => void): { accepted: number; duplicates: number; stale: number } {
    const issues = this.engine.check(readings);
    if (issues.length > 0) {
      throw new AppError(422, 'unprocessable', issues[0]!.message, issues.map((issue) => ({ path: `readings.${issue.index}.${issue.field}`, message: issue.message })));
    }
    authorize?.(readings);
    const result = this.apply({ type: 'readings', readings }, now);
    return { accepted: result.accepted, duplicates: result.duplicates, stale: result.stale };
  }

  /**
   * Published totals that differ from the sums (data quality), all or nothing: each must name a node
   * with members and a known indicator, differ, be for a period that has begun, and (a count) not be
   * negative (checkFinding; 422 naming the field).
   */
  recordFindings(findings: DataQualityFinding[], now: number = this.clock()): { accepted: number } {
    const issues = findings.flatMap((finding, index) => {
      const check = checkFinding(this.engine.policy, finding, now, FINDING_SKEW_MS);
      return check.reason === 'ok' ? [] : [{ path: `findings.${index}.${check.field}`, message: check.message }];
    });
    if (issues.length > 0) throw new AppError(422, 'unprocessable', issues[0]!.message, issues);
    return { accepted: this.apply({ type: 'findings', findings }, now).accepted };
  }

  /** GET /api/findings: an unknown node or indicator is a 404 naming the field. */
  dataQuality(filter: { node?: string; indicator?: string }): DataQualityView[] {
    if (filter.node !== undefined && !this.engine.policy.hierarchy.has(filter.node)) throw new AppError(404, 'not_found', `no node "${filter.node}"`, [{ path: 'node', message: 'unknown node' }]);
    if (filter.indicator !== undefined && !this.engine.policy.indicators.has(filter.indicator)) {
      throw new AppError(404, 'not_found', `no indicator "${filter.indicator}"`, [{ path: 'indicator', message: 'unknown indicator' }]);
    }
    return dataQuality(this.engine, filter);
  }

  acknowledge(episodeId: string, act: EpisodeAct & { note: string | null }): Episode {
    return this.episodeInput({ type: 'acknowledge', episode: episodeId, by: act.by, note: act.note }, act);
  }

  note(episodeId: string, act: EpisodeAct & { note: string }): Episode {
    return this.episodeInput({ type: 'note', episode: episodeId, by: act.by, note: act.note }, act);
  }

  /** Apply what fell due (deadlines, grace periods), stamped at their own times; logged as a tick input. */
  tick(now: number = this.clock()): void {
    const due = this.engine.nextDue();
    if (due === null || due >= now) return;
    this.apply({ type: 'tick' }, now);
  }

  nextDue(): number | null {
    return this.engine.nextDue();
  }

  episode(id: string): Episode {
    const found = this.engine.state.episodes.get(id);
    if (!found) throw new AppError(404, 'not_found', `no episode "${id}"`);
    return toEpisode(this.engine, found);
  }

  episodes(filter: EpisodeFilter = {}): Episode[] {
    if (filter.node !== undefined) this.requireNode(filter.node);
    return listEpisodes(this.engine, filter);
  }

  /** GET /api/episodes: bounded by `limit` when given. */
  episodeList(filter: EpisodeFilter = {}, limit?: number): EpisodeList {
    if (filter.node !== undefined) this.requireNode(filter.node);
    return episodeList(this.engine, filter, limit);
  }

  nodeView(id: string): NodeView {
    this.requireNode(id);
    return nodeView(this.engine, id);
  }

  series(node: string, indicator: string, from?: number, to?: number): Series {
    this.requireNode(node);
    if (!this.engine.policy.indicators.has(indicator)) throw new AppError(404, 'not_found', `no indicator "${indicator}"`, [{ path: 'indicator', message: 'unknown indicator' }]);
    return seriesView(this.engine, node, indicator, from, to);
  }

  /** The configuration of policy version `version` (1 is the first), as it was logged. */
  policy(version: number): { version: number; since: string; config: Config } {
    const found = this.log.policy(version);
    if (!found) throw new AppError(404, 'not_found', `no policy version ${version}; the latest is ${this.engine.policy.version}`);
    return { version, since: new Date(found.at).toISOString(), config: (found.data as { config: Config }).config };
  }

  eventCount(): number {
    return this.log.count();
  }

  snapshot(): void {
    const seq = this.log.lastSeq();
    this.snapshots.save(seq, this.engine.state.now, SNAPSHOT_FORMAT, JSON.stringify(snapshotOf(this.engine)));
    this.inputsSinceSnapshot = 0;
  }

  /** A snapshot only shortens the next restart: failing to take one must never fail a committed request. */
  private trySnapshot(): void {
    try {
      this.snapshot();
    } catch (error) {
      this.inputsSinceSnapshot = 0; // try again after as many inputs, not on every request
      console.error(`opsroom: snapshot failed (the log is intact; the next restart replays more): ${(error as Error).message}`);
    }
  }

  close(): void {
    if (this.inputsSinceSnapshot > 0) this.trySnapshot();
    this.db.close();
  }

  requireNode(id: string): void {
    if (!this.engine.policy.hierarchy.has(id)) throw new AppError(404, 'not_found', `no node "${id}"`);
  }

  /** Scope is judged on who holds the episode now: what fell due is applied (as a tick) before `authorize` sees it. */
  private episodeInput(input: Extract<EngineInput, { type: 'acknowledge' | 'note' }>, act: EpisodeAct): Episode {
    const now = act.now ?? this.clock();
    this.tick(now);
    act.authorize?.(this.episode(input.episode));
    const result = this.apply(input, now);
    if (result.refused === 'not-in-policy') throw new AppError(409, 'conflict', `episode ${input.episode} belongs to a node or indicator the configuration no longer has`);
    if (result.refused) throw new AppError(409, 'conflict', `episode ${input.episode} is resolved; it can no longer be acknowledged`);
    return toEpisode(this.engine, result.episode!);
  }

  /** One input: logged, applied and its effects logged in one transaction; published after commit. */
  private apply(input: EngineInput, now: number): StepResult {
    let result: StepResult;
    try {
      result = this.log.transaction(() => {
        // What fell due before this input is logged before it, so the log reads in time order.
        const caughtUp = this.engine.advance(now);
        this.logEffects(caughtUp);
        const stepped = this.engine.step(input, now);
        stepped.effects.unshift(...caughtUp);
        const changed = input.type === 'readings' ? stepped.accepted > 0 : input.type !== 'tick' || caughtUp.length > 0;
        if (changed && !stepped.refused) this.log.append(this.engine.state.now, 'input', input.type, input);
        // An input that changed nothing itself may still have caught up what fell due: log that as a tick,
        // so a restart applies it once, at the same time, rather than again later.
        else if (caughtUp.length > 0) this.log.append(this.engine.state.now, 'input', 'tick', { type: 'tick' });
        this.logEffects(stepped.effects.slice(caughtUp.length));
        return stepped;
      });
    } catch (error) {
      this.engine = this.restore(); // memory may be ahead of the log: rebuild it from what was committed
      throw error;
    }
    if (result.accepted > 0 || result.effects.length > 0) this.inputsSinceSnapshot++;
    this.publish(result.effects);
    if (this.inputsSinceSnapshot >= this.snapshotEvery) this.trySnapshot();
    return result;
  }

  private logEffects(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.type !== 'episode') continue;
      this.log.append(effect.at, 'effect', `episode.${effect.change}`, toEpisode(this.engine, effect.episode));
    }
  }

  private publish(effects: readonly Effect[]): void {
    if (effects.length === 0) return;
    for (const listener of this.listeners) listener(effects, this.engine);
  }

  /** The latest snapshot plus every input logged after it; a new database starts from the configuration. */
  private restore(): Engine {
    const saved = this.snapshots.latest(SNAPSHOT_FORMAT);
    let engine: Engine | null = saved ? engineFromSnapshot(JSON.parse(saved.state) as EngineSnapshot) : null;
    for (const event of this.log.inputs(saved?.seq ?? 0)) {
      const input = event.data as EngineInput;
      if (!engine) {
        if (input.type !== 'policy') throw new Error(`the event log does not start with a policy (event ${event.seq})`);
        engine = new Engine(input.config, 1);
        continue;
      }
      engine.step(input, event.at);
    }
    if (engine) return engine;
    const fresh = new Engine(this.options.config, 1);
    const at = this.clock();
    this.log.append(at, 'input', 'policy', { type: 'policy', config: this.options.config });
    fresh.advance(at);
    return fresh;
  }
}

export function openOpsroom(options: OpsroomOptions): Opsroom {
  return new Opsroom(options);
}
