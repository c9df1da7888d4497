import { z } from 'zod';
import { boundedInstantSchema } from './bounds';
import { durationSchema } from './duration';

/** ISO 8601 instant with an offset (`Z` or `+01:00`). */
export const instantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, e.g. 2026-01-05T08:00:00Z' });

export const MAX_READINGS_PER_REQUEST = 10_000;
/** Far beyond any count or rate a service reports; sums of such values stay exact enough and finite. */
export const MAX_VALUE = 1e12;

export const readingSchema = z.strictObject({
  unit: z.string().min(1),
  indicator: z.string().min(1),
  ts: boundedInstantSchema,
  value: z.number({ message: 'must be a finite number' }).finite().min(-MAX_VALUE, `must be at least -${MAX_VALUE}`).max(MAX_VALUE, `must be at most ${MAX_VALUE}`),
});
export type Reading = z.infer<typeof readingSchema>;

export const readingBatchSchema = z.strictObject({
  readings: z.array(readingSchema).min(1, 'send at least one reading').max(MAX_READINGS_PER_REQUEST),
});

/** The body of POST /api/readings: one reading, or `{ "readings": [...] }`. */
export function parseReadingsBody(body: unknown) {
  if (body !== null && typeof body === 'object' && 'readings' in body) {
    const batch = readingBatchSchema.safeParse(body);
    return batch.success ? { success: true as const, data: batch.data.readings } : { success: false as const, error: batch.error };
  }
  const one = readingSchema.safeParse(body);
  return one.success ? { success: true as const, data: [one.data] } : { success: false as const, error: one.error };
}

/** duplicates: the same reading again; stale: an older reading for a period that already has a newer one. */
export const readingsResultSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int(), stale: z.number().int() });
export type ReadingsResult = z.infer<typeof readingsResultSchema>;

export const levelSchema = z.string();
export const directionSchema = z.enum(['pain', 'pleasure']);
export type Direction = z.infer<typeof directionSchema>;
export const severitySchema = z.enum(['alert', 'crisis']);
export type Severity = z.infer<typeof severitySchema>;
export const exceptionKindSchema = z.enum(['threshold', 'outlier', 'step', 'slope', 'spc']);
export type ExceptionKind = z.infer<typeof exceptionKindSchema>;
/** What opened an episode: an exception a detector found, or a unit's missing report. */
export const episodeKindSchema = z.enum([...exceptionKindSchema.options, 'no-report']);
export type EpisodeKind = z.infer<typeof episodeKindSchema>;

export const pathEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), at: instantSchema, holder: z.string() }),
  z.object({ type: z.literal('escalated'), at: instantSchema, from: z.string(), to: z.string(), reason: z.enum(['deadline', 'crisis']).optional() }),
  z.object({ type: z.literal('acknowledged'), at: instantSchema, by: z.string(), note: z.string().nullable() }),
  z.object({ type: z.literal('note'), at: instantSchema, by: z.string(), note: z.string() }),
  z.object({ type: z.literal('severity'), at: instantSchema, severity: severitySchema }),
  /** Late data or a correction re-ran the detectors from `period`. */
  z.object({ type: z.literal('revised'), at: instantSchema, period: instantSchema }),
  z.object({ type: z.literal('resolved'), at: instantSchema, level: z.string(), reason: z.enum(['back-to-normal', 'revised', 'reported', 'unit-closed']).optional() }),
  z.object({ type: z.literal('reopened'), at: instantSchema, holder: z.string() }),
]);
export type PathEntry = z.infer<typeof pathEntrySchema>;

/** An ancestor's own figure out on the same indicator and direction, held back by a lower episode (one problem). */
export const inhibitedBreachSchema = z.object({
  node: z.string(),
  level: z.string(),
  severity: severitySchema,
  value: z.number().nullable(),
  period: instantSchema,
  since: instantSchema,
});
export type InhibitedBreachJson = z.infer<typeof inhibitedBreachSchema>;

/** Most points an episode's sparkline carries, however long it has been open (longer ones are thinned). */
export const EPISODE_SPARK_POINTS = 48;

/** One figure of the episode's series: its value, and how many of the units below had reported it. */
export const episodeFigureSchema = z.object({
  period: instantSchema,
  value: z.number().nullable(),
  coverage: z.number(),
  /** Units at or below the node that reported the figure, and that were expected to (1 of 1 for a unit). */
  reported: z.number().int().min(0),
  expected: z.number().int().min(0),
});
export type EpisodeFigure = z.infer<typeof episodeFigureSchema>;

/** A point of the episode's sparkline. */
export const sparkPointSchema = z.object({ period: instantSchema, value: z.number() });
export type SparkPoint = z.infer<typeof sparkPointSchema>;

/** What the figure was measured against: the bound crossed, what was expected, the rule that fired, or when the unit last reported. */
export const episodeCauseSchema = z.discriminatedUnion('type', [
  /** A threshold: the bound crossed (the crisis bound once it is that bad), with the bounds of the node's own level. */
  z.object({
    type: z.literal('bound'),
    bound: z.enum(['alert', 'crisis']),
    value: z.number(),
    alert: z.number().nullable(),
    crisis: z.number().nullable(),
    /** Back inside this, it clears (the alert bound unless set apart). */
    clear: z.number().nullable(),
  }),
  /** Cyberstride: the level the forecaster had before the change (a step, a change of slope, or an outlier). */
  z.object({ type: z.literal('forecast'), expected: z.number(), probability: z.number().nullable() }),
  /** SPC: the Making Data Count rule that fired, on which side, over how many points, and the line it was judged against. */
  z.object({
    type: z.literal('spc'),
    rule: z.enum(['beyondLimits', 'run', 'trend', 'twoOfThree']),
    /** Above the line (or rising, for a trend), or below it (falling). */
    side: z.enum(['high', 'low']),
    points: z.number().int().min(1),
    limit: z.number(),
    mean: z.number(),
    lower: z.number(),
    upper: z.number(),
  }),
  /** A missing report: the last period the unit reported, and when that reading came (null: never, as far as the room knows). */
  z.object({ type: z.literal('no-report'), lastPeriod: instantSchema.nullable(), lastReportAt: instantSchema.nullable() }),
]);
export type EpisodeCause = z.infer<typeof episodeCauseSchema>;

export const episodeSchema = z.object({
  id: z.string(),
  node: z.string(),
  indicator: z.string(),
  direction: directionSchema,
  kind: episodeKindSchema,
  severity: severitySchema,
  /** The period whose figure opened it: earlier than openedAt when late data or a correction opened it. */
  period: instantSchema,
  /** The value that opened it; null for a missing report. */
  value: z.number().nullable(),
  status: z.enum(['open', 'resolved']),
  holder: z.string(),
  holderLevel: levelSchema,
  openedAt: instantSchema,
  deadline: instantSchema.nullable(),
  /** Held at the top with no window left. */
  overdue: z.boolean(),
  resolvedAt: instantSchema.nullable(),
  resolvedLevel: levelSchema.nullable(),
  acknowledgedBy: z.string().nullable(),
  policyVersion: z.number().int(),
  /** Every node the episode has reached: its origin, its holders so far, and every ancestor told at once (crisis, bright spot). See shared/reach.ts. */
  reached: z.array(z.string()),
  /** Ancestors whose own figures are out too, counted here rather than as signals of their own. */
  inhibits: z.array(inhibitedBreachSchema),
  /** The lower episodes that held this node's breach back before it opened: the problem became systemic. */
  inhibitedBy: z.array(z.string()),
  path: z.array(pathEntrySchema),
  // What the card says. Optional, so older servers' episodes still parse; this server always sends them.
  /** The figure that opened it (null for a missing report). */
  opening: episodeFigureSchema.nullable().optional(),
  /** The series' latest judged figure: what the episode is about now (null before any). */
  now: episodeFigureSchema.nullable().optional(),
  cause: episodeCauseSchema.nullable().optional(),
  /** The series from a little before `period` to now (or to the resolution), judged figures only, thinned to at most EPISODE_SPARK_POINTS. */
  spark: z.array(sparkPointSchema).max(EPISODE_SPARK_POINTS).optional(),
});
export type Episode = z.infer<typeof episodeSchema>;

/** The figures of an open episode that changed since it was last sent: the value now and its sparkline. */
export const episodeFiguresSchema = z.object({
  id: z.string(),
  now: episodeFigureSchema.nullable(),
  spark: z.array(sparkPointSchema).max(EPISODE_SPARK_POINTS),
});
export type EpisodeFigures = z.infer<typeof episodeFiguresSchema>;

export const nodeInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  parent: z.string().nullable(),
  /** The name as its source published it (ODS capitals), where `name` writes it otherwise: searchable. */
  publishedName: z.string().optional(),
});
export type NodeInfo = z.infer<typeof nodeInfoSchema>;
/** GET /api/hierarchy */
export const hierarchySchema = z.object({ name: z.string().optional(), levels: z.array(z.string()), nodes: z.array(nodeInfoSchema) });

export const indicatorInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  period: z.string(),
  periodMs: z.number(),
  aggregate: z.enum(['sum', 'mean', 'max', 'min', 'ratio']),
  ratio: z.object({ numerator: z.string(), denominator: z.string() }).nullable(),
  detectors: z.array(z.string()),
  /** The share of units that must have reported before a parent's figure is judged; absent from older servers (then always judged). */
  minCoverage: z.number().min(0).max(1).optional(),
});
export type IndicatorInfo = z.infer<typeof indicatorInfoSchema>;

/** Beer's triple index. Ratios are inverted where lower is better, so above 1 is always good. */
export const tripleSchema = z.object({
  actuality: z.number(),
  capability: z.number().nullable(),
  potentiality: z.number().nullable(),
  productivity: z.number().nullable(),
  latency: z.number().nullable(),
  performance: z.number().nullable(),
});
export type Triple = z.infer<typeof tripleSchema>;

export const forecastSchema = z.object({
  forecast: z.number(),
  lower: z.number(),
  upper: z.number(),
  pStandard: z.number().optional(),
  pOutlier: z.number().optional(),
  pStep: z.number().optional(),
  pSlope: z.number().optional(),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const nodeValueSchema = z.object({
  node: z.string(),
  indicator: z.string(),
  period: instantSchema,
  value: z.number().nullable(),
  coverage: z.number(),
  final: z.boolean(),
  triple: tripleSchema.nullable(),
  thresholds: z.object({ alert: z.number().nullable(), crisis: z.number().nullable(), clear: z.number().nullable() }).nullable(),
  /** The forecaster's band for the period, once judged, so a sparkline can follow the live values without asking for the series again. */
  forecast: forecastSchema.nullable().optional(),
});
export type NodeValue = z.infer<typeof nodeValueSchema>;

/** A node's own figure that is out but held back by episodes below it (one problem, one clock). */
export const heldBackBreachSchema = z.object({
  node: z.string(),
  indicator: z.string(),
  direction: directionSchema,
  severity: severitySchema,
  value: z.number().nullable(),
  period: instantSchema,
  since: instantSchema,
  /** The open episodes below that hold it back. */
  by: z.array(z.string()),
});
export type HeldBackBreach = z.infer<typeof heldBackBreachSchema>;

/**
 * A data-quality finding: a published total (NHS England's England or region row, say) that differs
 * from the sum of its members for one period. opsroom's own total is never overwritten by it.
 */
export const dataQualityFindingSchema = z.strictObject({
  node: z.string().min(1),
  indicator: z.string().min(1),
  /** Any instant inside the period the published figure is for. */
  period: boundedInstantSchema,
  published: z.number({ message: 'must be a finite number' }).finite(),
  summed: z.number({ message: 'must be a finite number' }).finite(),
  /** Where the published figure comes from, or what is known about it. */
  source: z.string().min(1).max(500).optional(),
});
export type DataQualityFinding = z.infer<typeof dataQualityFindingSchema>;
export const MAX_FINDINGS_PER_REQUEST = 10_000;
export const findingsBodySchema = z.strictObject({ findings: z.array(dataQualityFindingSchema).min(1, 'send at least one finding').max(MAX_FINDINGS_PER_REQUEST) });
/** A finding as the API serves it: `period` is the period's start, and `difference` is summed − published. */
export const dataQualityViewSchema = dataQualityFindingSchema.extend({ difference: z.number() });
export type DataQualityView = z.infer<typeof dataQualityViewSchema>;
export const findingsQuerySchema = z.strictObject({ node: z.string().min(1).optional(), indicator: z.string().min(1).optional() });

/** Open trouble (pain) of one child's subtree that has not reached the node asked about, by severity. */
export const belowCountsSchema = z.object({ alert: z.number().int().min(0), crisis: z.number().int().min(0) });
export type BelowCounts = z.infer<typeof belowCountsSchema>;
/** Per child id (every child of the node, zeros included): what is being settled below. */
export const settlingBelowSchema = z.record(z.string(), belowCountsSchema);
export type SettlingBelow = z.infer<typeof settlingBelowSchema>;

/** A node as its level sees it: the episodes that reached it, and only counts of what is settled below. */
export const nodeViewSchema = z.object({
  node: nodeInfoSchema,
  children: z.array(nodeInfoSchema),
  values: z.array(nodeValueSchema),
  /**
   * Episodes that reached this node (see shared/reach.ts), whatever their status: the open ones first,
   * then the latest resolved, NODE_VIEW_EPISODES at most; the rest are in GET /api/episodes?node=…&reached=true.
   */
  episodes: z.array(episodeSchema),
  /** How many reached it in all (absent from older servers, which sent them all). */
  episodesTotal: z.number().int().min(0).optional(),
  /** The node's and its children's own breaches held back by episodes below them. */
  heldBack: z.array(heldBackBreachSchema),
  settlingBelow: settlingBelowSchema,
  /** Where a published total for this node differs from the sum of its members. */
  dataQuality: z.array(dataQualityViewSchema),
});
export type NodeView = z.infer<typeof nodeViewSchema>;
export const NODE_VIEW_EPISODES = 100;

export const seriesPointSchema = z.object({
  period: instantSchema,
  value: z.number().nullable(),
  coverage: z.number(),
  final: z.boolean(),
  forecast: forecastSchema.nullable().optional(),
  /** Units below paused in the period (not expected, so left out of coverage), and for one unit when its pause began. */
  paused: z.object({ units: z.number().int().min(1), since: instantSchema.nullable() }).optional(),
});
export const seriesSchema = z.object({ node: z.string(), indicator: z.string(), points: z.array(seriesPointSchema) });
export type Series = z.infer<typeof seriesSchema>;

export const seriesQuerySchema = z.strictObject({
  node: z.string().min(1),
  indicator: z.string().min(1),
  from: boundedInstantSchema.optional(),
  to: boundedInstantSchema.optional(),
});
export const MAX_EPISODES_LIMIT = 500;
/** A page of episodes without `limit`: the newest this many. */
export const DEFAULT_EPISODES_LIMIT = 100;
/** Pages (events, episodes) stop once their JSON passes this many characters, one item at least. */
export const PAGE_MAX_CHARS = 1_000_000;

/** Where a page of episodes stopped (`next`), to ask for the older ones with `before`: `<ms>:<episode id>`. */
export const episodeCursorSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    const colon = text.indexOf(':');
    const at = Number(text.slice(0, colon));
    if (colon < 1 || !Number.isSafeInteger(at) || colon === text.length - 1) {
      ctx.addIssue({ code: 'custom', message: 'must be the `next` of an earlier page' });
      return z.NEVER;
    }
    return { at, id: text.slice(colon + 1) };
  });
export const episodeCursorText = (cursor: { at: number; id: string }) => `${cursor.at}:${cursor.id}`;

export const episodesQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('all'),
  node: z.string().min(1).optional(),
  /** `true`: only the episodes that reached `node` (the top when no node is named), as its room sees them. */
  reached: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((value) => value === 'true'),
  /** pain: trouble only (what is settled); pleasure: bright spots only. */
  direction: z.enum(['pain', 'pleasure'], { message: 'must be pain or pleasure' }).optional(),
  /** Episodes still open at `from` or after it: with status=resolved, those resolved since `from`. */
  from: boundedInstantSchema.optional(),
  to: boundedInstantSchema.optional(),
  /** Only episodes resolved by then (with `from`: settled in that span, as a replayed room's "settled recently" reads it). */
  resolvedTo: boundedInstantSchema.optional(),
  /** Only the newest N (by when each last changed status: resolved, or opened); `total` says how many matched. */
  limit: z.coerce
    .number({ message: `must be a whole number from 1 to ${MAX_EPISODES_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_EPISODES_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_EPISODES_LIMIT}`)
    .max(MAX_EPISODES_LIMIT, `must be a whole number from 1 to ${MAX_EPISODES_LIMIT}`)
    .default(DEFAULT_EPISODES_LIMIT),
  /** The `next` of the page before: only episodes older than it. */
  before: episodeCursorSchema.optional(),
});
/**
 * GET /api/episodes: a page, oldest first, of the newest `limit` (cut short at PAGE_MAX_CHARS); `total`
 * matched before the page's bounds; of those resolved, how many each level settled; `next` asks for the
 * older ones (`before=next`), null at the oldest.
 */
export const episodeListSchema = z.object({
  episodes: z.array(episodeSchema),
  total: z.number().int().min(0),
  resolvedByLevel: z.record(z.string(), z.number().int().min(0)),
  /** Optional, so older servers' lists still parse. */
  next: z.string().nullable().optional(),
});
export type EpisodeList = z.infer<typeof episodeListSchema>;
export const MAX_EVENTS_LIMIT = 10_000;
export const eventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_LIMIT).default(1000),
});

/** GET /api/policies/:version: the configuration in force as version `version` (1 is the first). */
export const policyParamsSchema = z.strictObject({ version: z.coerce.number().int().min(1, 'policy versions start at 1') });

export const logEventSchema = z.object({
  seq: z.number().int(),
  at: instantSchema,
  kind: z.enum(['input', 'effect']),
  type: z.string(),
  data: z.unknown(),
});
export type LogEvent = z.infer<typeof logEventSchema>;
/** GET /api/events: at most `limit` events after `after`, cut short at PAGE_MAX_CHARS; `more`: ask again with `after=next`. */
export const eventsPageSchema = z.object({ events: z.array(logEventSchema), next: z.number().int().min(0), more: z.boolean() });

export const tokenRequestSchema = z.strictObject({
  role: z.enum(['reporter', 'coordinator']),
  node: z.string().min(1),
  /** Who holds the token, shown as who acknowledged; defaults to `role@node`. */
  name: z.string().min(1).max(100).optional(),
  /** How long the token works (`90d`, `12h`); without it, until revoked. */
  expiresIn: durationSchema.optional(),
});
/** An issued token as the admin sees it: never the secret. */
export const tokenInfoSchema = z.object({
  id: z.string(),
  role: z.enum(['reporter', 'coordinator']),
  node: z.string(),
  name: z.string(),
  createdAt: instantSchema,
  expiresAt: instantSchema.nullable(),
  revokedAt: instantSchema.nullable(),
  status: z.enum(['active', 'revoked', 'expired']),
});
export type TokenInfoJson = z.infer<typeof tokenInfoSchema>;
/** POST /api/tokens: the secret, shown once, and what it is. */
export const tokenResponseSchema = tokenInfoSchema.extend({ token: z.string() });
/** GET /api/tokens (admin): every issued token, newest first, revoked and expired ones included. */
export const tokenListSchema = z.object({ tokens: z.array(tokenInfoSchema) });
export const tokenParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const acknowledgeBodySchema = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });
export const noteBodySchema = z.strictObject({ note: z.string().trim().min(1, 'write a note').max(2000) });

/** An error names at most this many problems (a 10,000-reading batch can have 40,000). */
export const MAX_ERROR_ISSUES = 100;
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The first MAX_ERROR_ISSUES problems; `issueCount` says how many there were. */
    issues: z.array(z.object({ path: z.string(), message: z.string(), line: z.number().int().min(1).optional(), column: z.string().optional() })).optional(),
    issueCount: z.number().int().min(0).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// socket.io
export const subscribeSchema = z.strictObject({ node: z.string().min(1) });
/** On subscribe: the node, its children, their latest values, the open episodes that reached the node, and counts of the rest. */
export const snapshotEventSchema = z.object({
  node: nodeInfoSchema,
  children: z.array(nodeInfoSchema),
  values: z.array(nodeValueSchema),
  episodes: z.array(episodeSchema),
  settlingBelow: settlingBelowSchema,
  /** The node's and its children's own breaches held back by episodes below them. */
  heldBack: z.array(heldBackBreachSchema),
  dataQuality: z.array(dataQualityViewSchema),
  /** The server's clock at the snapshot. */
  at: instantSchema,
  /** 'frozen': the clock is held (a history reviewed as it stood at `at`), so time does not move on; absent means live. */
  clock: z.enum(['live', 'frozen']).optional(),
});
export type SnapshotEvent = z.infer<typeof snapshotEventSchema>;
export const valuesEventSchema = z.object({ values: z.array(nodeValueSchema) });
export type ValuesEvent = z.infer<typeof valuesEventSchema>;
/** `below`: the room's counts of what is being settled below, whole, sent with the values flush when they change. */
export const belowEventSchema = z.object({ node: z.string(), settlingBelow: settlingBelowSchema });
export type BelowEvent = z.infer<typeof belowEventSchema>;
/** `finding`: a data-quality finding newly recorded (or replaced) for the room's node. */
export const findingEventSchema = z.object({ finding: dataQualityViewSchema });
export type FindingEvent = z.infer<typeof findingEventSchema>;
/** `episode-figures`: sent with the values flush, for the open episodes that reached the room whose latest judged figure changed. */
export const episodeFiguresEventSchema = z.object({ episodes: z.array(episodeFiguresSchema) });
export type EpisodeFiguresEvent = z.infer<typeof episodeFiguresEventSchema>;
