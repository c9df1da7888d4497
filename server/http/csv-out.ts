import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';

/** CSV when asked by `format=csv`, or by an Accept header that prefers text/csv to JSON; `format=json` is always JSON. */
export function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

type Cell = string | number | boolean | null | undefined;

/** A header line, then one line per row (RFC 4180, CRLF), named so a browser saves it as `filename`. */
export function sendCsv(res: Response, filename: string, columns: readonly string[], rows: Cell[][]): void {
  const text = stringify(rows, { header: true, columns: [...columns], record_delimiter: 'windows', cast: { boolean: (value) => String(value) } });
  res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${filename}"`).send(text);
}
