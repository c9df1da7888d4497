import { statSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Opsroom } from '../app/opsroom';
import { episodeFigures } from './figures';

export interface MetricsSources {
  room: Opsroom;
  dbPath: string;
  /** How long opening the database took: the snapshot read, the log replayed after it and the catch-up. */
  replaySeconds: number;
  /** Connected socket.io clients, asked at scrape time (the realtime layer is attached after the app). */
  socketClients?: () => number;
}

export interface Metrics {
  registry: Registry;
  /** Times every request by its route pattern and counts what POST /api/readings accepted or refused. */
  observe(req: Request, res: Response, next: NextFunction): void;
  stop(): void;
}

/** What the error handler leaves on `res.locals` for the adapters that watch responses. */
export interface Refusal {
  code: string;
  /** The last segment of the first issue's path (`ts`, `unit`, …), when the refusal named one. */
  field?: string;
}

const READINGS = '/api/readings';
const fileBytes = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/** The route pattern, never the raw path: `/api/episodes/:id`, so one series per route. */
export function routeLabel(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return pattern.startsWith('/api') || !path.startsWith('/api/') ? pattern : `/api${pattern}`;
  if (path === READINGS) return READINGS; // refused before its route ran (anonymous, rate-limited)
  return path.startsWith('/api/') ? '/api/(unmatched)' : '(client)';
}

const readingsIn = (body: unknown) => {
  const readings = (body as { readings?: unknown } | undefined)?.readings;
  return Array.isArray(readings) ? readings.length : 1;
};

/**
 * Prometheus metrics, one registry per server. Counters count what the adapters did; gauges about
 * episodes are derived from the engine's state when scraped, so the domain knows nothing of them.
 */
export function createMetrics(sources: MetricsSources): Metrics {
  const { room } = sources;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry }); // nodejs_eventloop_lag_seconds and the process's own
  const latency = new Histogram({ name: 'opsroom_http_request_duration_seconds', help: 'HTTP request latency by route pattern', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const readings = new Counter({ name: 'opsroom_readings_total', help: 'Readings in accepted batches, by outcome (duplicates and stale repeats change nothing)', labelNames: ['outcome'] as const, registers: [registry] });
  const refused = new Counter({ name: 'opsroom_readings_refused_total', help: 'Readings in refused batches, by the refusal\'s code and the field it named', labelNames: ['reason', 'field'] as const, registers: [registry] });
  const escalations = new Counter({ name: 'opsroom_escalations_total', help: 'Episodes escalated to the level above, by why', labelNames: ['reason'] as const, registers: [registry] });
  for (const outcome of ['accepted', 'duplicate', 'stale']) readings.inc({ outcome }, 0);

  const unlisten = room.onEffects((effects) => {
    for (const effect of effects) {
      if (effect.type !== 'episode') continue;
      const last = effect.episode.path.at(-1);
      if (last?.type === 'escalated' && last.at === effect.at) escalations.inc({ reason: last.reason });
    }
  });

  new Gauge({
    name: 'opsroom_episodes_open', help: 'Open episodes by the level of the node holding them and severity', labelNames: ['level', 'severity'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const [key, count] of episodeFigures(room.engine.state.episodes.values(), room.engine.policy.hierarchy).open) {
        const [level, severity] = key.split('\u0000') as [string, string];
        this.set({ level, severity }, count);
      }
    },
  });
  const figures = () => episodeFigures(room.engine.state.episodes.values(), room.engine.policy.hierarchy);
  new Gauge({
    name: 'opsroom_episodes_resolved', help: 'Resolved episodes by where they were settled (locally: where they arose)', labelNames: ['settled'] as const, registers: [registry],
    collect() {
      const { resolved } = figures();
      this.set({ settled: 'locally' }, resolved.locally);
      this.set({ settled: 'escalated' }, resolved.escalated);
    },
  });
  new Gauge({
    name: 'opsroom_settled_locally_ratio', help: 'Resolved episodes settled where they arose, over all resolved (NaN before any resolved)', registers: [registry],
    collect() {
      const { resolved } = figures();
      this.set(resolved.locally / (resolved.locally + resolved.escalated));
    },
  });
  new Gauge({ name: 'opsroom_no_report_units', help: 'Units with an open no-report episode', registers: [registry], collect() { this.set(figures().noReportUnits); } });
  new Gauge({ name: 'opsroom_socket_clients', help: 'Connected socket.io clients', registers: [registry], collect() { this.set(sources.socketClients?.() ?? 0); } });
  new Gauge({ name: 'opsroom_event_log_last_seq', help: 'The sequence number of the last event in the log', registers: [registry], collect() { this.set(room.log.lastSeq()); } });
  new Gauge({
    name: 'opsroom_database_bytes', help: 'The SQLite database and its write-ahead log on disk', labelNames: ['file'] as const, registers: [registry],
    collect() {
      this.set({ file: 'db' }, fileBytes(sources.dbPath));
      this.set({ file: 'wal' }, fileBytes(`${sources.dbPath}-wal`));
    },
  });
  new Gauge({
    name: 'opsroom_checkpoint_bytes', help: 'The size of the latest engine snapshot (what a restart reads before replaying the log after it)', registers: [registry],
    collect() {
      const row = room.db.prepare('SELECT length(state) AS bytes FROM snapshots ORDER BY seq DESC LIMIT 1').get() as { bytes: number } | undefined;
      this.set(row?.bytes ?? 0);
    },
  });
  new Gauge({
    name: 'opsroom_webhook_signals', help: 'Webhook signals in the outbox by status (pending: still to be delivered)', labelNames: ['status'] as const, registers: [registry],
    collect() {
      for (const [status, count] of Object.entries(room.webhooks.store.counts())) this.set({ status }, count);
    },
  });
  new Gauge({ name: 'opsroom_restart_replay_seconds', help: 'How long the last start took to rebuild the engine from the database', registers: [registry] }).set(sources.replaySeconds);

  return {
    registry,
    observe(req, res, next) {
      const end = latency.startTimer();
      const isReadings = req.method === 'POST' && (req.originalUrl.split('?')[0] ?? '') === READINGS;
      let answered: unknown;
      if (isReadings) {
        const json = res.json.bind(res);
        res.json = (body: unknown) => {
          answered = body;
          return json(body);
        };
      }
      res.once('finish', () => {
        end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
        if (!isReadings) return;
        if (res.statusCode < 300) {
          const result = answered as { accepted: number; duplicates: number; stale: number };
          readings.inc({ outcome: 'accepted' }, result.accepted);
          readings.inc({ outcome: 'duplicate' }, result.duplicates);
          readings.inc({ outcome: 'stale' }, result.stale);
          return;
        }
        const refusal = res.locals.refusal as Refusal | undefined;
        refused.inc({ reason: refusal?.code ?? String(res.statusCode), field: refusal?.field ?? '' }, (res.locals.readingsInBatch as number | undefined) ?? readingsIn(req.body));
      });
      next();
    },
    stop: unlisten,
  };
}
