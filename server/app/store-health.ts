import { AppError } from './errors';

/** SQLite result codes that mean the disk or the file, not the request: worth a retry later. */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL|CORRUPT|NOTADB)/;

export const isStorageError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (STORAGE_CODES.test(code) || code === 'ENOSPC' || code === 'EIO' || code === 'EROFS');
};

/** Seconds a client is told to wait before retrying a write the store refused. */
export const RETRY_AFTER_SECONDS = 5;

export const storageRefusal = (error: unknown): AppError =>
  new AppError(503, 'storage_unavailable', `the store cannot write just now (${(error as Error).message}); nothing was changed, retry later`, undefined, RETRY_AFTER_SECONDS);

export interface StoreStatus {
  ok: boolean;
  /** ISO time of the first failure in the current run of failures. */
  failingSince: string | null;
  lastError: string | null;
  failures: number;
  /** Effect records (the events log's episode changes) waiting to be written; their inputs are on disk. */
  pendingEffects: number;
}

/** Whether the store is writing: health reads it, the scheduler backs off on it. */
export class StoreHealth {
  private since: number | null = null;
  private error: string | null = null;
  private count = 0;

  failed(error: unknown, at: number): void {
    this.since ??= at;
    this.error = (error as Error).message;
    this.count++;
  }

  succeeded(): void {
    this.since = null;
    this.error = null;
    this.count = 0;
  }

  get failing(): boolean {
    return this.since !== null;
  }

  status(pendingEffects: number): StoreStatus {
    return { ok: this.since === null, failingSince: this.since === null ? null : new Date(this.since).toISOString(), lastError: this.error, failures: this.count, pendingEffects };
  }
}
