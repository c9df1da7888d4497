import type { Server, Socket } from 'socket.io';
import type { Actor, TokenStore } from '../storage/tokens';

/** Longest delay a Node timer holds (about 24.8 days); a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the sockets of a token that stops working: at once when it is revoked, and when it expires
 * (a timer per socket, set when it connects). Returns what stops watching.
 */
export function closeSocketsOfEndedTokens(io: Server, tokens: TokenStore): { watch(socket: Socket): void; stop(): void } {
  const actorOf = (socket: Socket) => socket.data.actor as Actor | undefined;
  const stopRevoked = tokens.onRevoked((id) => {
    for (const socket of io.sockets.sockets.values()) if (actorOf(socket)?.tokenId === id) socket.disconnect(true);
  });
  const watch = (socket: Socket) => {
    const expiresAt = actorOf(socket)?.expiresAt ?? null;
    if (expiresAt === null) return;
    let timer: NodeJS.Timeout;
    const check = () => {
      const left = expiresAt - tokens.clock();
      if (left <= 0) socket.disconnect(true);
      else timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
    socket.once('disconnect', () => clearTimeout(timer));
  };
  return { watch, stop: stopRevoked };
}
