import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport, type ImportOptions } from '../../scripts/nhs/plan';
import { start, type Running } from '../../server/main';
import type { Config } from '../../shared/config';
import { DATA_DIR, DEFAULT_ALLOWANCES } from '../scripts/nhs-data';

export interface ImportedRoom {
  server: Running;
  config: Config;
  /** A scratch folder the room lives in, for any other database the test needs; removed by close(). */
  dir: string;
  close(): Promise<void>;
}

/** A slice of the real NHS data imported and served with the clock frozen where its log ends, as the README says to review a winter. */
export async function serveImportedWinter(options: Omit<ImportOptions, 'dir' | 'allowanceDays'> & { adminToken?: string }): Promise<ImportedRoom> {
  const { adminToken, ...importOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-imported-'));
  const dbPath = join(dir, 'nhs.db');
  const plan = planImport({ dir: DATA_DIR, allowanceDays: DEFAULT_ALLOWANCES, ...importOptions });
  backfill(plan.built.config, dbPath, plan.days).room.close();
  const server = await start({ config: plan.built.config, dbPath, port: 0, host: '127.0.0.1', quiet: true, clock: 'frozen', ...(adminToken ? { adminToken } : {}) });
  return {
    server, config: plan.built.config, dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
