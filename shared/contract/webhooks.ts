import { z } from 'zod';

/** The admin's view of webhooks (GET/POST/DELETE /api/webhooks, GET /api/webhooks/deliveries). Secrets never appear: only the variable's name. */

export const webhookViewSchema = z.object({
  name: z.string(),
  node: z.string(),
  url: z.string(),
  /** The environment variable holding the signing secret (null: unsigned). */
  secretEnv: z.string().nullable(),
  /** Whether that variable is set on this server, so deliveries are signed. */
  signed: z.boolean(),
  /** From the configuration file (removed by editing it), or added by the admin (removed by DELETE). */
  source: z.enum(['config', 'admin']),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;
export const webhookListSchema = z.object({ receivers: z.array(webhookViewSchema) });

export const webhookParamsSchema = z.strictObject({ name: z.string().min(1) });

/** failed: given up after its attempts, or refused; dropped: never sent (too many waiting for the receiver, or the receiver removed). */
export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'dropped']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const deliveriesQuerySchema = z.strictObject({
  receiver: z.string().min(1).optional(),
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const deliveryAttemptSchema = z.object({
  at: z.string(),
  /** The HTTP status answered; null when none came (refused, timed out). */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
});

export const deliverySchema = z.object({
  id: z.number().int(),
  receiver: z.string(),
  episode: z.string(),
  /** `firing:<severity>` when the episode reached the receiver's node (again, when raised), `resolved` when it resolved. */
  signal: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  /** When the next attempt is due (null once delivered, given up or dropped). */
  nextAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  lastError: z.string().nullable(),
  log: z.array(deliveryAttemptSchema),
});
export type Delivery = z.infer<typeof deliverySchema>;
/** Newest first. */
export const deliveryListSchema = z.object({ deliveries: z.array(deliverySchema) });
