import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A problem in an input file, naming the file and, where there is one, the line. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    problem: string,
  ) {
    super(`${basename(file)}${line === null ? '' : `, line ${line}`}: ${problem}`);
    this.name = 'InputFileError';
  }
}

/** One data row and its line number in the file (the header is line 1). */
export class CsvRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  /** The cell in a column the header named (checked when the file was read). */
  get(column: string): string {
    const at = this.index.get(column);
    if (at === undefined) throw new Error(`no column "${column}"`);
    return this.fields[at]!;
  }

  /** Every cell by column name, to hand to a schema. */
  record(): Record<string, string> {
    return Object.fromEntries([...this.index].map(([name, at]) => [name, this.fields[at]!]));
  }
}

/**
 * Reads a comma-separated file whose header must name exactly `columns` (in any order).
 * Handles RFC 4180 quoting within a line; a quoted field spanning lines is refused, as none of
 * the NHS files has one.
 */
export function readCsv(file: string, columns: readonly string[]): CsvRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError(file, null, `cannot read the file (${(error as Error).message})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new InputFileError(file, null, 'the file is empty; expected a header line');

  const header = splitLine(lines[0]!, file, 1);
  checkHeader(header, columns, file);
  const index = new Map(header.map((name, at) => [name, at]));

  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    const line = i + 1;
    if (text.trim() === '') continue;
    const fields = splitLine(text, file, line);
    if (fields.length !== header.length) {
      throw new InputFileError(file, line, `expected ${header.length} fields, found ${fields.length}`);
    }
    rows.push(new CsvRow(line, fields, index));
  }
  return rows;
}

function checkHeader(header: string[], columns: readonly string[], file: string): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new InputFileError(file, 1, `column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const missing = columns.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new InputFileError(file, 1, `unexpected header: missing column ${missing.map((m) => `"${m}"`).join(', ')} (expected: ${columns.join(',')})`);
  }
  const extra = header.filter((name) => !columns.includes(name));
  if (extra.length > 0) {
    throw new InputFileError(file, 1, `unexpected header: unknown column ${extra.map((m) => `"${m}"`).join(', ')} (expected: ${columns.join(',')})`);
  }
}

function splitLine(text: string, file: string, line: number): string[] {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) throw new InputFileError(file, line, 'a quoted field is not closed on this line');
  fields.push(field);
  return fields;
}

/** A count or measure: a plain non-negative decimal number; empty means not reported (null). */
export function readNumber(row: CsvRow, column: string, file: string): number | null {
  const text = row.get(column).trim();
  if (text === '') return null;
  const value = Number(text);
  // Number() also takes hex, exponents and spaces: only plain decimals are counts.
  if (!Number.isFinite(value) || value < 0 || !/^\d+(\.\d+)?$/.test(text)) {
    throw new InputFileError(file, row.line, `column "${column}" holds "${text}", which is not a non-negative number`);
  }
  return value;
}
