import { createHash } from 'node:crypto';
import type { Episode } from '../../shared/api';
import { ZERO_TIME, type WebhookAlert, type WebhookBody } from '../../shared/webhook';
import { receiversHearing, type Receiver } from './webhook-rules';

/** What the words of a summary need beyond the episode's ids. */
export interface Naming {
  nodeName(id: string): string;
  indicatorLabel(id: string): string;
  /** How a value of the indicator is written after the number (`count`, `beds`). */
  indicatorUnit(id: string): string;
}

/** One signal a receiver is to hear: enqueued once per (receiver, episode, signal). */
export interface Signal {
  receiver: string;
  episode: string;
  /** `firing:<severity>` (reached the node; once more if the severity was raised), or `resolved`; `#n` for the n-th opening after a reopening. */
  signal: string;
  body: WebhookBody;
}

/**
 * The signals an episode, as it stands, owes the receivers it reached: a firing at its severity, and
 * once resolved its resolution too (the firing first, so a receiver that missed it still hears both).
 * Computed from the state, not the change, so the outbox's unique key makes enqueuing it again harmless.
 */
export function signalsOf(episode: Episode, receivers: readonly Receiver[], naming: Naming, externalUrl: string): Signal[] {
  const signals: Signal[] = [];
  const occurrence = occurrenceSuffix(episode);
  for (const receiver of receiversHearing(receivers, episode)) {
    signals.push({ receiver: receiver.name, episode: episode.id, signal: `firing:${episode.severity}${occurrence}`, body: webhookBody(episode, receiver, 'firing', naming, externalUrl) });
    if (episode.status === 'resolved') {
      signals.push({ receiver: receiver.name, episode: episode.id, signal: `resolved${occurrence}`, body: webhookBody(episode, receiver, 'resolved', naming, externalUrl) });
    }
  }
  return signals;
}

/**
 * An episode reopened after it was settled fires and resolves again: each opening (the first, then
 * every reopening) is a signal of its own, `#2`, `#3`… after the first (whose keys stay as they were).
 */
export function occurrenceSuffix(episode: Pick<Episode, 'path'>): string {
  const openings = episode.path.filter((entry) => entry.type === 'opened' || entry.type === 'reopened').length;
  return openings <= 1 ? '' : `#${openings}`;
}

/** Stable per episode (Alertmanager's is 16 hex digits of a hash of the labels; the episode id is what identifies it here). */
export const fingerprintOf = (episodeId: string): string => createHash('sha256').update(episodeId).digest('hex').slice(0, 16);

/** The Alertmanager v4 body of one episode for one receiver: a group of one alert. */
export function webhookBody(episode: Episode, receiver: Receiver, status: 'firing' | 'resolved', naming: Naming, externalUrl: string): WebhookBody {
  const labels: Record<string, string> = {
    alertname: episode.indicator,
    episode: episode.id,
    node: episode.node,
    holder: episode.holder,
    level: episode.holderLevel,
    severity: episode.severity,
    direction: episode.direction,
    kind: episode.kind,
  };
  const annotations: Record<string, string> = { summary: summaryOf(episode, status, naming) };
  if (episode.acknowledgedBy !== null) annotations.acknowledgedBy = episode.acknowledgedBy;
  const alert: WebhookAlert = {
    status,
    labels,
    annotations,
    startsAt: episode.openedAt,
    endsAt: status === 'resolved' && episode.resolvedAt !== null ? episode.resolvedAt : ZERO_TIME,
    generatorURL: `${externalUrl}/api/episodes/${encodeURIComponent(episode.id)}`,
    fingerprint: fingerprintOf(episode.id),
  };
  return {
    version: '4',
    groupKey: `{}:{node="${receiver.node}",episode="${episode.id}"}`,
    truncatedAlerts: 0,
    status,
    receiver: receiver.name,
    groupLabels: { episode: episode.id },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: externalUrl,
    alerts: [alert],
  };
}

/** In words: what, where, how bad, who holds it; or where it was settled. */
export function summaryOf(episode: Episode, status: 'firing' | 'resolved', naming: Naming): string {
  const what = naming.indicatorLabel(episode.indicator);
  const where = `${naming.nodeName(episode.node)} (${episode.node})`;
  const figure = episode.value === null ? 'no report' : `${episode.value} ${naming.indicatorUnit(episode.indicator)}`;
  const state = episode.kind === 'no-report' ? 'missing' : episode.direction === 'pleasure' ? 'a bright spot' : `in ${episode.severity}`;
  if (status === 'resolved') {
    return `${what} at ${where} is resolved${episode.resolvedLevel === null ? '' : ` (settled at ${episode.resolvedLevel} level)`}`;
  }
  const held = episode.holder === episode.node ? 'held there' : `held by ${naming.nodeName(episode.holder)} (${episode.holder})`;
  return `${what} at ${where} is ${state}: ${figure}; ${held}`;
}
