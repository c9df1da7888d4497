/**
 * The ceiling for post_to_screen_p99, in its own process: a bare socket.io server on raw node:http.
 * A client's `subscribe` joins the node's room and gets a `snapshot`; a POST of readings is parsed
 * (JSON.parse + the zod schema) and the episode its parent handed over (one the real server sent,
 * so the same size) is emitted to the room of the reading's unit before the POST is answered.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { parseReadingsBody } from '../../shared/api';

let episode: unknown = {};
process.on('message', (message: { episode: unknown }) => {
  episode = message.episode;
});

const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const parsed = parseReadingsBody(JSON.parse(Buffer.concat(chunks).toString()));
    if (!parsed.success) return void res.writeHead(400).end();
    io.to(`node:${parsed.data[0]!.unit}`).emit('episode', episode);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: parsed.data.length, duplicates: 0, stale: 0 }));
  });
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (payload: { node: string }) => {
    void socket.join(`node:${payload.node}`);
    socket.emit('snapshot', { node: payload.node, episodes: [] });
  });
});
http.listen(0, '127.0.0.1', () => process.send!({ port: (http.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
