import { z } from 'zod';
import { durationSchema } from './duration';
import { checkConfig } from './config-checks';
import { boundedInstantSchema, DEFAULT_HISTORY_HORIZON_MS, unreservedName } from './bounds';
import { cyberstrideSettingsSchema, spcSettingsSchema } from './detector-settings';
import { webhookConfigSchema } from './webhook';

const id = unreservedName(z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and _ . : - only'));
/** A level name keys the per-level records (allowances, thresholds), so it cannot be one of Object.prototype's. */
const levelName = unreservedName(z.string().min(1));

const instant = boundedInstantSchema;

export const thresholdsSchema = z.strictObject({
  alert: z.number().optional(),
  crisis: z.number().optional(),
  clear: z.number().optional(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** One value for every level, or an object keyed by level name. */
const perLevel = <T extends z.ZodType>(value: T) => z.union([value, z.record(levelName, value)]);

export const detectorIdSchema = z.enum(['threshold', 'cyberstride', 'spc']);
export type DetectorId = z.infer<typeof detectorIdSchema>;

export const indicatorConfigSchema = z.strictObject({
  id,
  label: z.string().min(1),
  unit: z.string().default(''),
  better: z.enum(['higher', 'lower']),
  period: durationSchema,
  aggregate: z.enum(['sum', 'mean', 'max', 'min', 'ratio']).optional(),
  ratio: z.strictObject({ numerator: id, denominator: id }).optional(),
  capability: perLevel(z.number()).optional(),
  potentiality: perLevel(z.number()).optional(),
  thresholds: perLevel(thresholdsSchema).optional(),
  allowances: z.record(levelName, durationSchema).optional(),
  detectors: z.array(detectorIdSchema).optional(),
  /** Normal periods needed before an episode resolves. */
  clearAfter: z.number().int().min(1).optional(),
  reopenWithin: durationSchema.optional(),
  bypassTo: z.string().optional(),
  minCoverage: z.number().min(0).max(1).optional(),
  /** How long after a period ends its parent values stay provisional. Default: one period. */
  grace: durationSchema.optional(),
  /**
   * How long after a period ends a unit that has reported this indicator before, and has not reported
   * that period, raises a missing report; `false` never does. Default: the grace.
   */
  noReport: z.union([durationSchema, z.literal(false)]).optional(),
  /** Detector settings, checked here so a bad one stops the start; each detector fills in its defaults. */
  cyberstride: cyberstrideSettingsSchema.optional(),
  spc: spcSettingsSchema.optional(),
});
export type IndicatorConfig = z.output<typeof indicatorConfigSchema>;

export const nodeConfigSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** The name as its source published it (ODS names come in capitals), where `name` writes it otherwise: kept searchable. */
  publishedName: z.string().min(1).optional(),
  level: z.string().min(1),
  parent: id.optional(),
  /** A unit that closed or merged into another: no report is expected from it after this instant. */
  closed: boundedInstantSchema.optional(),
  /**
   * A unit that opened (or first reported) later than the rest: no report is expected from it before
   * this instant. Per indicator, `{"ae_month_attendances": "2019-04-01T00:00:00+01:00"}`: a unit that
   * started reporting one collection years after another; an indicator not named is expected throughout.
   */
  opened: z.union([instant, z.record(id, instant)], { message: 'must be an ISO 8601 time with an offset, or an object of them by indicator' }).optional(),
  /**
   * Stretches in which a unit is known not to report an indicator (it left a collection, and came
   * back or did not): `{"ae_month_attendances": [{"from": "2016-11-03T00:00:00Z"}]}`, each from `from`
   * until `to` (without `to`: for good). Not expected, nor counted in coverage, then.
   */
  paused: z.record(id, z.array(z.strictObject({ from: instant, to: instant.optional() })).min(1, 'list at least one stretch, or leave the indicator out')).optional(),
  /**
   * The indicators a unit reports (ids of posted indicators, not ratios); absent: every one. A unit
   * counts towards an indicator's coverage only where it reports it (a ratio: both its parts), and
   * its readings of any other indicator are refused.
   */
  reports: z.array(id).min(1, 'list at least one indicator, or leave reports out').optional(),
});
export type NodeConfig = z.output<typeof nodeConfigSchema>;

/** Whether the platform's Intl knows the time zone (IANA names such as `Europe/London`, or `UTC`). */
export function knownTimeZone(name: string): boolean {
  if (name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone whose local midnight starts periods of a day or longer (daylight saving included). */
const timeZoneSchema = z.string().superRefine((name, ctx) => {
  if (!knownTimeZone(name)) ctx.addIssue({ code: 'custom', message: `unknown time zone "${name}" (use an IANA name such as Europe/London)` });
});

export const configSchema = z
  .strictObject({
    name: z.string().min(1),
    levels: z.array(levelName).min(1),
    allowances: z.record(levelName, durationSchema).default({}),
    publicRead: z.boolean().default(false),
    clearAfter: z.number().int().min(1).default(1),
    reopenWithin: durationSchema.optional(),
    bypassTo: z.string().optional(),
    minCoverage: z.number().min(0).max(1).default(0.8),
    timeZone: timeZoneSchema.default('UTC'),
    /** How far before the server clock a reading's ts may be; older readings are refused (422). */
    historyHorizon: durationSchema.default(DEFAULT_HISTORY_HORIZON_MS),
    indicators: z.array(indicatorConfigSchema).min(1),
    nodes: z.array(nodeConfigSchema).min(1),
    /** Receivers told of the episodes that reach their node (shared/webhook.ts); not part of the policy, so editing them logs no new policy version. */
    webhooks: z.array(webhookConfigSchema).optional(),
  })
  .superRefine(checkConfig);

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

/** A configuration problem in words, each naming where it is (`nodes.3.parent: ...`). */
export function describeConfigError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('\n');
}

/** Parse a configuration; throws an Error whose message names every problem and where it is. */
export function parseConfig(raw: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new Error(`${source} is not valid:\n${describeConfigError(result.error)}`);
  return result.data;
}
