/**
 * restart: ms from spawning the server to its saying where it serves, on a database holding the
 * imported 2022-23 winter (npm run import:nhs, run here into the bench's temporary folder), its clock
 * frozen where the log ends; beside the same server starting on an empty database, so what the winter
 * adds is plain. Needs the NHS files in ../shared/data; without them the figure is left out.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseConfig } from '../../shared/config';
import { benchConfig } from './network';
import { launchServer, stop } from './processes';
import { median, type Figure } from './results';
import { seekFigure } from './seek';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
export const NHS_DIR = resolve(ROOT, '../shared/data');

export const canMeasureRestart = () => existsSync(join(NHS_DIR, 'winter_sitrep_daily.csv'));

/** `restart`, and `seek_winter` on the same imported database. */
export async function restartFigures(root: string, runs: number, say: (line: string) => void): Promise<{ restart: Figure; seek_winter: Figure }> {
  const dir = mkdtempSync(join(root, 'winter-'));
  const db = join(dir, 'bench.db');
  const configPath = join(dir, 'nhs.json');
  say('restart: importing the 2022-23 winter');
  const started = performance.now();
  await run(process.execPath, ['--import', 'tsx', 'scripts/import-nhs.ts', '--season', '2022-23', '--db', db, '--config-out', configPath], { cwd: ROOT, timeout: 240_000, maxBuffer: 64 * 2 ** 20 });
  const importSeconds = (performance.now() - started) / 1000;
  const config = parseConfig(JSON.parse(await readFile(configPath, 'utf8')));
  const winter: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) {
    say(`restart ${i + 1} of ${runs}`);
    const served = await launchServer(dir, config, { OPSROOM_CLOCK: 'frozen' });
    winter.push(served.readyMs);
    await stop(served.child);
    const bare = await launchServer(mkdtempSync(join(root, 'empty-')), benchConfig('threshold'));
    empty.push(bare.readyMs);
    await stop(bare.child);
  }
  const served = await launchServer(dir, config, { OPSROOM_CLOCK: 'frozen' });
  const seek = await seekFigure(served, dir, runs, say);
  await stop(served.child);
  const value = median(winter);
  const ceiling = median(empty);
  const restart: Figure = {
    value, unit: 'ms', ceiling, ratio: ceiling / value, goal: '≤ 1000 ms', met: value <= 1000,
    note: `spawn to serving, clock frozen, median of ${runs}; the 2022-23 winter imported in this run (${importSeconds.toFixed(0)} s, database ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB); ceiling: the same server starting on an empty database`,
  };
  return { restart, seek_winter: seek };
}
