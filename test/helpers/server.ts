import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { start, type Running, type StartOptions } from '../../server/main';
import type { Config } from '../../shared/config';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestServer extends Running {
  dir: string;
  dbPath: string;
  clock: { now: number };
  token(role: 'reporter' | 'coordinator', node: string, name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real server on a free port with a fresh SQLite file; `clock.now` is the server's clock when given. */
export async function startTestServer(config: Config, options: { now?: number; dir?: string; start?: Partial<StartOptions>; webhooks?: StartOptions['webhooks'] } = {}): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'opsroom-test-'));
  const dbPath = join(dir, 'opsroom.db');
  const clock = { now: options.now ?? Date.now() };
  const running = await start({ config, dbPath, port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock: options.now === undefined ? undefined : () => clock.now, webhooks: options.webhooks, ...options.start });
  return {
    ...running,
    dir,
    dbPath,
    clock,
    token: async (role, node, name) => {
      const res = await request(running.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role, node, ...(name ? { name } : {}) });
      if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    stop: async () => {
      await running.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
