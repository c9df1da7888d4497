import { performance } from 'node:perf_hooks';
import type { DataQualityFinding, DataQualityView, Episode, NodeView, Reading, Series } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from '../domain/effects';
import { Engine, type EngineInput, type StepResult } from '../domain/engine';
import { checkFinding, FINDING_SKEW_MS } from '../domain/findings';
import { TimeTravel } from './time-travel';
import { SeekService } from './seek-service';
import { WhatifJobs } from './whatif-jobs';
import { episodePage, openFirst, type EpisodePage, type EpisodePageBounds } from '../domain/episode-pages';
import { dataQuality, listEpisodes, nodeView, seriesView, toEpisode, type EpisodeFilter } from '../domain/views';
import { MAX_NOTES_PER_EPISODE } from '../domain/episodes/notes';
import { planInput } from '../domain/plan';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { SnapshotStore } from '../storage/snapshots';
import { TokenStore } from '../storage/tokens';
import { acquireWriterLock, recordLockHolder, type WriterLock } from '../storage/writer-lock';
import { DEFAULT_CHECKPOINT_LIMITS, type SinceCheckpoint } from './checkpoint-rule';
import { Checkpointer } from './checkpointer';
import { LONG_START_MS, policyOf, type EffectListener, type EpisodeAct, type OpsroomOptions, type Replayed } from './opsroom-options';
import { restoreEngine, type Restored } from './restore';
import type { ClockReport } from './clock';
import { EffectJournal } from './effect-journal';
import { AppError } from './errors';
import { isStorageError, storageRefusal, StoreHealth, type StoreStatus } from './store-health';
import { createLogger, type Logger } from '../observe/logger';
import { Webhooks } from './webhooks';

export type { EffectListener, EpisodeAct, OpsroomOptions, Replayed } from './opsroom-options';

/** The use-cases: every change goes through the engine and into the log in one transaction. */
export class Opsroom {
  engine: Engine;
  readonly db: Db;
  readonly log: EventLog;
  readonly tokens: TokenStore;
  readonly store = new StoreHealth();
  /** What the start of this process replayed. */
  readonly replayed: Replayed;
  private readonly snapshots: SnapshotStore;
  /** The planners' seek (GET /api/state?at=): a sandbox engine of its own. */
  readonly timeTravel: TimeTravel;
  /** The same seek off the event loop (a thread of its own), as the HTTP routes ask it. */
  readonly seeks: SeekService;
  /** The planners' what-if reruns (POST /api/whatif): sandbox engines, in worker threads for long spans. */
  readonly whatif: WhatifJobs;
  private readonly journal: EffectJournal;
  /** Receivers, the outbox and the delivery log (server/app/webhook-delivery.ts delivers). */
  readonly webhooks: Webhooks;
  private readonly listeners = new Set<EffectListener>();
  private readonly lock: WriterLock | null;
  private readonly checkpoints: Checkpointer;
  private closed = false;
  clock: () => number;
  /** The clock is held where the log ends: a history, not the present. */
  readonly clockFrozen: boolean;

  /** Failures that fail no request (told once, not per request): the given logger, else errors as JSON on stdout. */
  private readonly logger: Pick<Logger, 'error'>;

  constructor(private readonly options: OpsroomOptions) {
    this.logger = options.logger ?? createLogger('error');
    this.clock = typeof options.clock === 'function' ? options.clock : Date.now;
    this.clockFrozen = options.clock === 'frozen';
    this.lock = options.lock ?? (options.dbPath === ':memory:' ? null : acquireWriterLock(options.dbPath));
    try {
      this.db = openDatabase(options.dbPath);
      if (options.dbPath !== ':memory:') recordLockHolder(this.db);
    } catch (error) {
      if (!options.lock) this.lock?.release();
      throw error;
    }
    this.log = new EventLog(this.db);
    this.snapshots = new SnapshotStore(this.db);
    this.timeTravel = new TimeTravel(this.log, this.snapshots);
    this.seeks = new SeekService(options.dbPath, this.timeTravel);
    this.whatif = new WhatifJobs({
      dbPath: options.dbPath, log: this.log, snapshots: this.snapshots, liveNow: () => this.engine.state.now, liveConfig: () => this.engine.policy.config,
    }, options.whatif);
    this.tokens = new TokenStore(this.db);
    try {
      this.webhooks = new Webhooks(this.db, () => this.engine, { configured: options.config.webhooks ?? [], ...options.webhooks });
    } catch (error) {
      this.db.close(); // a configuration at odds with the admin's receivers: nothing was changed, and another start may try
      if (!options.lock) this.lock?.release();
      throw error;
    }
    this.journal = new EffectJournal(this.log, this.webhooks);
    let restored: Restored & { engine: Engine };
    try {
      restored = this.restore(this.log.journaledThrough() ?? this.log.lastSeq());
    } catch (error) {
      this.db.close(); // a start that fails lets go of the database, so another may try
      if (!options.lock) this.lock?.release();
      throw error;
    }
    const replayedAt = performance.now();
    this.engine = restored.engine;
    this.replayed = restored.replayed;
    this.rejournal(restored.unjournaled);
    this.checkpoints = new Checkpointer({
      log: this.log, snapshots: this.snapshots, journal: this.journal, store: this.store, logger: this.logger,
      limits: { ...DEFAULT_CHECKPOINT_LIMITS, ...options.checkpoints }, retainMs: options.retainMs ?? null,
      engine: () => this.engine, closed: () => this.closed,
    }, restored.replayed);
    if (options.clock === 'frozen') {
      const held = Number.isFinite(this.engine.state.now) ? this.engine.state.now : Date.now();
      this.clock = () => held;
    }
    const now = this.clock();
    const policy = policyOf(options.config);
    if (JSON.stringify(policyOf(this.engine.policy.config)) !== JSON.stringify(policy)) this.apply({ type: 'policy', config: policy }, now);
    try {
      this.tick(now); // escalations that fell due while stopped, stamped at their own deadlines
    } catch (error) {
      if (!(error instanceof AppError && error.status === 503)) throw error;
      this.logError(`opsroom: ${error.message}; the scheduler will retry`); // applied in memory, logged once the store writes
    }
    // Right after a long replay or a long catch-up, so that the next start does not do it again; once
    // the server listens (the next turn of the event loop), so that the start itself is not longer for it.
    this.replayed.ms = Math.round(performance.now() - replayedAt + restored.replayMs);
    this.checkpoints.queue(this.replayed.inputs > 0 && this.replayed.ms > LONG_START_MS);
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

  /** GET /api/episodes: one page (the newest `limit` before the cursor, cut short at `maxChars`). */
  episodeList(filter: EpisodeFilter, bounds: EpisodePageBounds): EpisodePage {
    if (filter.node !== undefined) this.requireNode(filter.node);
    return episodePage(this.engine, filter, bounds);
  }

  /** GET /api/nodes/:id: at most `maxEpisodes` of the episodes that reached it, the open ones first. */
  nodeView(id: string, maxEpisodes?: number): NodeView {
    this.requireNode(id);
    return nodeView(this.engine, id, 'all', maxEpisodes === undefined ? undefined : (reached) => openFirst(reached, maxEpisodes));
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
    this.checkpoints.take();
  }

  sinceCheckpoint(): SinceCheckpoint {
    return this.checkpoints.sinceCheckpoint();
  }

  /** The store's state, for health. */
  storeStatus(): StoreStatus {
    return this.store.status(this.journal.waiting);
  }

  clockReport(): ClockReport {
    if (this.options.clockReport) return this.options.clockReport();
    const engine = this.clock();
    const wall = Date.now();
    return { engine: new Date(engine).toISOString(), wall: new Date(wall).toISOString(), driftMs: wall - engine, status: this.clockFrozen ? 'frozen' : 'injected', lastStep: null };
  }

  /**
   * Off the request path: write effect rows that wait, and take a checkpoint when one is due (by age,
   * too). Throws when the store still fails, so the caller backs off.
   */
  maintain(): void {
    if (this.closed) return;
    try {
      if (this.journal.waiting > 0) this.journal.flush();
      else if (this.store.failing) this.log.probe(Date.now()); // a write of its own: only a write says the store writes again
      else return this.checkpoints.ifDue();
      this.store.succeeded();
    } catch (error) {
      this.store.failed(error, Date.now());
      throw error;
    }
    this.checkpoints.ifDue();
  }

  close(): void {
    if (this.closed) return;
    try {
      this.journal.flush();
    } catch (error) {
      this.logError(`opsroom: ${this.journal.waiting} episode changes not written to the events log (their inputs are): ${(error as Error).message}`);
    }
    if (this.checkpoints.sinceCheckpoint().inputs > 0) this.checkpoints.tryTake();
    this.whatif.close();
    this.seeks.close();
    this.closed = true;
    this.db.close();
    if (!this.options.lock) this.lock?.release();
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
    if (result.refused === 'notes-full') throw new AppError(409, 'conflict', `episode ${input.episode} has as many notes as an episode keeps (${MAX_NOTES_PER_EPISODE}); it takes no more`);
    if (result.refused === 'not-in-policy') throw new AppError(409, 'conflict', `episode ${input.episode} belongs to a node or indicator the configuration no longer has`);
    if (result.refused) throw new AppError(409, 'conflict', `episode ${input.episode} is resolved; it can no longer be acknowledged`);
    return toEpisode(this.engine, result.episode!);
  }

  /**
   * One input: what the plan says is written and on disk before the engine steps, so a write the store
   * refuses (503) leaves the engine as it was. The effects follow in a second, unsynced write; if that
   * fails they wait for the next write, and the store is reported failing. Published after the step.
   */
  private apply(input: EngineInput, now: number): StepResult {
    // What fell due first, as a tick of its own, so the log reads in time order (escalations stamped at
    // their deadlines before the input that came after them).
    const due = this.engine.nextDue();
    if (input.type !== 'tick' && due !== null && due < now) this.apply({ type: 'tick' }, now);
    const plan = planInput(this.engine.state, input, now);
    if (plan.log === null && plan.reason === 'refused') {
      const episode = input.type === 'acknowledge' || input.type === 'note' ? this.engine.state.episodes.get(input.episode) : undefined;
      return { state: this.engine.state, effects: [], accepted: 0, duplicates: 0, stale: 0, refused: plan.refused, ...(episode ? { episode } : {}) };
    }
    const at = Math.max(this.engine.state.now, now);
    if (plan.log === 'tick' && input.type === 'tick') return this.catchUp(input, now, at);
    let seq: number | null = null;
    if (plan.log !== null) {
      try {
        this.journal.flush(); // effect rows of earlier inputs first, so the log stays in order
        seq = this.log.transaction(() => this.log.append(at, 'input', plan.log === 'input' ? input.type : 'tick', plan.log === 'input' ? input : { type: 'tick' }));
        this.store.succeeded();
      } catch (error) {
        if (!isStorageError(error)) throw error;
        this.store.failed(error, Date.now());
        throw storageRefusal(error);
      }
    }
    let result: StepResult;
    try {
      result = this.engine.step(input, now);
    } catch (error) {
      // A bug, not the disk: take the input back (replaying it would fail again) and rebuild memory
      // from the latest checkpoint and the inputs after it (at most one checkpoint's worth).
      if (seq !== null) this.log.remove(seq);
      this.engine = this.restore().engine;
      throw error;
    }
    if (seq !== null) this.checkpoints.counted(input.type === 'readings' && plan.log === 'input' ? input.readings.length : 0);
    this.journal.record(result.effects, this.engine);
    try {
      this.journal.flush();
    } catch (error) {
      this.store.failed(error, Date.now());
      this.logError(`opsroom: ${this.journal.waiting} episode changes wait to be written to the events log: ${(error as Error).message}`);
    }
    this.publish(result.effects);
    this.checkpoints.queue();
    return result;
  }

  /** A tick: stepped, then logged after its effects; when the store refuses, 503 once the step is published (it waits in the journal). */
  private catchUp(input: EngineInput, now: number, at: number): StepResult {
    let result: StepResult;
    try {
      result = this.engine.step(input, now);
    } catch (error) {
      this.engine = this.restore().engine; // a bug: memory may be half-stepped
      throw error;
    }
    this.journal.record(result.effects, this.engine);
    // A tick that changed nothing (a stale timer) is not logged: replayed or not, it changes nothing.
    if (result.effects.length > 0) {
      this.journal.recordTick(at);
      this.checkpoints.counted(0);
    }
    let failure: unknown = null;
    try {
      this.journal.flush();
      this.store.succeeded();
    } catch (error) {
      this.store.failed(error, Date.now());
      failure = error;
    }
    this.publish(result.effects);
    this.checkpoints.queue();
    if (failure !== null) throw isStorageError(failure) ? storageRefusal(failure) : failure;
    return result;
  }

  private publish(effects: readonly Effect[]): void {
    if (effects.length === 0) return;
    for (const listener of this.listeners) listener(effects, this.engine);
  }

  /**
   * At start: the effects of inputs whose effect rows and webhook signals a crash kept from being written
   * (after their inputs' commit) are journaled now; the outbox's unique key keeps a signal from twice.
   */
  private rejournal(effects: Effect[]): void {
    if (effects.length === 0) return;
    this.journal.record(effects, this.engine);
    try {
      this.journal.flush();
    } catch (error) {
      this.logError(`opsroom: ${this.journal.waiting} episode changes replayed wait to be written: ${(error as Error).message}`);
    }
  }

  /** The latest checkpoint plus every input logged after it; a new database starts from the configuration. */
  private restore(journaledThrough = Infinity): Restored & { engine: Engine } {
    const restored = restoreEngine(this.log, this.snapshots, journaledThrough);
    if (restored.engine) return { ...restored, engine: restored.engine };
    const policy = policyOf(this.options.config);
    const fresh = new Engine(policy, 1);
    const at = this.clock();
    this.log.append(at, 'input', 'policy', { type: 'policy', config: policy });
    fresh.advance(at);
    return { ...restored, engine: fresh };
  }

  private logError(message: string): void {
    this.logger.error(message);
  }
}

export function openOpsroom(options: OpsroomOptions): Opsroom {
  return new Opsroom(options);
}
