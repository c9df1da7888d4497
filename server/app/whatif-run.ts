import type { Episode } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { WhatifPolicy, WhatifResult } from '../../shared/contract/planning';
import { Engine, type EngineInput } from '../domain/engine';
import type { EpisodeRecord } from '../domain/episodes/episode';
import { decodeEngine, encodeEngine } from '../domain/snapshot-codec';
import { toIso } from '../domain/time';
import { toEpisode } from '../domain/views';
import { episodeDifferences, summariseRun } from '../domain/whatif-compare';
import { applicablePart, applyWhatifPolicy } from '../domain/whatif-policy';
import type { EventLog } from '../storage/event-log';
import type { SnapshotStore } from '../storage/snapshots';
import { AppError } from './errors';
import { TimeTravel } from './time-travel';

export interface WhatifSpan {
  from: number;
  to: number;
  policy: WhatifPolicy;
}

export interface WhatifRunOptions {
  /** Replay no input logged after this seq: the log as it stood when the what-if was asked. */
  throughSeq: number;
  /** Run no further than this (the live engine's time, or the last logged input): a what-if is of the past. */
  until: number;
  onProgress?: (done: number, total: number) => void;
  /** Reports progress every this many inputs. */
  progressEvery?: number;
  clock?: () => number;
}

/** Both runs' episodes opened in the span, besides the comparison (tests and the command use them). */
export interface WhatifRun {
  result: WhatifResult;
  live: Episode[];
  whatif: Episode[];
}

/** The planner's policy on top of a configuration in force, or a 422 naming the field. */
function overridden(config: Config, policy: WhatifPolicy): { config: Config; changed: boolean } {
  const out = applyWhatifPolicy(config, policy);
  if (!out.ok) throw new AppError(422, 'unprocessable', `${out.issues[0]!.path}: ${out.issues[0]!.message}`, out.issues);
  return out;
}

const sameProblem = (a: EpisodeRecord, b: EpisodeRecord) => a.node === b.node && a.indicator === b.indicator && a.direction === b.direction && a.openedAt === b.openedAt;

/**
 * A logged input as the what-if run takes it: a policy gets the planner's changes on top; an
 * acknowledgement or note names the live run's episode, so it goes to the what-if run's episode of the
 * same problem (ids differ once the runs differ), or nowhere when that run has no such episode.
 */
function mirror(input: EngineInput, live: Engine, whatif: Engine, policy: WhatifPolicy): EngineInput | null {
  if (input.type === 'policy') return { type: 'policy', config: overridden(input.config, applicablePart(input.config, policy)).config };
  if (input.type !== 'acknowledge' && input.type !== 'note') return input;
  const episode = live.state.episodes.get(input.episode);
  if (!episode) return input;
  for (const other of whatif.state.episodes.values()) if (sameProblem(episode, other)) return { ...input, episode: other.id };
  return null;
}

/**
 * A span from the start of the log starts from its first policy alone: inputs logged at that same
 * instant (readings that came with the server's first minute) belong to the span, not to the common start.
 */
function firstPolicy(log: EventLog): { engine: Engine; seq: number } {
  if (log.compactedThrough() > 0) throw new AppError(404, 'not_found', 'from: the readings at the start of the log are no longer kept (OPSROOM_RETAIN); start the span later');
  const [event] = log.inputs(0);
  const input = event?.data as EngineInput | undefined;
  if (!event || input?.type !== 'policy') throw new Error('the event log does not start with a policy');
  return { engine: new Engine(input.config, 1), seq: event.seq };
}

const openedIn = (engine: Engine, from: number, to: number): Episode[] =>
  [...engine.state.episodes.values()].filter((episode) => episode.openedAt >= from && episode.openedAt <= to).map((episode) => toEpisode(engine, episode));

/**
 * A what-if of a span: two sandbox engines from the same state just before `from` (the state-at
 * seek), the logged inputs of [from, to] replayed through both, the live run as logged and the other
 * with the planner's policy on top of each policy in force, then both advanced to `to`. Nothing here
 * writes: the log and snapshots are only read, and the engines are built for this run alone.
 */
export function runWhatif(log: EventLog, snapshots: SnapshotStore, span: WhatifSpan, options: WhatifRunOptions): WhatifRun {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const first = log.inputSpan().first;
  if (first === null) throw new AppError(404, 'not_found', 'nothing is logged yet: there is no past to rerun');
  const to = Math.max(first, Math.min(span.to, options.until));
  const from = Math.min(span.from, to);
  const { engine: live, seq } = from - 1 < first ? firstPolicy(log) : new TimeTravel(log, snapshots).take(from - 1);
  const whatif = decodeEngine(encodeEngine(live));
  const initial = overridden(whatif.policy.config, span.policy);
  // Only a real change is a new policy version: the live policy asked for again reruns the live run exactly.
  if (initial.changed) whatif.step({ type: 'policy', config: initial.config }, whatif.state.now);
  const total = log.countInputs(seq, options.throughSeq, to);
  const every = options.progressEvery ?? 250;
  let done = 0;
  let told = clock();
  options.onProgress?.(0, total);
  for (const event of log.inputs(seq)) {
    if (event.seq > options.throughSeq || event.at > to) break;
    const input = event.data as EngineInput;
    const mirrored = mirror(input, live, whatif, span.policy);
    live.step(input, event.at);
    if (mirrored) whatif.step(mirrored, event.at);
    done += 1;
    // Every `every` inputs, or a fifth of a second, whichever comes first: a week of big daily batches still moves the bar.
    if (done % every === 0 || clock() - told >= 200) {
      told = clock();
      options.onProgress?.(done, total);
    }
  }
  live.advance(to);
  whatif.advance(to);
  const liveEpisodes = openedIn(live, from, to);
  const whatifEpisodes = openedIn(whatif, from, to);
  const { hierarchy } = live.policy;
  const tree = { levels: hierarchy.levels, levelOf: (node: string) => (hierarchy.has(node) ? hierarchy.node(node).level : 'unknown') };
  options.onProgress?.(done, total);
  return {
    result: {
      from: toIso(from), to: toIso(to), liveVersion: live.policy.version, policy: span.policy,
      live: summariseRun(liveEpisodes, tree), whatif: summariseRun(whatifEpisodes, tree), ...episodeDifferences(liveEpisodes, whatifEpisodes),
      inputs: done, elapsedMs: Math.round(clock() - started),
    },
    live: liveEpisodes,
    whatif: whatifEpisodes,
  };
}
