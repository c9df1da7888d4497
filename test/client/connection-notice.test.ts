import { droppedWords, retryingWords, shutdownNotice } from '../../client/net/connection-words';
import { openLive, type LiveLink } from '../../client/net/live';
import type { LiveEvent } from '../../client/state/live';
import { testConfig } from '../helpers/network';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/webhook-receiver';

describe('what the room is told when the feed drops', () => {
  test.each([
    // the server said why it went: its words, and that the feed comes back by itself
    ['the server is shutting down (SIGTERM)', 'io server disconnect', 'the server is shutting down (SIGTERM); waiting for it to come back'],
    // the notice wins even when the socket saw only a transport close (the notice came first)
    ['the server is shutting down (SIGINT)', 'transport close', 'the server is shutting down (SIGINT); waiting for it to come back'],
    // no notice, the server closed the socket on purpose
    [null, 'io server disconnect', 'the server closed the connection'],
    // no notice, the network dropped
    [null, 'transport close', 'connection lost'],
  ])('notice %j, socket %j → %j', (shutdown, reason, words) => {
    expect(droppedWords(shutdown, reason)).toBe(words);
  });

  test.each([
    // the server is still away after its notice: keep telling why, not "xhr poll error"
    ['the server is shutting down (SIGTERM)', 'websocket error', 'the server is shutting down (SIGTERM); waiting for it to come back'],
    // no notice: the error as it is
    [null, 'websocket error', 'websocket error'],
  ])('retrying after notice %j, error %j → %j', (shutdown, error, words) => {
    expect(retryingWords(shutdown, error)).toBe(words);
  });

  test.each([
    // the reason as the server wrote it
    ['maintenance at 02:00', 'maintenance at 02:00'],
    // an unreadable or empty notice still says it was a shutdown
    [undefined, 'the server is shutting down'],
    ['  ', 'the server is shutting down'],
  ])('notice reason %j → %j', (reason, words) => {
    expect(shutdownNotice(reason)).toBe(words);
  });
});

test('a real server shutting down with a reason: the client shows that reason, not a network fault', async () => {
  const server = await startTestServer(testConfig());
  const events: LiveEvent[] = [];
  let link: LiveLink | null = null;
  try {
    link = openLive(null, (event) => events.push(event), server.url);
    link.focus('ENG');
    await eventually(() => events.filter((e) => e.type === 'connection' && e.status === 'live').length, (n) => n === 1, 10_000, 'live');
    await server.close('the server is shutting down (SIGTERM)');
    const dropped = await eventually(() => events.filter((e) => e.type === 'connection' && e.status === 'reconnecting'), (rows) => rows.length >= 1, 10_000, 'the notice shown');
    expect(dropped[0]).toMatchObject({ message: 'the server is shutting down (SIGTERM); waiting for it to come back' });
  } finally {
    link?.close();
    await server.stop();
  }
});
