import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookBodySchema, type WebhookBody } from '../../shared/webhook';

export interface Received {
  path: string;
  delivery: string;
  signature: string | undefined;
  raw: string;
  body: WebhookBody;
  /** What this request was answered (null: held, never answered). */
  answered: number | null;
}

/** `ok` answers 200; a number answers that status; `hang` holds the request unanswered (a server killed mid-delivery). */
export type Mode = 'ok' | 'hang' | number;

/**
 * A real webhook receiver on a free loopback port: it keeps every request, answers as `mode` says, and
 * can go down (the port refuses connections) and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  mode: Mode = 'ok';
  port = 0;
  private server: Server | null = null;
  private readonly held: ServerResponse[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => done());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stop listening: connections are refused until `up()` again. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const res of this.held.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Answer every request held so far (mode `hang`) with `status`: a slow receiver, answering at last. */
  release(status = 200): void {
    for (const res of this.held.splice(0)) res.writeHead(status, { 'Content-Type': 'text/plain' }).end('ok');
  }

  /** The requests for `receiver` about `episode` carrying `signal` status. */
  of(receiver: string, episode: string, status?: 'firing' | 'resolved'): Received[] {
    return this.received.filter((r) => r.body.receiver === receiver && r.body.groupLabels.episode === episode && (status === undefined || r.body.status === status));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const mode = this.mode;
    const answered = mode === 'hang' ? null : mode === 'ok' ? 200 : mode;
    this.received.push({
      path: req.url ?? '', delivery: String(req.headers['x-opsroom-delivery']), signature: req.headers['x-opsroom-signature'] as string | undefined,
      raw, body: webhookBodySchema.parse(JSON.parse(raw)), answered,
    });
    if (answered === null) return void this.held.push(res);
    res.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
  }
}

/** What a receiver does with `X-Opsroom-Signature`: recompute the HMAC of "<t>.<body>" and compare in constant time. */
export function validSignature(header: string | undefined, raw: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** Poll `check` until it holds, or fail after `ms` with what it last saw. */
export async function eventually<T>(check: () => T | Promise<T>, ok: (value: T) => boolean, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${ms} ms; last: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}
