import { join } from 'node:path';
import { z } from 'zod';
import { InputFileError, readCsv, type CsvRow } from './csv';

export const REGIONS_FILE = 'nhs_regions.csv';
export const ICBS_FILE = 'nhs_icbs.csv';
export const TRUSTS_FILE = 'nhs_trusts.csv';

const code = z.string().regex(/^[A-Z0-9]+$/, 'must be an ODS code (capital letters and digits)');
const optionalCode = z.union([z.literal(''), code]);

const regionRow = z.object({ region_code: code, region_ons_code: z.string(), region_name: z.string().min(1) });
const icbRow = z.object({
  icb_code: code,
  icb_ons_code: z.string(),
  icb_name: z.string().min(1),
  stp_name_2020: z.string(),
  region_code: code,
  region_name: z.string(),
  n_trusts_2025: z.string(),
});
const trustRow = z.object({
  org_code: code,
  org_name: z.string().min(1),
  status: z.enum(['open', 'closed']),
  open_date: z.string(),
  close_date: z.string(),
  region_code: optionalCode,
  region_name: z.string(),
  icb_code: optionalCode,
  icb_name: z.string(),
  postcode: z.string(),
  lat: z.string(),
  lon: z.string(),
  geocode_source: z.string(),
  successor_codes: z.string(),
  current_org_code: optionalCode,
  source: z.string(),
  hierarchy_from: z.enum(['self', 'successor', 'self_region_only']),
});

export interface Region {
  code: string;
  name: string;
}
export interface Icb {
  code: string;
  name: string;
  region: string;
}
export interface Trust {
  code: string;
  name: string;
  status: 'open' | 'closed';
  closeDate: string | null;
  region: string | null;
  icb: string | null;
  successors: string[];
  currentCode: string | null;
  hierarchyFrom: 'self' | 'successor' | 'self_region_only';
}

export interface Reference {
  regions: Map<string, Region>;
  icbs: Map<string, Icb>;
  trusts: Map<string, Trust>;
}

function parseRows<T extends z.ZodType>(rows: CsvRow[], schema: T, file: string): Array<z.output<T>> {
  return rows.map((row) => {
    const parsed = schema.safeParse(row.record());
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputFileError(file, row.line, `column "${issue.path.join('.')}": ${issue.message}`);
    }
    return parsed.data;
  });
}

function uniqueBy<T>(items: T[], key: (item: T) => string, file: string, rows: CsvRow[]): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    const k = key(item);
    if (map.has(k)) throw new InputFileError(file, rows[i]!.line, `code "${k}" appears twice`);
    map.set(k, item);
  });
  return map;
}

/** The England → region → ICB → trust reference files, checked against each other. */
export function loadReference(dir: string): Reference {
  const regionsFile = join(dir, REGIONS_FILE);
  const regionRows = readCsv(regionsFile, Object.keys(regionRow.shape));
  const regions = uniqueBy(
    parseRows(regionRows, regionRow, regionsFile).map((r) => ({ code: r.region_code, name: r.region_name })),
    (r) => r.code, regionsFile, regionRows,
  );

  const icbsFile = join(dir, ICBS_FILE);
  const icbRows = readCsv(icbsFile, Object.keys(icbRow.shape));
  const icbList = parseRows(icbRows, icbRow, icbsFile).map((r) => ({ code: r.icb_code, name: r.icb_name, region: r.region_code }));
  icbList.forEach((icb, i) => {
    if (!regions.has(icb.region)) throw new InputFileError(icbsFile, icbRows[i]!.line, `ICB ${icb.code} names region "${icb.region}", which is not in ${REGIONS_FILE}`);
  });
  const icbs = uniqueBy(icbList, (icb) => icb.code, icbsFile, icbRows);

  const trustsFile = join(dir, TRUSTS_FILE);
  const trustRows = readCsv(trustsFile, Object.keys(trustRow.shape));
  const trustList: Trust[] = parseRows(trustRows, trustRow, trustsFile).map((r) => ({
    code: r.org_code,
    name: r.org_name,
    status: r.status,
    closeDate: r.close_date || null,
    region: r.region_code || null,
    icb: r.icb_code || null,
    successors: r.successor_codes.split(';').map((s) => s.trim()).filter(Boolean),
    currentCode: r.current_org_code || null,
    hierarchyFrom: r.hierarchy_from,
  }));
  const trusts = uniqueBy(trustList, (t) => t.code, trustsFile, trustRows);
  return { regions, icbs, trusts };
}
