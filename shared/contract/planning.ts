import { z } from 'zod';
import { episodeSchema, instantSchema, levelSchema, nodeValueSchema } from '../api';
import { boundedInstantSchema } from '../bounds';
import { detectorIdSchema, thresholdsSchema } from '../config';
import { durationSchema } from '../duration';

/**
 * The planners' wire shapes (issue #10): the tree as it stood at an instant, what-if reruns of a span
 * under another policy, and the report of a span. Server and client both parse with these.
 */

/** A span's end is not before its start. */
const toNotBeforeFrom = (span: { from: string; to: string }) => !(Date.parse(span.to) < Date.parse(span.from));

// ---- GET /api/state?at= ----------------------------------------------------------------------------

export const stateQuerySchema = z.strictObject({ at: boundedInstantSchema });

/** One node as it stood: each indicator's latest value then (the same shape as the live node view's values). */
export const stateNodeSchema = z.object({
  id: z.string(),
  values: z.record(z.string(), nodeValueSchema),
});

export const stateAtSchema = z.object({
  at: instantSchema,
  /** The policy version in force at that instant. */
  policyVersion: z.number().int().min(1),
  /** The last log sequence number applied (every input with seq ≤ this, and what fell due by `at`). */
  seq: z.number().int().min(0),
  nodes: z.array(stateNodeSchema),
  /** Every episode open at that instant, as it stood then (holder, deadline, severity then). */
  episodes: z.array(episodeSchema),
});
export type StateAt = z.infer<typeof stateAtSchema>;

/** The density of escalations over the log's span, for the replay timeline. */
export const timelineQuerySchema = z.strictObject({
  from: boundedInstantSchema.optional(),
  to: boundedInstantSchema.optional(),
  buckets: z.coerce.number({ message: 'must be a whole number from 1 to 2000' }).int('must be a whole number from 1 to 2000').min(1, 'must be a whole number from 1 to 2000').max(2000, 'must be a whole number from 1 to 2000').default(400),
});
export const timelineSchema = z.object({
  /** The span of the log: the first and last input's engine time (null when the log is empty). */
  from: instantSchema.nullable(),
  to: instantSchema.nullable(),
  bucketMs: z.number(),
  /** Per bucket in order from `from`: episodes opened and escalations (a step up the path) in it. */
  buckets: z.array(z.object({ start: instantSchema, opened: z.number().int(), escalations: z.number().int() })),
  /** Every escalation instant in order, so the display can jump to the previous or next one. */
  escalations: z.array(z.object({ at: instantSchema, episode: z.string(), to: z.string() })),
});
export type Timeline = z.infer<typeof timelineSchema>;

// ---- POST /api/whatif ------------------------------------------------------------------------------

const levelName = z.string().min(1);
export const whatifPolicySchema = z.strictObject({
  /** Allowance windows per level, replacing the live ones for the levels named. */
  allowances: z.record(levelName, durationSchema).optional(),
  indicators: z
    .record(
      z.string().min(1),
      z.strictObject({
        thresholds: z.union([thresholdsSchema, z.record(levelName, thresholdsSchema)]).optional(),
        detectors: z.array(detectorIdSchema).optional(),
        allowances: z.record(levelName, durationSchema).optional(),
      }),
    )
    .optional(),
});
export type WhatifPolicy = z.infer<typeof whatifPolicySchema>;

export const whatifBodySchema = z.strictObject({ from: boundedInstantSchema, to: boundedInstantSchema, policy: whatifPolicySchema }).refine(toNotBeforeFrom, { path: ['to'], message: 'must not be before from' });
export type WhatifBody = z.infer<typeof whatifBodySchema>;

const spread = z.object({ count: z.number().int(), medianMs: z.number().nullable(), p90Ms: z.number().nullable() });

/** One run's outcome over the span. */
export const runSummarySchema = z.object({
  opened: z.number().int(),
  /** Episodes resolved, by the level of the node that held them when they were settled. */
  settledAt: z.record(levelSchema, z.number().int()),
  /** Still open at the end of the span. */
  open: z.number().int(),
  /** Episodes held at the top level at some time. */
  reachedTop: z.number().int(),
  /** Per level, the episodes held by a node of that level at some time (where they arose included). */
  reachedLevel: z.record(levelSchema, z.number().int()),
  /** Time from opening to settling, per level settled at. */
  timeToSettle: z.record(levelSchema, spread),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const episodeDifferenceSchema = z.object({
  /** node|indicator|direction|openedAt: the same problem in both runs. */
  key: z.string(),
  kind: z.enum(['live-only', 'whatif-only', 'settled-elsewhere']),
  live: episodeSchema.nullable(),
  whatif: episodeSchema.nullable(),
});

export const whatifResultSchema = z.object({
  from: instantSchema,
  to: instantSchema,
  /** The live policy version the comparison was made against: the one in force at `to` (the override applies on top of each version in force in the span). */
  liveVersion: z.number().int(),
  policy: whatifPolicySchema,
  live: runSummarySchema,
  whatif: runSummarySchema,
  differences: z.array(episodeDifferenceSchema),
  /** How many differences there were in all (the list holds at most 500). */
  differenceCount: z.number().int(),
  /** Logged inputs replayed in the span (in each run). */
  inputs: z.number().int(),
  elapsedMs: z.number(),
});
export type WhatifResult = z.infer<typeof whatifResultSchema>;

export const whatifJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** From 0 to 1: inputs replayed over inputs to replay. */
  progress: z.number().min(0).max(1),
  result: whatifResultSchema.optional(),
  error: z.string().optional(),
});
export type WhatifJob = z.infer<typeof whatifJobSchema>;

// ---- GET /api/report?from=&to=&node= ----------------------------------------------------------------

export const reportQuerySchema = z.strictObject({
  from: boundedInstantSchema,
  to: boundedInstantSchema,
  node: z.string().min(1).optional(),
  format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional(),
}).refine(toNotBeforeFrom, { path: ['to'], message: 'must not be before from' });

export const reportSchema = z.object({
  node: z.string(),
  from: instantSchema,
  to: instantSchema,
  /** Episodes in the subtree that were open at some time in the span. */
  episodes: z.number().int(),
  settledAt: z.record(levelSchema, z.number().int()),
  open: z.number().int(),
  /** Total and median time episodes were held at each level within the span. */
  heldAt: z.record(levelSchema, z.object({ totalMs: z.number(), medianMs: z.number().nullable(), episodes: z.number().int() })),
  /** Units whose episodes climbed most (count of escalations), highest first, at most 20. */
  climbedUnits: z.array(z.object({ node: z.string(), escalations: z.number().int(), episodes: z.number().int(), highestLevel: levelSchema })),
  climbedIndicators: z.array(z.object({ indicator: z.string(), escalations: z.number().int(), episodes: z.number().int() })),
  /** Missing-report episodes opened in the span, per unit, most first. */
  noReport: z.array(z.object({ node: z.string(), episodes: z.number().int() })),
});
export type Report = z.infer<typeof reportSchema>;
