import { io, type Socket } from 'socket.io-client';
import { serverEvents, type ClientToServer, type ServerToClient } from '../../shared/contract/socket';
import type { LiveEvent } from '../state/live';
import { droppedWords, retryingWords, shutdownNotice } from './connection-words';

/** The one socket: follows the node in focus, and resubscribes after every reconnect. */
export interface LiveLink {
  focus(node: string): void;
  close(): void;
}

const RETRY_AFTER_REFUSAL_MS = 5000;

/** `url`: the page's own origin unless told (tests). */
export function openLive(token: string | null, emit: (event: LiveEvent) => void, url?: string): LiveLink {
  // WebSocket first (no long-polling handshake and upgrade before the snapshot); polling only where a proxy refuses it.
  const options = { auth: token ? { token } : {}, reconnectionDelayMax: 5000, transports: ['websocket', 'polling'] };
  const socket: Socket<ServerToClient, ClientToServer> = url === undefined ? io(options) : io(url, options);
  let focus: string | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  /** What the server said as it shut down, to tell the room why it went (not the network's fault), until it is back. */
  let shutdown: string | null = null;
  const status = (next: 'live' | 'reconnecting' | 'offline', message: string | null = null) =>
    emit({ type: 'connection', status: next, message, at: Date.now() });
  const subscribe = () => {
    if (focus === null || !socket.connected) return;
    // Refusals come back as `subscribe_error`.
    socket.emit('subscribe', { node: focus });
  };
  const later = (then: () => void) => {
    if (retry) clearTimeout(retry);
    retry = setTimeout(then, RETRY_AFTER_REFUSAL_MS);
  };

  socket.on('connect', () => {
    shutdown = null;
    status('live');
    subscribe();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    status('reconnecting', droppedWords(shutdown, reason));
    // socket.io retries by itself except when the server closed the connection on purpose.
    if (reason === 'io server disconnect') later(() => socket.connect());
  });
  socket.on('connect_error', (error) => {
    if (socket.active) status('reconnecting', retryingWords(shutdown, error.message));
    else {
      status('offline', `refused: ${error.message}`);
      later(() => socket.connect());
    }
  });

  socket.on('snapshot', (payload: unknown) => {
    const snapshot = serverEvents.snapshot.safeParse(payload);
    if (snapshot.success) emit({ type: 'snapshot', snapshot: snapshot.data, receivedAt: Date.now() });
    else emit({ type: 'problem', message: `unreadable snapshot: ${snapshot.error.issues[0]?.message ?? ''}` });
  });
  socket.on('episode', (payload: unknown) => {
    const episode = serverEvents.episode.safeParse(payload);
    if (episode.success) emit({ type: 'episode', episode: episode.data });
    else emit({ type: 'problem', message: `unreadable episode: ${episode.error.issues[0]?.message ?? ''}` });
  });
  socket.on('episode-figures', (payload: unknown) => {
    const figures = serverEvents['episode-figures'].safeParse(payload);
    if (figures.success) emit({ type: 'episode-figures', episodes: figures.data.episodes });
    else emit({ type: 'problem', message: `unreadable episode figures: ${figures.error.issues[0]?.message ?? ''}` });
  });
  socket.on('values', (payload: unknown) => {
    const values = serverEvents.values.safeParse(payload);
    if (values.success) emit({ type: 'values', values: values.data.values });
    else emit({ type: 'problem', message: `unreadable values: ${values.error.issues[0]?.message ?? ''}` });
  });
  socket.on('below', (payload: unknown) => {
    const below = serverEvents.below.safeParse(payload);
    if (below.success) emit({ type: 'below', node: below.data.node, settlingBelow: below.data.settlingBelow });
    else emit({ type: 'problem', message: `unreadable counts of what is settled below: ${below.error.issues[0]?.message ?? ''}` });
  });
  socket.on('finding', (payload: unknown) => {
    const event = serverEvents.finding.safeParse(payload);
    if (event.success) emit({ type: 'finding', finding: event.data.finding });
    else emit({ type: 'problem', message: `unreadable data-quality finding: ${event.error.issues[0]?.message ?? ''}` });
  });
  socket.on('server-shutdown', (payload: unknown) => {
    const notice = serverEvents['server-shutdown'].safeParse(payload);
    shutdown = shutdownNotice(notice.success ? notice.data.reason : undefined);
  });
  socket.on('subscribe_error', (payload: unknown) => {
    const refused = serverEvents.subscribe_error.safeParse(payload);
    emit({ type: 'problem', message: refused.success ? refused.data.message : 'the server refused the subscription' });
  });
  socket.on('error', (payload: unknown) => {
    const error = serverEvents.error.safeParse(payload);
    emit({ type: 'problem', message: error.success ? error.data.error.message : 'the server reported a socket error' });
  });

  return {
    focus(node) {
      if (node === focus) return;
      focus = node;
      emit({ type: 'focus', node });
      subscribe();
    },
    close() {
      if (retry) clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
