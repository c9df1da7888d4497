import type { Episode } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from '../domain/effects';
import type { Engine } from '../domain/engine';
import type { Logger } from '../observe/logger';
import type { WriterLock } from '../storage/writer-lock';
import type { CheckpointLimits } from './checkpoint-rule';
import type { ClockReport } from './clock';
import type { WebhooksOptions } from './webhooks';
import type { WhatifLimits } from './whatif-jobs';

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
export const policyOf = ({ webhooks: _webhooks, ...policy }: Config): Config => policy;

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
export const LONG_START_MS = 5000;

export type EffectListener = (effects: readonly Effect[], engine: Engine) => void;
