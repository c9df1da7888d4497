/**
 * The wall's side of post_to_screen_p99, in its own process (forked by screen.ts): `clients`
 * socket.io clients follow one node's room; then trial after trial it POSTs a reading that changes
 * an episode there and times, at each client, the first `episode` event after the POST was sent.
 */
import { Agent, request } from 'node:http';
import { io, type Socket } from 'socket.io-client';

export interface ScreenJob {
  url: string;
  token?: string;
  node: string;
  clients: number;
  /** One body per trial, each changing an episode that reaches `node`. */
  bodies: string[];
  trialTimeoutMs: number;
}
export type ScreenAnswer = { ok: true; delaysMs: number[]; missed: number; sample: unknown } | { ok: false; error: string };

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(url: string, body: string, token: string | undefined): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(new URL('/api/readings', url), {
      method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 0) < 300 ? done() : fail(new Error(`POST answered ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(body);
  });
}

function follow(url: string, node: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((done, fail) => {
    socket.once('snapshot', () => done(socket));
    socket.once('connect', () => socket.emit('subscribe', { node }));
    socket.once('connect_error', (error) => fail(error));
  });
}

async function run(job: ScreenJob): Promise<ScreenAnswer> {
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < job.clients; i += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, job.clients - i) }, () => follow(job.url, job.node)))));
    const delaysMs: number[] = [];
    let missed = 0;
    let sample: unknown = null;
    for (const body of job.bodies) {
      let sent = Infinity;
      const arrived = sockets.map((socket) => new Promise<number | null>((done) => {
        const timer = setTimeout(() => { socket.off('episode', heard); done(null); }, job.trialTimeoutMs);
        function heard(episode: unknown) {
          if (performance.now() < sent) return;
          sample ??= episode;
          clearTimeout(timer);
          socket.off('episode', heard);
          done(performance.now() - sent);
        }
        socket.on('episode', heard);
      }));
      sent = performance.now();
      await post(job.url, body, job.token);
      for (const delay of await Promise.all(arrived)) {
        if (delay === null) missed++;
        else delaysMs.push(delay);
      }
    }
    return { ok: true, delaysMs, missed, sample };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

process.on('message', (job: ScreenJob) => {
  void run(job).then((answer) => process.send!(answer));
});
