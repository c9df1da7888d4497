/**
 * What the room is told when the live feed drops. The server's shutdown notice is its own sentence
 * ("the server is shutting down (SIGTERM)"), shown as it came, so the room knows the network is not to
 * blame and that the feed comes back by itself.
 */
export function droppedWords(shutdown: string | null, disconnectReason: string): string {
  if (shutdown !== null) return `${shutdown}; waiting for it to come back`;
  return disconnectReason === 'io server disconnect' ? 'the server closed the connection' : 'connection lost';
}

/** A reconnection attempt failed: still the shutdown's words while the server is away, else the error's. */
export function retryingWords(shutdown: string | null, errorMessage: string): string {
  return shutdown !== null ? `${shutdown}; waiting for it to come back` : errorMessage;
}

/** The notice's reason, or words for a notice that could not be read. */
export function shutdownNotice(reason: string | undefined): string {
  const text = reason?.trim() ?? '';
  return text === '' ? 'the server is shutting down' : text;
}
