import { z } from 'zod';

/**
 * Webhooks (#13, "signals delivered outwards"): one receiver per node subtree, and the body it gets,
 * in Alertmanager's webhook format version 4 so existing alert tooling can take it as it is.
 */

/** The server's own secrets: signing a receiver's body with one would hand it to whoever runs the receiver. */
const OPSROOM_OWN_SECRETS = new Set(['OPSROOM_ADMIN_TOKEN', 'OPSROOM_METRICS_TOKEN']);

/** One receiver in the configuration. The secret is read from the environment variable named, never from the file. */
export const webhookConfigSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and _ . : - only'),
  node: z.string().min(1),
  // zod runs a refinement even after the URL check failed: one that cannot be parsed is left to that check.
  url: z.url({ protocol: /^https?$/ }).refine((url) => {
    if (!URL.canParse(url)) return true;
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'no user or password in the URL: name the signing secret with secretEnv'),
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .refine((name) => !OPSROOM_OWN_SECRETS.has(name), 'not one of opsroom\'s own secrets: give the receiver a secret of its own')
    .optional(),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** Alertmanager's zero time, its endsAt while an alert is still firing. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const labels = z.record(z.string(), z.string());
const alertStatus = z.enum(['firing', 'resolved']);

export const webhookAlertSchema = z.strictObject({
  status: alertStatus,
  labels,
  annotations: labels,
  startsAt: z.string(),
  endsAt: z.string(),
  generatorURL: z.string(),
  fingerprint: z.string(),
});
export type WebhookAlert = z.infer<typeof webhookAlertSchema>;

export const webhookBodySchema = z.strictObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: alertStatus,
  receiver: z.string(),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string(),
  alerts: z.array(webhookAlertSchema).min(1),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** Config check: each receiver names a node of the tree, and no two share a name (the delivery log is keyed by it). */
export function checkWebhooks(
  webhooks: ReadonlyArray<{ name: string; node: string }>,
  nodes: ReadonlySet<string>,
  problem: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  webhooks.forEach((webhook, i) => {
    if (seen.has(webhook.name)) problem(['webhooks', i, 'name'], `duplicate webhook name "${webhook.name}"`);
    seen.add(webhook.name);
    if (!nodes.has(webhook.node)) problem(['webhooks', i, 'node'], `"${webhook.node}" is not a node of the tree`);
  });
}
