import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { resultsSchema } from '../../scripts/bench/results';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-bench-quick-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Only that the bench runs and writes what the README promises; the figures themselves are not judged here.
test('npm run bench -- --quick ends by itself and writes a results file the schema accepts, with its figures beside their ceilings', async () => {
  const out = join(dir, 'results.json');
  const { stdout } = await run('npm', ['run', '-s', 'bench', '--', '--quick', `--out=${out}`], { cwd: ROOT, timeout: 110_000, maxBuffer: 64 * 2 ** 20 });
  const results = resultsSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  expect(results.run.quick).toBe(true);
  expect(Object.keys(results.figures)).toEqual(expect.arrayContaining(['engine_threshold', 'engine_cyberstride', 'ingest_batch_threshold', 'ingest_batch_cyberstride', 'ingest_single_c10', 'ingest_single_c50', 'post_to_screen_p99_10', 'memory_per_series']));
  // Every figure the issue names is in the file or said missing, never silently absent.
  for (const name of ['engine_threshold', 'engine_cyberstride', 'ingest_batch', 'ingest_single', 'post_to_screen_p99', 'memory_per_series', 'restart', 'seek_winter', 'scale_5000']) {
    expect(Object.keys(results.figures).some((key) => key.startsWith(name)) || name in results.missing).toBe(true);
  }
  // A figure with a ceiling has its ratio, and the printed table names every figure written.
  for (const [name, figure] of Object.entries(results.figures)) {
    expect(figure.ratio === null).toBe(figure.ceiling === null);
    expect(stdout).toContain(name);
  }
}, 120_000);
