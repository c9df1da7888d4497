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
