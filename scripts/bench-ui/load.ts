/**
 * The bench's load generator, run in a process of its own: posts the simulator's readings for a
 * generated network at a steady rate (default 100 readings/s, in ten batches a second) over one
 * keep-alive HTTP connection, unit after unit round the network, each stamped with the moment it is
 * sent, so every batch revises the current hour and the national room hears new values at once.
 *
 *   tsx scripts/bench-ui/load.ts --url http://127.0.0.1:3000 --token <admin> --units 5000 [--rate 100] [--tick 400]
 */
import { request, Agent } from 'node:http';
import { parseArgs } from 'node:util';
import type { Reading } from '../../shared/api';
import { buildModel, readingsAt } from '../sim/index';
import { largeNetwork, troubled } from './network';

const BATCHES_PER_SECOND = 10;

const { values } = parseArgs({
  options: { url: { type: 'string' }, token: { type: 'string' }, units: { type: 'string' }, rate: { type: 'string', default: '100' }, tick: { type: 'string', default: '400' } },
});
if (!values.url || !values.token || !values.units) throw new Error('load: --url, --token and --units are needed');
const url = new URL('/api/readings', values.url);
const token = values.token;
const rate = Number(values.rate);
const config = largeNetwork(Number(values.units));
const model = buildModel(config, { seed: 1971, tickMs: 3_600_000 });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(readings: Reading[]): Promise<void> {
  const body = JSON.stringify({ readings });
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`load: POST /api/readings → ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Round the network: one simulator tick's readings per pass, the next tick on the next pass. */
let tick = Number(values.tick);
let queue: Reading[] = [];
let sent = 0;
const started = Date.now();

function nextBatch(size: number): Reading[] {
  const batch: Reading[] = [];
  while (batch.length < size) {
    if (queue.length === 0) queue = troubled(readingsAt(model, tick++, new Date().toISOString()));
    batch.push(...queue.splice(0, size - batch.length));
  }
  const ts = new Date().toISOString();
  return batch.map((reading) => ({ ...reading, ts }));
}

const perBatch = Math.max(1, Math.round(rate / BATCHES_PER_SECOND));
const timer = setInterval(() => {
  const batch = nextBatch(perBatch);
  post(batch).then(
    () => (sent += batch.length),
    (error: Error) => console.error(error.message),
  );
}, 1000 / BATCHES_PER_SECOND);

const stop = () => {
  clearInterval(timer);
  console.log(`load: ${sent} readings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  agent.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
