import type { Request } from 'express';
import { CsvError, parse } from 'csv-parse';
import { MAX_READINGS_PER_REQUEST } from '../../shared/api';
import { READINGS_CSV_COLUMNS } from '../../shared/contract/csv';
import { AppError, type IssueJson } from '../app/errors';

/** Readings as a CSV body gives them, and the line each came from (the header is line 1). */
export interface CsvReadings {
  rows: Record<string, unknown>[];
  lines: number[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A number cell becomes a number; anything else stays text, so the schema names it ("must be a finite number"). */
const cell = (column: string, text: string): unknown => (column === 'value' && NUMBER.test(text.trim()) ? Number(text) : text);

const issue = (line: number, column: string, message: string): IssueJson => ({ path: `line ${line}, column ${column}`, message, line, column });

/**
 * Streams a `text/csv` body through csv-parse, `unit,indicator,ts,value` with that header first.
 * Refuses at once, reading no further: more than `maxBytes` (413), more than MAX_READINGS_PER_REQUEST
 * rows (413), a wrong header or a malformed line (400, naming the line).
 */
export async function readCsvReadings(req: Request, maxBytes: number): Promise<CsvReadings> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false });
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  let bytes = 0;
  let header: string[] | null = null;
  const refuse = (error: AppError) => {
    req.unpipe(parser);
    req.resume(); // drain the rest unread, so the answer still reaches the client
    parser.destroy(error);
  };
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) refuse(new AppError(413, 'too_large', `the CSV body is larger than ${maxBytes} bytes; split it`));
  });
  req.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        header = record.map((name) => name.toLowerCase());
        if (header.join(',') !== READINGS_CSV_COLUMNS.join(',')) {
          throw new AppError(400, 'invalid_csv', `line 1: the first line must be the header ${READINGS_CSV_COLUMNS.join(',')}; it is ${record.join(',')}`, [issue(1, '(header)', `must be ${READINGS_CSV_COLUMNS.join(',')}`)]);
        }
        continue;
      }
      if (rows.length >= MAX_READINGS_PER_REQUEST) throw new AppError(413, 'too_large', `at most ${MAX_READINGS_PER_REQUEST} readings per request; split the file`);
      rows.push(Object.fromEntries(READINGS_CSV_COLUMNS.map((column, i) => [column, cell(column, record[i]!)])));
      lines.push(info.lines);
    }
  } catch (error) {
    req.unpipe(parser);
    req.resume();
    if (error instanceof AppError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new AppError(400, 'invalid_csv', `line ${line}: ${error.message}`, [issue(Math.max(1, line), '(line)', error.message)]);
    }
    throw error;
  }
  if (header === null) throw new AppError(400, 'invalid_csv', `the CSV body is empty; it needs the header ${READINGS_CSV_COLUMNS.join(',')} and at least one line`);
  if (rows.length === 0) throw new AppError(400, 'invalid_csv', 'line 2: send at least one reading', [issue(2, '(line)', 'no readings after the header')]);
  return { rows, lines };
}

/** `readings.3.value` → line 5 (where reading 3 came from), column value; other paths as they are. */
export const csvIssue = (lines: readonly number[]) => (issue_: IssueJson): IssueJson => {
  const match = /^readings\.(\d+)\.(\w+)$/.exec(issue_.path);
  const line = match ? lines[Number(match[1])] : undefined;
  return match && line !== undefined ? issue(line, match[2]!, issue_.message) : issue_;
};
