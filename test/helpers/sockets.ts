import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { snapshotEventSchema, type SnapshotEvent } from '../../shared/api';

/** socket.io clients for tests against a real server; `closeAll` in afterEach. */
export function socketPool() {
  const sockets: Socket[] = [];
  return {
    connect(url: string, token?: string): Socket {
      const socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of sockets.splice(0)) socket.close();
    },
  };
}

/** The next `event` on `socket` that satisfies `where`. */
export const next = <T>(socket: Socket, event: string, where: (payload: T) => boolean = () => true, timeoutMs = 5000) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!where(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });

/** Subscribe to `node` and wait for its snapshot, parsed as the client parses it. */
export const subscribe = async (socket: Socket, node: string): Promise<SnapshotEvent> => {
  const snapshot = next<SnapshotEvent>(socket, 'snapshot');
  socket.emit('subscribe', { node });
  return snapshotEventSchema.parse(await snapshot);
};

/** Every `event` the socket receives from now on, each parsed with `schema` (a bad payload fails the test). */
export function collect<S extends z.ZodType>(socket: Socket, event: string, schema: S): z.output<S>[] {
  const seen: z.output<S>[] = [];
  socket.on(event, (payload: unknown) => seen.push(schema.parse(payload)));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
