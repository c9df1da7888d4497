import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './database';

export type Role = 'admin' | 'reporter' | 'coordinator';
export interface Actor {
  role: Role;
  node: string | null;
  name: string;
  /** The issued token's id (null for the admin token and the simulator's): what revocation names. */
  tokenId: string | null;
  /** When the token stops working (wall clock, ms), or null. */
  expiresAt: number | null;
}

/** An issued token as GET /api/tokens lists it: never the secret, nor its hash. */
export interface TokenInfo {
  id: string;
  role: 'reporter' | 'coordinator';
  node: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

interface Row {
  id: string;
  role: 'reporter' | 'coordinator';
  node: string;
  name: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export type TokenStatus = 'active' | 'revoked' | 'expired';

/** Whether an issued token still works at `now`: revoked first (it was taken away), then past its expiry. */
export function tokenStatus(token: { expiresAt: number | null; revokedAt: number | null }, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && now >= token.expiresAt) return 'expired';
  return 'active';
}

/** What `verify` says: who it is, or why not. */
export type Verified = { actor: Actor } | { refused: 'unknown' | 'revoked' | 'expired' };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `ops_${randomBytes(24).toString('base64url')}`;
const newId = () => `tok_${randomBytes(8).toString('hex')}`;
const info = (row: Row): TokenInfo => ({
  id: row.id, role: row.role, node: row.node, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at,
});

/** Bearer tokens, stored hashed; a token is shown once, when issued. Expiry and revocation follow the wall clock. */
export class TokenStore {
  /** Admin tokens that live only as long as this process (the built-in simulator's). */
  private readonly sessionAdmins = new Set<string>();
  private readonly revokedListeners = new Set<(id: string) => void>();
  /** The wall clock (not the engine's: a held history clock must not keep a token alive). */
  clock: () => number = Date.now;

  constructor(private readonly db: Db) {
    addTokenColumns(db);
  }

  /** An admin token for an in-process client, valid until the server stops, never stored. */
  sessionAdmin(): string {
    const token = newToken();
    this.sessionAdmins.add(hash(token));
    return token;
  }

  issue(role: 'reporter' | 'coordinator', node: string, name: string, options: { expiresInMs?: number } = {}): { token: string; info: TokenInfo } {
    const token = newToken();
    const now = this.clock();
    const row: Row = { id: newId(), role, node, name, created_at: now, expires_at: options.expiresInMs === undefined ? null : now + options.expiresInMs, revoked_at: null };
    this.db
      .prepare('INSERT INTO tokens (hash, id, role, node, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hash(token), row.id, role, node, name, row.created_at, row.expires_at);
    return { token, info: info(row) };
  }

  /** Every issued token, newest first, revoked and expired ones included (so an audit sees them). */
  list(): TokenInfo[] {
    return (this.db.prepare('SELECT id, role, node, name, created_at, expires_at, revoked_at FROM tokens ORDER BY created_at DESC, id').all() as Row[]).map(info);
  }

  /** Revoke an issued token: it stops working at once and its open sockets are closed. Null when there is no such token. */
  revoke(id: string): TokenInfo | null {
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.clock(), id);
    const row = this.db.prepare('SELECT id, role, node, name, created_at, expires_at, revoked_at FROM tokens WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    for (const listener of this.revokedListeners) listener(id);
    return info(row);
  }

  onRevoked(listener: (id: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /**
   * The admin token follows OPSROOM_ADMIN_TOKEN: set, its hash is stored; changed, the old one stops
   * working; removed, a new one is generated (and returned, to print once), so the removed one stops
   * working too. Returns a newly generated token, or null.
   */
  ensureAdmin(fromEnvironment: string | undefined): string | null {
    if (fromEnvironment) {
      this.setMeta('admin_token_hash', hash(fromEnvironment));
      this.setMeta('admin_token_source', 'environment');
      return null;
    }
    // A database from before the source was recorded keeps its hash: it cannot tell the two apart.
    if (this.meta('admin_token_hash') && this.meta('admin_token_source') !== 'environment') return null;
    const token = newToken();
    this.setMeta('admin_token_hash', hash(token));
    this.setMeta('admin_token_source', 'generated');
    return token;
  }

  verify(token: string): Verified {
    const digest = hash(token);
    const admin = this.meta('admin_token_hash');
    if (admin && timingSafeEqual(Buffer.from(admin), Buffer.from(digest))) return { actor: { role: 'admin', node: null, name: 'admin', tokenId: null, expiresAt: null } };
    if (this.sessionAdmins.has(digest)) return { actor: { role: 'admin', node: null, name: 'simulator', tokenId: null, expiresAt: null } };
    const row = this.db.prepare('SELECT id, role, node, name, created_at, expires_at, revoked_at FROM tokens WHERE hash = ?').get(digest) as Row | undefined;
    if (!row) return { refused: 'unknown' };
    const status = tokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, this.clock());
    if (status !== 'active') return { refused: status };
    return { actor: { role: row.role, node: row.node, name: row.name, tokenId: row.id, expiresAt: row.expires_at } };
  }

  private meta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

/**
 * The columns revocation and expiry need, added in place (kept here, beside the only code that reads
 * them, rather than as a numbered migration). Tokens issued before get an id from their hash.
 */
function addTokenColumns(db: Db): void {
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('tokens')").all() as { name: string }[]).map((column) => column.name));
  db.transaction(() => {
    if (!columns.has('id')) db.exec('ALTER TABLE tokens ADD COLUMN id TEXT');
    if (!columns.has('expires_at')) db.exec('ALTER TABLE tokens ADD COLUMN expires_at INTEGER');
    if (!columns.has('revoked_at')) db.exec('ALTER TABLE tokens ADD COLUMN revoked_at INTEGER');
    db.exec("UPDATE tokens SET id = 'tok_' || substr(hash, 1, 16) WHERE id IS NULL");
    db.exec('CREATE UNIQUE INDEX IF NOT EXISTS tokens_id ON tokens (id)');
  })();
}
