import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './database';

export type Role = 'admin' | 'reporter' | 'coordinator';
export interface Actor {
  role: Role;
  node: string | null;
  name: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `ops_${randomBytes(24).toString('base64url')}`;

/** Bearer tokens, stored hashed; a token is shown once, when issued. */
export class TokenStore {
  /** Admin tokens that live only as long as this process (the built-in simulator's). */
  private readonly sessionAdmins = new Set<string>();

  constructor(private readonly db: Db) {}

  /** An admin token for an in-process client, valid until the server stops, never stored. */
  sessionAdmin(): string {
    const token = newToken();
    this.sessionAdmins.add(hash(token));
    return token;
  }

  issue(role: 'reporter' | 'coordinator', node: string, name: string, at: number): string {
    const token = newToken();
    this.db.prepare('INSERT INTO tokens (hash, role, node, name, created_at) VALUES (?, ?, ?, ?, ?)').run(hash(token), role, node, name, at);
    return token;
  }

  /** Make sure there is an admin token. Returns a newly generated one (to print once), or null. */
  ensureAdmin(fromEnvironment: string | undefined): string | null {
    if (fromEnvironment) {
      this.setMeta('admin_token_hash', hash(fromEnvironment));
      return null;
    }
    if (this.meta('admin_token_hash')) return null;
    const token = newToken();
    this.setMeta('admin_token_hash', hash(token));
    return token;
  }

  verify(token: string): Actor | null {
    const digest = hash(token);
    const admin = this.meta('admin_token_hash');
    if (admin && timingSafeEqual(Buffer.from(admin), Buffer.from(digest))) return { role: 'admin', node: null, name: 'admin' };
    if (this.sessionAdmins.has(digest)) return { role: 'admin', node: null, name: 'simulator' };
    const row = this.db.prepare('SELECT role, node, name FROM tokens WHERE hash = ?').get(digest) as Actor | undefined;
    return row ?? null;
  }

  private meta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
