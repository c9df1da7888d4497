import type { Request } from 'express';
import { api } from '../../shared/contract/routes';
import { deliveriesQuerySchema, webhookParamsSchema } from '../../shared/contract/webhooks';
import { webhookConfigSchema } from '../../shared/webhook';
import type { Opsroom } from '../app/opsroom';
import { noStore } from './guards';
import { parseOr400 } from './validate';
import { ok, type On } from './answer';


/** The admin's webhooks: receivers (GET, POST, DELETE) and the delivery log. */
export function webhookRoutes(on: On, room: Opsroom, requireAdmin: (req: Request, what: string) => void): void {
  on(api.webhooks, noStore, (req) => {
    requireAdmin(req, 'lists webhooks');
    return ok({ receivers: room.webhooks.views() });
  });

  on(api.addWebhook, noStore, (req) => {
    requireAdmin(req, 'adds webhooks');
    const body = parseOr400(webhookConfigSchema, req.body, 'the webhook');
    return { status: 201 as const, body: room.webhooks.add(body) };
  });

  on(api.webhookDeliveries, noStore, (req) => {
    requireAdmin(req, 'reads the delivery log');
    return ok({ deliveries: room.webhooks.deliveries(parseOr400(deliveriesQuerySchema, req.query, 'the query')) });
  });

  on(api.removeWebhook, noStore, (req) => {
    requireAdmin(req, 'removes webhooks');
    const { name } = parseOr400(webhookParamsSchema, req.params, 'the path');
    return ok(room.webhooks.remove(name));
  });
}
