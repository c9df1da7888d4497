import { z } from 'zod';
import { belowEventSchema, episodeFiguresEventSchema, episodeSchema, errorBodySchema, findingEventSchema, snapshotEventSchema, subscribeSchema, valuesEventSchema } from '../api';

/**
 * The socket.io contract: what a client may send, what the server sends, each with its zod schema.
 * The server's `Server<ClientToServer, ServerToClient>` and the client's `Socket<ServerToClient,
 * ClientToServer>` are typed from these maps, and each side parses what it receives with them.
 */
export const clientEvents = {
  /** Follow one node's room: answered by a `snapshot`, or a `subscribe_error`. */
  subscribe: subscribeSchema,
} as const;

export const subscribeErrorSchema = z.object({ message: z.string() });

/** The server is stopping (SIGTERM): told before it disconnects each client, so the wall does not blame the network. */
export const serverShutdownSchema = z.object({ reason: z.string() });

export const serverEvents = {
  snapshot: snapshotEventSchema,
  /** An episode that reached the room changed (the first carries the whole path so far). */
  episode: episodeSchema,
  'episode-figures': episodeFiguresEventSchema,
  values: valuesEventSchema,
  below: belowEventSchema,
  /** A data-quality finding newly recorded at the room's node ("published figure differs"). */
  finding: findingEventSchema,
  subscribe_error: subscribeErrorSchema,
  'server-shutdown': serverShutdownSchema,
  error: errorBodySchema,
} as const;

type Listeners<Events extends Record<string, z.ZodType>> = { [Name in keyof Events]: (payload: z.output<Events[Name]>) => void };
export type ClientToServer = Listeners<typeof clientEvents>;
export type ServerToClient = Listeners<typeof serverEvents>;
export type ServerEventName = keyof ServerToClient;
