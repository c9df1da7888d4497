import Database from 'better-sqlite3';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Who holds a database's writer lock: written by the holder into the database's meta table, read by whoever is refused. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface WriterLock {
  readonly path: string;
  release(): void;
}

export class DatabaseLockedError extends Error {}

/**
 * The lock sits beside the real file, not the path as given: a symlink to a held database (or into a
 * symlinked folder) must meet the same lock, not make a second one beside itself.
 */
export function lockPathOf(dbPath: string): string {
  if (existsSync(dbPath)) return `${realpathSync(dbPath)}.lock`;
  const folder = dirname(dbPath);
  return existsSync(folder) ? join(realpathSync(folder), `${basename(dbPath)}.lock`) : `${dbPath}.lock`;
}

export const thisProcess = (): LockHolder => ({
  pid: process.pid,
  host: hostname(),
  startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  command: process.argv.slice(1).join(' '),
});

const describe = (holder: LockHolder | null) =>
  holder ? `process ${holder.pid} on ${holder.host}, started ${holder.startedAt} (${holder.command})` : 'another process (it has not said who it is yet)';

/**
 * One writer per database. The lock is an OS lock on a small SQLite file beside the database
 * (`<db>.lock`, held with locking_mode=EXCLUSIVE for as long as the connection is open), so the kernel
 * lets go of it the instant its holder dies, even by SIGKILL: a restart never waits for a stale lock
 * to age out (as a lock directory with a heartbeat, proper-lockfile's way, would), and a holder that is
 * paused never loses it to a second writer. Readers of the database itself are not blocked. Who holds
 * it (pid, start time) is written by the holder into the database's meta table, where `readHolder`
 * finds it for the refusal message.
 */
export function acquireWriterLock(dbPath: string, readHolder: () => LockHolder | null = () => readLockHolder(dbPath)): WriterLock {
  const path = lockPathOf(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY'); // the file holds nothing worth a journal beside it
    db.exec('CREATE TABLE IF NOT EXISTS held (at INTEGER NOT NULL)');
    db.prepare('INSERT INTO held (at) VALUES (?)').run(Date.now()); // the first write takes the exclusive lock and keeps it
    db.exec('DELETE FROM held');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DatabaseLockedError(`${dbPath} is in use by ${describe(readHolder())}; one process writes a database at a time. Stop it first, or choose another database.`);
    }
    throw error;
  }
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      db.close();
    },
  };
}

const HOLDER_KEY = 'writer';

/** Record this process as the writer, in the database the lock guards (call once the lock is held). */
export function recordLockHolder(db: Database.Database, holder: LockHolder = thisProcess()): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(HOLDER_KEY, JSON.stringify(holder));
}

/** The writer the database names, read without taking any lock; null when it cannot be read. */
export function readLockHolder(dbPath: string): LockHolder | null {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 1000 });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(HOLDER_KEY) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as LockHolder) : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
