import { performance } from 'node:perf_hooks';
import type { DataQualityFinding, DataQualityView, Episode, NodeView, Reading, Series } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from '../domain/effects';
import { Engine, type EngineInput, type StepResult } from '../domain/engine';
import { checkFinding, FINDING_SKEW_MS } from '../domain/findings';
import { TimeTravel } from './time-travel';
import { SeekService } from './seek-service';
import { WhatifJobs, type WhatifLimits } from './whatif-jobs';
import { SNAPSHOT_FORMAT } from '../domain/snapshot';
import { decodeEngine, encodeEngine } from '../domain/snapshot-codec';
import { episodePage, openFirst, type EpisodePage, type EpisodePageBounds } from '../domain/episode-pages';
import { dataQuality, listEpisodes, nodeView, seriesView, toEpisode, type EpisodeFilter } from '../domain/views';
import { MAX_NOTES_PER_EPISODE } from '../domain/episodes/notes';
import { planInput } from '../domain/plan';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { SnapshotStore } from '../storage/snapshots';
import { TokenStore } from '../storage/tokens';
import { acquireWriterLock, recordLockHolder, type WriterLock } from '../storage/writer-lock';
import { checkpointDue, DEFAULT_CHECKPOINT_LIMITS, type CheckpointLimits, type SinceCheckpoint } from './checkpoint-rule';
import type { ClockReport } from './clock';
import { checkpointsToKeep } from './retention';
import { EffectJournal } from './effect-journal';
import { AppError } from './errors';
import { isStorageError, storageRefusal, StoreHealth, type StoreStatus } from './store-health';
import { createLogger, type Logger } from '../observe/logger';
import { Webhooks, type WebhooksOptions } from './webhooks';

export interface OpsroomOptions {
  config: Config;
  dbPath: string;
  /** When to take a checkpoint (a snapshot): a restart replays at most about one limit's worth. */
  checkpoints?: Partial<CheckpointLimits>;
  /** The engine's clock; 'frozen' holds it where the log ends (to review a backfilled history). */
  clock?: (() => number) | 'frozen';
  /** Where a failure that fails no request is told (a snapshot that could not be taken); errors on stdout unless given. */
  logger?: Pick<Logger, 'error'>;
  /** What health says of the clock (the server's SteadyClock); absent for an injected clock. */
  clockReport?: () => ClockReport;
  /** Retention: readings logged before a checkpoint this much older than engine time are deleted from the log. */
  retainMs?: number;
  /** The writer lock, when the caller took it already (an importer that deletes the old file first). */
  lock?: WriterLock;
  /** When a what-if runs as a job, and how many at once. */
  whatif?: Partial<WhatifLimits>;
  /** Webhooks: the server's external address, and how a signing secret is read (the receivers come from `config`). */
  webhooks?: Omit<WebhooksOptions, 'configured'>;
}

/** The policy is the configuration less its webhooks: who is told outwards is no part of what the engine judges. */
const policyOf = ({ webhooks: _webhooks, ...policy }: Config): Config => policy;

/** What the latest start replayed: the inputs logged after the checkpoint it started from. */
export interface Replayed {
  inputs: number;
  readings: number;
  fromSeq: number;
  /** How long the replay and the catch-up after it took (not the loading of the checkpoint). */
  ms: number;
}

export interface EpisodeAct {
  by: string;
  now?: number;
  /** Throws (403) when the actor may not act on the episode as it stands after catching up. */
  authorize?: (episode: Episode) => void;
}

/** A start whose replay and catch-up (not the loading of the checkpoint) took longer is followed by a checkpoint at once. */
const LONG_START_MS = 5000;

export type EffectListener = (effects: readonly Effect[], engine: Engine) => void;

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
  private readonly limits: CheckpointLimits;
  /** Counted from the log at start (what was replayed), then kept: the same across restarts. */
  private since: { inputs: number; readings: number; checkpointAt: number };
  private checkpointQueued = false;
  private checkpointRetryAt = 0;
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
    this.limits = { ...DEFAULT_CHECKPOINT_LIMITS, ...options.checkpoints };
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
    let restored: ReturnType<Opsroom['restore']>;
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
    this.since = { inputs: restored.replayed.inputs, readings: restored.replayed.readings, checkpointAt: Date.now() };
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
    this.queueCheckpoint(this.since.inputs > 0 && this.replayed.ms > LONG_START_MS);
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
    this.journal.flush(); // never a checkpoint past effects not yet written: a restart would not journal them again
    const seq = this.log.lastSeq();
    const at = this.engine.state.now;
    this.snapshots.save(seq, at, SNAPSHOT_FORMAT, encodeEngine(this.engine));
    this.since = { inputs: 0, readings: 0, checkpointAt: Date.now() };
    const kept = checkpointsToKeep(this.snapshots.list(), at, this.options.retainMs ?? null, this.limits.ladder);
    this.snapshots.keepOnly(kept.keep);
    if (kept.base !== null && kept.base > this.log.compactedThrough()) this.log.compactReadings(kept.base);
  }

  sinceCheckpoint(): SinceCheckpoint {
    return { inputs: this.since.inputs, readings: this.since.readings, ageMs: Date.now() - this.since.checkpointAt };
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
      else return this.checkpointIfDue();
      this.store.succeeded();
    } catch (error) {
      this.store.failed(error, Date.now());
      throw error;
    }
    this.checkpointIfDue();
  }

  private checkpointIfDue(): void {
    if (checkpointDue(this.sinceCheckpoint(), this.limits).due) this.trySnapshot();
  }

  /** A snapshot only shortens the next restart: failing to take one must never fail a committed request. */
  private trySnapshot(): void {
    if (this.closed || Date.now() < this.checkpointRetryAt) return;
    try {
      this.snapshot();
    } catch (error) {
      this.checkpointRetryAt = Date.now() + 30_000; // not on every request while the disk is full
      this.store.failed(error, Date.now());
      this.logger.error({ err: error }, 'opsroom: snapshot failed (the log is intact; the next restart replays more)');
    }
  }

  private queueCheckpoint(anyway = false): void {
    if (this.checkpointQueued || !(anyway || checkpointDue(this.sinceCheckpoint(), this.limits).due)) return;
    this.checkpointQueued = true;
    setImmediate(() => {
      this.checkpointQueued = false;
      this.trySnapshot();
    });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.journal.flush();
    } catch (error) {
      this.logError(`opsroom: ${this.journal.waiting} episode changes not written to the events log (their inputs are): ${(error as Error).message}`);
    }
    if (this.since.inputs > 0) this.trySnapshot();
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
    if (seq !== null) {
      this.since.inputs++;
      if (input.type === 'readings' && plan.log === 'input') this.since.readings += input.readings.length;
    }
    this.journal.record(result.effects, this.engine);
    try {
      this.journal.flush();
    } catch (error) {
      this.store.failed(error, Date.now());
      this.logError(`opsroom: ${this.journal.waiting} episode changes wait to be written to the events log: ${(error as Error).message}`);
    }
    this.publish(result.effects);
    this.queueCheckpoint();
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
      this.since.inputs++;
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
    this.queueCheckpoint();
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

  /**
   * The latest snapshot plus every input logged after it; a new database starts from the configuration.
   * The effects of the inputs after `journaledThrough` are returned, to be journaled again.
   */
  private restore(journaledThrough = Infinity): { engine: Engine; replayed: Replayed; replayMs: number; unjournaled: Effect[] } {
    const saved = this.snapshots.latest(SNAPSHOT_FORMAT);
    const compacted = this.log.compactedThrough();
    if (compacted > (saved?.seq ?? 0)) {
      throw new Error(`the log's readings were compacted through event ${compacted} (OPSROOM_RETAIN), and no checkpoint of format ${SNAPSHOT_FORMAT} covers them: start the version that wrote it`);
    }
    let engine: Engine | null = saved ? decodeEngine(saved.state) : null;
    const loaded = performance.now();
    const replayed: Replayed = { inputs: 0, readings: 0, fromSeq: saved?.seq ?? 0, ms: 0 };
    const unjournaled: Effect[] = [];
    for (const event of this.log.inputs(saved?.seq ?? 0)) {
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
    if (engine) return { engine, replayed, replayMs: performance.now() - loaded, unjournaled };
    const policy = policyOf(this.options.config);
    const fresh = new Engine(policy, 1);
    const at = this.clock();
    this.log.append(at, 'input', 'policy', { type: 'policy', config: policy });
    fresh.advance(at);
    return { engine: fresh, replayed, replayMs: 0, unjournaled };
  }

  private logError(message: string): void {
    this.logger.error(message);
  }
}

export function openOpsroom(options: OpsroomOptions): Opsroom {
  return new Opsroom(options);
}
