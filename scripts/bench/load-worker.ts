/**
 * The load generator, in its own process (forked by load.ts): posts bodies to a URL over keep-alive
 * connections, `concurrency` requests in flight, and answers with how long they took. Any answer but
 * a 2xx stops the run with its status and body, so a figure is never made of refusals.
 */
import { Agent, request } from 'node:http';
import { bodiesFor, type BodySpec } from './network';

export interface LoadJob {
  url: string;
  token?: string;
  spec: BodySpec;
  concurrency: number;
  /** No new request after this long: the run ends with the bodies it got through. */
  maxMs: number;
}
export type LoadAnswer = { ok: true; requests: number; seconds: number; latenciesMs: number[] } | { ok: false; error: string };

function post(agent: Agent, url: URL, body: string, token: string | undefined): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) done();
        else fail(new Error(`POST ${url.pathname} answered ${status}: ${Buffer.concat(chunks).toString().slice(0, 300)}`));
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function run(job: LoadJob): Promise<LoadAnswer> {
  const bodies = bodiesFor(job.spec);
  const url = new URL('/api/readings', job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: job.concurrency }, async () => {
      while (next < bodies.length && performance.now() - started < job.maxMs) {
        const body = bodies[next++]!;
        const sent = performance.now();
        await post(agent, url, body, job.token);
        latenciesMs.push(performance.now() - sent);
      }
    }));
    return { ok: true, requests: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    agent.destroy();
  }
}

process.on('message', (job: LoadJob) => {
  void run(job).then((answer) => process.send!(answer));
});
