import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The NHS data CI keeps beside the clone (never copied into the repository). */
export const DATA_DIR = resolve(__dirname, '../../../shared/data');

export const DEFAULT_ALLOWANCES = { unit: 1, district: 2, region: 3 };

/** The sitrep file read the plain way (it has no quoted fields), independently of the importer. */
export function sitrepTable(): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(resolve(DATA_DIR, 'winter_sitrep_daily.csv'), 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
  });
}
