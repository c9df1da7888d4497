import type { Request, RequestHandler } from 'express';
import { api, type RouteDef } from '../../shared/contract/routes';
import { deliveriesQuerySchema, webhookParamsSchema } from '../../shared/contract/webhooks';
import { webhookConfigSchema } from '../../shared/webhook';
import type { Opsroom } from '../app/opsroom';
import { noStore } from './guards';
import { parseOr400 } from './validate';

type On = (route: RouteDef, ...handlers: RequestHandler[]) => void;

/** The admin's webhooks: receivers (GET, POST, DELETE) and the delivery log. */
export function webhookRoutes(on: On, room: Opsroom, requireAdmin: (req: Request, what: string) => void): void {
  on(api.webhooks, noStore, (req, res) => {
    requireAdmin(req, 'lists webhooks');
    res.json({ receivers: room.webhooks.views() });
  });

  on(api.addWebhook, noStore, (req, res) => {
    requireAdmin(req, 'adds webhooks');
    const body = parseOr400(webhookConfigSchema, req.body, 'the webhook');
    res.status(201).json(room.webhooks.add(body));
  });

  on(api.webhookDeliveries, noStore, (req, res) => {
    requireAdmin(req, 'reads the delivery log');
    res.json({ deliveries: room.webhooks.deliveries(parseOr400(deliveriesQuerySchema, req.query, 'the query')) });
  });

  on(api.removeWebhook, noStore, (req, res) => {
    requireAdmin(req, 'removes webhooks');
    const { name } = parseOr400(webhookParamsSchema, req.params, 'the path');
    res.json(room.webhooks.remove(name));
  });
}
