import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { subscribeSchema, type NodeValue, type SnapshotEvent } from '../../shared/api';
import type { Opsroom } from '../app/opsroom';
import type { Effect } from '../domain/effects';
import { nodeValue, nodeView, toEpisode } from '../domain/views';
import { toIso } from '../domain/time';
import { seriesKey } from '../domain/state';

const room = (node: string) => `node:${node}`;
export const VALUES_FLUSH_MS = 100;

/**
 * One room per node. A subscriber gets a snapshot of its node's subtree, then every change to an
 * episode in that subtree and the coalesced values of the node and its children (never deeper).
 */
export function attachRealtime(http: HttpServer, opsroom: Opsroom): { io: Server; close(): Promise<void> } {
  const io = new Server(http, { serveClient: false, cors: { origin: false } });
  /** Per room, the series whose latest value changed since the last flush (computed once, at flush). */
  const pending = new Map<string, Map<string, { node: string; indicator: string }>>();
  const listening = (target: string) => (io.sockets.adapter.rooms.get(target)?.size ?? 0) > 0;
  let flushTimer: NodeJS.Timeout | null = null;

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token !== '') {
      const actor = opsroom.tokens.verify(token);
      if (!actor) return next(new Error('unauthorized: unknown token'));
      socket.data.actor = actor;
      return next();
    }
    if (!opsroom.engine.policy.config.publicRead) return next(new Error('unauthorized: this network needs a token to read'));
    next();
  });

  io.on('connection', (socket: Socket) => {
    socket.on('subscribe', (payload: unknown) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) return socket.emit('subscribe_error', { message: 'subscribe needs {"node": "<id>"}' });
      const node = parsed.data.node;
      if (!opsroom.engine.policy.hierarchy.has(node)) return socket.emit('subscribe_error', { message: `no node "${node}"` });
      for (const joined of socket.rooms) if (joined !== socket.id) void socket.leave(joined);
      void socket.join(room(node));
      socket.emit('snapshot', snapshotFor(opsroom, node));
    });
  });

  const flush = () => {
    flushTimer = null;
    const { engine } = opsroom;
    for (const [target, changed] of pending) {
      const values: NodeValue[] = [];
      for (const { node, indicator } of changed.values()) {
        const series = engine.state.series.get(seriesKey(node, indicator));
        if (!series || series.latestPeriod === null || !engine.policy.hierarchy.has(node)) continue;
        values.push(nodeValue(engine, node, indicator, series.latestPeriod, series.points.get(series.latestPeriod)!));
      }
      if (values.length > 0) io.to(target).emit('values', { values });
    }
    pending.clear();
  };

  const unsubscribe = opsroom.onEffects((effects: readonly Effect[]) => {
    const { engine } = opsroom;
    const { hierarchy } = engine.policy;
    for (const effect of effects) {
      if (effect.type === 'episode') {
        if (!hierarchy.has(effect.episode.node)) continue;
        const json = toEpisode(engine, effect.episode);
        io.to([effect.episode.node, ...hierarchy.ancestors(effect.episode.node)].map(room)).emit('episode', json);
        continue;
      }
      const series = engine.state.series.get(seriesKey(effect.node, effect.indicator));
      if (!series || series.latestPeriod !== effect.period || !hierarchy.has(effect.node)) continue; // only what the wall shows
      for (const target of [effect.node, hierarchy.parent(effect.node)]) {
        if (target === null || !listening(room(target))) continue;
        const key = room(target);
        if (!pending.has(key)) pending.set(key, new Map());
        pending.get(key)!.set(seriesKey(effect.node, effect.indicator), { node: effect.node, indicator: effect.indicator });
      }
    }
    if (pending.size > 0 && !flushTimer) flushTimer = setTimeout(flush, VALUES_FLUSH_MS);
  });

  return {
    io,
    close: async () => {
      unsubscribe();
      if (flushTimer) clearTimeout(flushTimer);
      await io.close();
    },
  };
}

export function snapshotFor(opsroom: Opsroom, node: string): SnapshotEvent {
  return { ...nodeView(opsroom.engine, node, 'open'), at: toIso(opsroom.clock()) };
}
