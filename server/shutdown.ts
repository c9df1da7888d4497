import type { Server } from 'node:http';

/** How long requests in flight get to finish before their connections are cut. */
export const DRAIN_MS = 5000;
const POLL_MS = 20;

/**
 * Stop accepting connections, close the realtime layer (it tells its sockets why), and let every
 * request already received finish: a keep-alive connection is closed as soon as it is idle. After
 * DRAIN_MS whatever is left is cut (a client still sending a body gets no answer, so nothing it was
 * promised is lost). Handlers run synchronously, so no transaction is ever half done when this runs.
 */
export async function drainAndClose(http: Server, closeRealtime: () => Promise<void>): Promise<void> {
  const stopped = new Promise<void>((done) => http.close(() => done()));
  const realtime = closeRealtime(); // socket.io closes the HTTP server too; that second close is harmless
  let settled = false;
  void stopped.then(() => (settled = true));
  const deadline = Date.now() + DRAIN_MS;
  while (!settled && Date.now() < deadline) {
    http.closeIdleConnections();
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  if (!settled) http.closeAllConnections();
  await Promise.all([stopped, realtime]);
}
