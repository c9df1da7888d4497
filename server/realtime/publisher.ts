import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { type BelowEvent, type FindingEvent, type NodeValue, type SnapshotEvent } from '../../shared/api';
import { clientEvents, type ClientToServer, type ServerToClient } from '../../shared/contract/socket';
import { hasReached } from '../../shared/reach';
import type { Opsroom } from '../app/opsroom';
import type { Effect } from '../domain/effects';
import { nodeValue, nodeView, openSettling, settlingBelowOf, toEpisodeOnce } from '../domain/views';
import { toIso } from '../domain/time';
import { seriesKey } from '../domain/state';
import { episodeFiguresTracker } from './episode-figures';
import { closeSocketsOfEndedTokens } from './token-sockets';
import { episodeNewsDesk, HELD_BACK_REFRESH_MS } from './episode-news';

const room = (node: string) => `node:${node}`;
export const VALUES_FLUSH_MS = 100;

/**
 * One room per node, attenuated on the server (shared/reach.ts). A subscriber gets a snapshot of its
 * node: the open episodes that reached it, and per child a count of what is being settled below; then
 * every change to an episode that has reached the node (the first one carries the whole path so far,
 * the last the resolution; a change only to the figures of the ancestors' breaches it holds back is
 * sent at most every HELD_BACK_REFRESH_MS, episode-news.ts), and, coalesced every VALUES_FLUSH_MS, the values of the node and its
 * children (never deeper) and its counts of what is being settled below when they change, and the
 * figure now of each open episode that reached it whose latest judged figure moved (episode-figures.ts). A unit is
 * the origin of its own episodes, so its room hears everything said about them above.
 */
export type RealtimeServer = Server<ClientToServer, ServerToClient>;

export function attachRealtime(http: HttpServer, opsroom: Opsroom): { io: RealtimeServer; close(reason?: string): Promise<void> } {
  const io: RealtimeServer = new Server<ClientToServer, ServerToClient>(http, { serveClient: false, cors: { origin: false } });
  /** Per room, the series whose latest value changed since the last flush (computed once, at flush). */
  const pending = new Map<string, Map<string, Extract<Effect, { type: 'value' }>>>();
  /** Nodes whose counts of what is being settled below may have changed since the last flush. */
  const belowPending = new Set<string>();
  /** The counts each room was last sent (as JSON), so an unchanged count is not sent again. */
  const belowSent = new Map<string, string>();
  const listening = (target: string) => (io.sockets.adapter.rooms.get(target)?.size ?? 0) > 0;
  const figures = episodeFiguresTracker();
  const desk = episodeNewsDesk();
  let flushTimer: NodeJS.Timeout | null = null;
  let heldBackTimer: NodeJS.Timeout | null = null;
  const sendHeldBack = () => {
    heldBackTimer = null;
    for (const { episode, rooms } of desk.takeWaiting()) io.to(rooms).emit('episode', episode);
  };

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token !== '') {
      const verified = opsroom.tokens.verify(token);
      if ('refused' in verified) return next(new Error(`unauthorized: ${verified.refused} token`));
      socket.data.actor = verified.actor;
      return next();
    }
    if (!opsroom.engine.policy.config.publicRead) return next(new Error('unauthorized: this network needs a token to read'));
    next();
  });

  const ended = closeSocketsOfEndedTokens(io, opsroom.tokens);
  io.on('connection', (socket: Socket<ClientToServer, ServerToClient>) => {
    ended.watch(socket);
    socket.on('subscribe', (payload: unknown) => {
      const parsed = clientEvents.subscribe.safeParse(payload);
      if (!parsed.success) return socket.emit('subscribe_error', { message: 'subscribe needs {"node": "<id>"}' });
      const node = parsed.data.node;
      if (!opsroom.engine.policy.hierarchy.has(node)) return socket.emit('subscribe_error', { message: `no node "${node}"` });
      for (const joined of socket.rooms) if (joined !== socket.id) void socket.leave(joined);
      void socket.join(room(node));
      // The newcomer's snapshot may be newer than what the room was last sent: send the next change whatever it was.
      belowSent.delete(room(node));
      socket.emit('snapshot', snapshotFor(opsroom, node));
    });
  });

  const flush = () => {
    flushTimer = null;
    const { engine } = opsroom;
    for (const [target, changed] of pending) {
      const values: NodeValue[] = [];
      for (const { node, indicator, period, point } of changed.values()) {
        if (!engine.policy.hierarchy.has(node) || !engine.policy.indicators.has(indicator)) continue;
        values.push(nodeValue(engine, node, indicator, period, point));
      }
      if (values.length > 0) io.to(target).emit('values', { values });
    }
    pending.clear();
    for (const [node, episodes] of figures.flush(engine, (node) => listening(room(node)))) io.to(room(node)).emit('episode-figures', { episodes });
    const open = belowPending.size > 0 ? openSettling(engine) : [];
    for (const node of belowPending) {
      const target = room(node);
      if (!listening(target) || !engine.policy.hierarchy.has(node)) {
        belowSent.delete(target);
        continue;
      }
      const event: BelowEvent = { node, settlingBelow: settlingBelowOf(engine, node, open) };
      const json = JSON.stringify(event.settlingBelow);
      if (belowSent.get(target) === json) continue;
      belowSent.set(target, json);
      io.to(target).emit('below', event);
    }
    belowPending.clear();
  };

  const unsubscribe = opsroom.onEffects((effects: readonly Effect[]) => {
    const { engine } = opsroom;
    const { hierarchy } = engine.policy;
    for (const effect of effects) {
      if (effect.type === 'episode') {
        const { episode } = effect;
        if (!hierarchy.has(episode.node)) continue;
        const line = [episode.node, ...hierarchy.ancestors(episode.node)];
        // Only the rooms it has reached, as it stands after this change; the origin always.
        const told = line.filter((node) => hasReached(episode, node));
        const json = toEpisodeOnce(engine, effect);
        // News at once; a change only to the held-back ancestors' figures waits for the refresh (the latest one goes).
        const fate = desk.offer(json, told.map(room));
        if (fate === 'send') {
          io.to(told.map(room)).emit('episode', json);
          figures.sent(json);
        } else if (fate === 'held' && !heldBackTimer) heldBackTimer = setTimeout(sendHeldBack, HELD_BACK_REFRESH_MS);
        // Any ancestor may count it differently now (newly below, passed up to it, resolved): recount at the flush.
        for (const node of line.slice(1)) if (listening(room(node))) belowPending.add(node);
        continue;
      }
      if (effect.type === 'finding') {
        // Shown on the node's own view (its indicator cards), so its room hears it at once.
        const target = room(effect.finding.node);
        if (hierarchy.has(effect.finding.node) && listening(target)) io.to(target).emit('finding', { finding: effect.finding } satisfies FindingEvent);
        continue;
      }
      figures.touch(effect.node, effect.indicator);
      if (!effect.latest || !hierarchy.has(effect.node)) continue; // only what the wall shows
      for (const target of [effect.node, hierarchy.parent(effect.node)]) {
        if (target === null || !listening(room(target))) continue;
        const key = room(target);
        if (!pending.has(key)) pending.set(key, new Map());
        pending.get(key)!.set(seriesKey(effect.node, effect.indicator), effect);
      }
    }
    if ((pending.size > 0 || belowPending.size > 0 || figures.waiting()) && !flushTimer) flushTimer = setTimeout(flush, VALUES_FLUSH_MS);
  });

  return {
    io,
    /** With a reason, each client is told it (`server-shutdown`) and disconnected by the server, so it knows not to blame the network. */
    close: async (reason?: string) => {
      unsubscribe();
      ended.stop();
      if (flushTimer) clearTimeout(flushTimer);
      if (heldBackTimer) clearTimeout(heldBackTimer);
      if (reason !== undefined) {
        io.emit('server-shutdown', { reason });
        io.disconnectSockets(true);
      }
      await io.close();
    },
  };
}

export function snapshotFor(opsroom: Opsroom, node: string): SnapshotEvent {
  return { ...nodeView(opsroom.engine, node, 'open'), at: toIso(opsroom.clock()), clock: opsroom.clockFrozen ? 'frozen' : 'live' };
}
