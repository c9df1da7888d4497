/** memory_per_series: the engine's heap per series in a child with --expose-gc (memory-worker.ts), against 4 KB + 24 B a period kept. */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { atMost, type Figure } from './results';

const run = promisify(execFile);

export async function memoryFigure(units: number, periods: number): Promise<Figure> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'memory-worker.ts'), String(units), String(periods)], { cwd: resolve(__dirname, '../..'), timeout: 300_000 });
  const { series, bytesPerSeries } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { series: number; bytesPerSeries: number };
  return atMost(Math.round(bytesPerSeries), 'B/series', 4096 + 24 * periods,
    `heap after a full GC, ${series} series (${units} units × 2 parts and their ratio, with roll-ups) × ${periods} periods, thresholds; the issue asks 100 k series × 1500 periods, which does not fit the time budget`);
}
