import type { Episode } from '../../shared/api';
import type { Delivery, DeliveryStatus, WebhookView } from '../../shared/contract/webhooks';
import type { WebhookConfig } from '../../shared/webhook';
import type { Engine } from '../domain/engine';
import { toIso } from '../domain/time';
import { signalsOf, type Naming, type Signal } from '../domain/webhook-body';
import type { Db } from '../storage/database';
import { WebhookStore } from '../storage/webhook-store';
import { AppError } from './errors';

export interface WebhooksOptions {
  /** Receivers from the configuration file. */
  configured: readonly WebhookConfig[];
  /** The server's address as receivers should link to it (externalURL, generatorURL); '' when not told. */
  externalUrl?: string;
  /** Reads a signing secret by the name of its environment variable. */
  secretOf?: (envName: string) => string | undefined;
}

/** The use-cases of webhooks: who hears what (for the effect journal), and the admin's receivers and delivery log. */
export class Webhooks {
  readonly store: WebhookStore;
  private admin: WebhookConfig[];
  private readonly externalUrl: string;

  constructor(db: Db, private readonly engine: () => Engine, private readonly options: WebhooksOptions) {
    this.store = new WebhookStore(db);
    this.admin = this.store.adminReceivers();
    this.externalUrl = (options.externalUrl ?? '').replace(/\/+$/, '');
  }

  /** Every receiver: the configuration's first, then the admin's in the order added. */
  receivers(): WebhookConfig[] {
    return [...this.options.configured, ...this.admin];
  }

  receiver(name: string): WebhookConfig | undefined {
    return this.receivers().find((receiver) => receiver.name === name);
  }

  secretOf(receiver: WebhookConfig): string | undefined {
    if (receiver.secretEnv === undefined) return undefined;
    const secret = this.options.secretOf?.(receiver.secretEnv);
    return secret === '' ? undefined : secret;
  }

  /** The signals an episode owes, as it stands (the journal enqueues them with its effect rows). */
  signals(episode: Episode): Signal[] {
    const receivers = this.receivers();
    return receivers.length === 0 ? [] : signalsOf(episode, receivers, this.naming(), this.externalUrl);
  }

  enqueue(signals: readonly Signal[], now: number): number {
    return this.store.enqueue(signals, now);
  }

  views(): WebhookView[] {
    const configured = new Set(this.options.configured.map((receiver) => receiver.name));
    return this.receivers().map((receiver) => this.view(receiver, configured.has(receiver.name) ? 'config' : 'admin'));
  }

  /** POST /api/webhooks: 409 a name taken, 422 a node not in the tree. Heard from its next signal on, never the past. */
  add(receiver: WebhookConfig, now: number = Date.now()): WebhookView {
    if (this.receiver(receiver.name)) throw new AppError(409, 'conflict', `a webhook named "${receiver.name}" exists already`, [{ path: 'name', message: 'taken' }]);
    if (!this.engine().policy.hierarchy.has(receiver.node)) throw new AppError(422, 'unprocessable', `no node "${receiver.node}"`, [{ path: 'node', message: 'unknown node' }]);
    this.store.addReceiver(receiver, now);
    this.admin = this.store.adminReceivers();
    return this.view(receiver, 'admin');
  }

  /** DELETE /api/webhooks/:name: the admin's only (the file's are removed by editing it); what it still owed is given up. */
  remove(name: string, now: number = Date.now()): WebhookView {
    const found = this.receiver(name);
    if (!found) throw new AppError(404, 'not_found', `no webhook "${name}"`);
    if (this.options.configured.some((receiver) => receiver.name === name)) {
      throw new AppError(409, 'conflict', `the webhook "${name}" is in the configuration file; remove it there`);
    }
    this.store.removeReceiver(name);
    this.store.abandon(name, 'receiver removed', now);
    this.admin = this.store.adminReceivers();
    return this.view(found, 'admin');
  }

  deliveries(filter: { receiver?: string; status?: DeliveryStatus; limit: number }): Delivery[] {
    return this.store.deliveries(filter).map((row) => ({
      id: row.id, receiver: row.receiver, episode: row.episode, signal: row.signal, status: row.status, attempts: row.attempts,
      createdAt: toIso(row.createdAt), nextAt: row.status === 'pending' ? toIso(row.nextAt) : null, doneAt: row.doneAt === null ? null : toIso(row.doneAt),
      lastError: row.lastError, log: row.log.map((attempt) => ({ at: toIso(attempt.at), status: attempt.status, error: attempt.error, durationMs: attempt.durationMs })),
    }));
  }

  private view(receiver: WebhookConfig, source: 'config' | 'admin'): WebhookView {
    return { name: receiver.name, node: receiver.node, url: receiver.url, secretEnv: receiver.secretEnv ?? null, signed: this.secretOf(receiver) !== undefined, source };
  }

  private naming(): Naming {
    const { policy } = this.engine();
    return {
      nodeName: (id) => (policy.hierarchy.has(id) ? policy.hierarchy.node(id).name : id),
      indicatorLabel: (id) => policy.indicators.get(id)?.config.label ?? id,
      indicatorUnit: (id) => policy.indicators.get(id)?.config.unit ?? '',
    };
  }
}
