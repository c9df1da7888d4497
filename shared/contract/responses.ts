import { z } from 'zod';
import { indicatorInfoSchema, instantSchema } from '../api';

/** GET /api/whoami: who a bearer token belongs to. */
export const whoSchema = z.object({ role: z.enum(['admin', 'reporter', 'coordinator']), node: z.string().nullable(), name: z.string() });
export type Who = z.infer<typeof whoSchema>;

/** GET /api/indicators */
export const indicatorListSchema = z.object({ indicators: z.array(indicatorInfoSchema) });

/** GET /api/health: liveness (open to all, never rate-limited). Further fields may be added. */
export const healthSchema = z.looseObject({ status: z.string(), now: instantSchema, events: z.number().int().optional(), policyVersion: z.number().int().optional() });

/** POST /api/findings */
export const findingsResultSchema = z.object({ accepted: z.number().int().min(0) });

/** GET /api/policies/:version: the configuration as it was logged (it parsed against shared/config.ts then). */
export const policyVersionSchema = z.object({ version: z.number().int().min(1), since: instantSchema, config: z.record(z.string(), z.unknown()) });
