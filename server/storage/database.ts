import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('input', 'effect')),
     type TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, format INTEGER NOT NULL, state TEXT NOT NULL);
   CREATE TABLE tokens (hash TEXT PRIMARY KEY, role TEXT NOT NULL, node TEXT, name TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Webhooks (#13): admin-added receivers, the outbox (one row per signal, written in the effect rows'
  // transaction) and every attempt. journaled_through: the last input whose effects are written; a
  // database from before starts with everything written.
  `CREATE TABLE webhook_receivers (name TEXT PRIMARY KEY, node TEXT NOT NULL, url TEXT NOT NULL, secret_env TEXT, created_at INTEGER NOT NULL);
   CREATE TABLE webhook_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     receiver TEXT NOT NULL, episode TEXT NOT NULL, signal TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, done_at INTEGER, last_error TEXT,
     UNIQUE (receiver, episode, signal)
   );
   CREATE INDEX webhook_outbox_pending ON webhook_outbox (status, receiver, id);
   CREATE TABLE webhook_attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT, delivery INTEGER NOT NULL, at INTEGER NOT NULL,
     status INTEGER, error TEXT, duration_ms INTEGER NOT NULL
   );
   CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery);
   INSERT INTO meta (key, value) SELECT 'journaled_through', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM events;`,
  // The delivery poll reads only what is due (a receiver down for days leaves many pending rows).
  `CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_at);`,
  // Webhooks, bounded (#13): a signal may be dropped (too many pending for one receiver, or its receiver
  // removed), and each row carries the generation of the receiver it was for, so a receiver removed and
  // added again under the same name is a new one (0: the configuration's; an admin's from meta's counter).
  `CREATE TABLE webhook_outbox_next (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     receiver TEXT NOT NULL, receiver_gen INTEGER NOT NULL DEFAULT 0, episode TEXT NOT NULL, signal TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'dropped')),
     attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, done_at INTEGER, last_error TEXT,
     UNIQUE (receiver, receiver_gen, episode, signal)
   );
   INSERT INTO sqlite_sequence (name, seq) SELECT 'webhook_outbox_next', seq FROM sqlite_sequence WHERE name = 'webhook_outbox';
   INSERT INTO webhook_outbox_next (id, receiver, episode, signal, body, created_at, status, attempts, next_at, done_at, last_error)
     SELECT id, receiver, episode, signal, body, created_at, status, attempts, next_at, done_at, last_error FROM webhook_outbox;
   DROP TABLE webhook_outbox;
   ALTER TABLE webhook_outbox_next RENAME TO webhook_outbox;
   CREATE INDEX webhook_outbox_pending ON webhook_outbox (status, receiver, id);
   CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_at);
   ALTER TABLE webhook_receivers ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;`,
];

/**
 * Open (and migrate) the database. WAL, with synchronous=FULL so that a reading answered 2xx survives
 * a crash of the process or of the machine.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db;
}
