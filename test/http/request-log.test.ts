import express from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { httpLogger } from '../../server/observe/logger';

/** The request lines a tiny app writes for one answer of the given status. */
async function linesFor(status: number): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  const app = express();
  app.use(httpLogger(pino({ level: 'info' }, sink)));
  app.get('/x', (_req, res) => void res.status(status).json({}));
  await request(app).get('/x').expect(status);
  return lines;
}

test.each([
  // The store refusing writes during a full disk: thousands of these must not be errors with stacks.
  { status: 503, level: 40 },
  // A real server fault stays an error.
  { status: 500, level: 50 },
  // Refusals of bad input are warnings.
  { status: 422, level: 40 },
  { status: 200, level: 30 },
])('an answer of $status is logged at level $level, with no stack of pino-http\'s own', async ({ status, level }) => {
  const [line] = await linesFor(status);
  expect(line!.level).toBe(level);
  expect(JSON.stringify(line)).not.toContain('at onResFinished');
});
