/**
 * The ceiling for ingest, in its own process like the real server: raw node:http reading the body,
 * JSON.parse and the project's zod reading schema, answering what the real server answers; nothing
 * stored, no engine. Tells its parent the port over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseReadingsBody } from '../../shared/api';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
      return;
    }
    const parsed = parseReadingsBody(body);
    if (!parsed.success) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad reading"}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: parsed.data.length, duplicates: 0, stale: 0 }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
