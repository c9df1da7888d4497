import type { Episode } from '../../shared/api';
import type { Delivery, DeliveryStatus, WebhookView } from '../../shared/contract/webhooks';
import type { WebhookConfig } from '../../shared/webhook';
import type { Engine } from '../domain/engine';
import { toIso } from '../domain/time';
import { signalsOf, type Naming, type Signal } from '../domain/webhook-body';
import { droppedReason, pendingOverflow } from '../domain/webhook-rules';
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
  /** Signals that may wait for one receiver; past it the oldest are dropped (server/domain/webhook-rules.ts). */
  maxPending?: number;
}

/**
 * About a day of a busy receiver's signals (an episode's firing, escalations and resolution, for
 * hundreds of episodes), a few MB of rows at most: an outage longer than that loses the oldest, not the disk.
 */
export const DEFAULT_MAX_PENDING = 10_000;

/** The use-cases of webhooks: who hears what (for the effect journal), and the admin's receivers and delivery log. */
export class Webhooks {
  readonly store: WebhookStore;
  private admin: WebhookConfig[] = [];
  /** Each receiver's generation: the configuration's 0, the admin's their own. */
  private gens = new Map<string, number>();
  private readonly externalUrl: string;
  readonly maxPending: number;

  /**
   * Throws when a receiver of the configuration has the name of one the admin added (the configuration was
   * edited since): which of the two would hear the signals? Nothing is changed; the message says how to choose.
   * What is still pending for a receiver no longer there (gone from the file) is dropped.
   */
  constructor(db: Db, private readonly engine: () => Engine, private readonly options: WebhooksOptions, now: number = Date.now()) {
    this.store = new WebhookStore(db);
    this.externalUrl = (options.externalUrl ?? '').replace(/\/+$/, '');
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.reload();
    const clash = options.configured.findIndex((receiver) => this.admin.some((added) => added.name === receiver.name));
    if (clash >= 0) {
      const { name } = options.configured[clash]!;
      throw new Error(`the configuration's webhooks.${clash}.name: "${name}" is also the name of a receiver added through POST /api/webhooks; rename the one in the file, or start without it and DELETE /api/webhooks/${encodeURIComponent(name)} first`);
    }
    this.store.dropAllBut(this.gens, droppedReason('receiver-gone'), now);
  }

  private reload(): void {
    const admin = this.store.adminReceivers();
    this.admin = admin.map((row) => row.receiver);
    this.gens = new Map([...this.options.configured.map((receiver) => [receiver.name, 0] as const), ...admin.map((row) => [row.receiver.name, row.gen] as const)]);
  }

  /** The generation of the receiver now called `name` (undefined: none is). */
  genOf(name: string): number | undefined {
    return this.gens.get(name);
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

  /** Enqueue (inside the effect rows' transaction), then hold each receiver given a signal to `maxPending`. */
  enqueue(signals: readonly Signal[], now: number): void {
    const touched = this.store.enqueue(signals, now, (name) => this.gens.get(name) ?? 0);
    for (const [receiver, gen] of touched) {
      const decision = pendingOverflow(this.store.pendingOf(receiver, gen), this.maxPending);
      if (decision.kind === 'drop-oldest') this.store.dropOldest(receiver, gen, decision.count, droppedReason(decision.reason, this.maxPending), now);
    }
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
    this.reload();
    return this.view(receiver, 'admin');
  }

  /** DELETE /api/webhooks/:name: the admin's only (the file's are removed by editing it); what it still owed is dropped, so one added again under the name starts afresh. */
  remove(name: string, now: number = Date.now()): WebhookView {
    const found = this.receiver(name);
    if (!found) throw new AppError(404, 'not_found', `no webhook "${name}"`);
    if (this.options.configured.some((receiver) => receiver.name === name)) {
      throw new AppError(409, 'conflict', `the webhook "${name}" is in the configuration file; remove it there`);
    }
    this.store.removeReceiver(name, droppedReason('receiver-removed'), now);
    this.reload();
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
