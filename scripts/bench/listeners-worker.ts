/** 1,000 wall clients for scale_5000, in their own process: they follow one node's room and hold on until the process is stopped. */
import { io, type Socket } from 'socket.io-client';

const [url, node, count] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];

function follow(): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((done, fail) => {
    socket.once('snapshot', () => done(socket));
    socket.once('connect', () => socket.emit('subscribe', { node }));
    socket.once('connect_error', (error) => fail(error));
  });
}

void (async () => {
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, follow));
  process.send!({ ready: count });
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
process.on('disconnect', () => process.exit(0));
