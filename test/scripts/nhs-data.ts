import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The NHS data CI keeps beside the clone (never copied into the repository). */
export const DATA_DIR = resolve(__dirname, '../../../shared/data');

export const DEFAULT_ALLOWANCES = { unit: 1, district: 2, region: 3 };

/** A data file read the plain way, independently of the importer; quoted fields (with commas inside) as in RFC 4180. */
function table(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(resolve(DATA_DIR, file), 'utf8').trim().split(/\r?\n/);
  const split = (line: string) => {
    if (!line.includes('"')) return line.split(',');
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!;
      if (char === '"' && quoted && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += char;
    }
    return [...cells, cell];
  };
  const names = split(header!);
  return lines.map((line) => {
    const cells = split(line);
    return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
  });
}

/** The sitrep file read the plain way (it has no quoted fields), independently of the importer. */
export const sitrepTable = () => table('winter_sitrep_daily.csv');

/** An A&E file read the plain way. */
export const aeTable = (file: 'ae_attendances_2016_2019.csv' | 'ae_monthly_2024_25.csv') => table(file);
