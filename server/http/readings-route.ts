import type { Request, Response } from 'express';
import { MAX_READINGS_PER_REQUEST, parseReadingsBody, readingSchema, type Reading } from '../../shared/api';
import { readingTimeProblem } from '../../shared/bounds';
import { formatDuration } from '../../shared/duration';
import { AppError, type IssueJson } from '../app/errors';
import type { Opsroom } from '../app/opsroom';
import { toIso } from '../domain/time';
import { canPostFor, requireActor } from './auth';
import { csvIssue, readCsvReadings } from './csv-readings';
import { describeIssues, issuesOf } from './validate';
import { api } from '../../shared/contract/routes';
import { ok, type Handler } from './answer';

/** The CSV body's cap: the JSON body's (BODY_LIMIT, 4mb, in app.ts). */
export const CSV_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** The readings of a request, and how to name a problem's place in them (`readings.3.value` is a batch's own). */
interface Posted {
  readings: Reading[];
  rename(issue: IssueJson): IssueJson;
  /** Put before a message that names no place itself (a CSV line). */
  where(issues: readonly IssueJson[]): string;
}

const invalid = (issues: IssueJson[]) => new AppError(400, 'invalid_request', `the readings are not valid: ${describeIssues(issues)}`, issues);

function fromJson(body: unknown): Posted {
  if (body && typeof body === 'object' && Array.isArray((body as { readings?: unknown }).readings) && (body as { readings: unknown[] }).readings.length > MAX_READINGS_PER_REQUEST) {
    throw new AppError(413, 'too_large', `at most ${MAX_READINGS_PER_REQUEST} readings per request; split the batch`);
  }
  const parsed = parseReadingsBody(body);
  if (!parsed.success) throw invalid(issuesOf(parsed.error));
  const single = !Array.isArray((body as { readings?: unknown }).readings);
  // A single reading's fields are named without the batch prefix.
  return { readings: parsed.data, rename: single ? (i) => ({ ...i, path: i.path.replace(/^readings\.\d+\./, '') }) : (i) => i, where: () => '' };
}

async function fromCsv(req: Request, res: Response): Promise<Posted> {
  const { rows, lines } = await readCsvReadings(req, CSV_BODY_LIMIT_BYTES);
  res.locals.readingsInBatch = rows.length; // what /metrics counts as refused if the batch is refused
  const rename = csvIssue(lines);
  const readings: Reading[] = [];
  const issues: IssueJson[] = [];
  rows.forEach((row, index) => {
    const parsed = readingSchema.safeParse(row);
    if (parsed.success) readings.push(parsed.data);
    else issues.push(...issuesOf(parsed.error, ['readings', index]).map(rename));
  });
  if (issues.length > 0) throw invalid(issues);
  return { readings, rename, where: (renamed) => (renamed[0]?.line ? `line ${renamed[0].line}: ` : '') };
}

/**
 * POST /api/readings: JSON (one reading, or `{"readings": [...]}`) or CSV (`unit,indicator,ts,value`),
 * all or nothing under the same rules: whose unit it is (403), what the policy knows and the time
 * bounds (422). A CSV's problems name its line and column.
 */
export const postReadings = (room: Opsroom): Handler<typeof api.postReadings> => async (req, res) => {
  const actor = requireActor(req);
  const posted = req.is('text/csv') ? await fromCsv(req, res) : fromJson(req.body);
  const now = room.clock();
  const authorize = (readings: Reading[]) => {
    const forbidden = readings.findIndex((reading) => !canPostFor(actor, reading.unit));
    if (forbidden >= 0) {
      throw new AppError(403, 'forbidden', `this token may not post for unit "${readings[forbidden]!.unit}"`, [{ path: `readings.${forbidden}.unit`, message: 'not this token\'s unit' }]);
    }
    const horizon = room.engine.policy.config.historyHorizon;
    const problems = readings.map((reading) => readingTimeProblem(Date.parse(reading.ts), now, horizon));
    const at = problems.findIndex((problem) => problem !== null);
    if (at >= 0) {
      const ts = readings[at]!.ts;
      const message = problems[at] === 'in-future'
        ? `ts ${ts} is more than 5 minutes ahead of the server clock (${toIso(now)})`
        : `ts ${ts} is before the history horizon (${formatDuration(horizon)} before the server clock, ${toIso(now - horizon)})`;
      throw new AppError(422, 'unprocessable', message, [{ path: `readings.${at}.ts`, message: problems[at] === 'in-future' ? 'in the future' : 'before the history horizon' }]);
    }
  };
  try {
    return ok(room.ingest(posted.readings, now, authorize));
  } catch (error) {
    if (error instanceof AppError && error.issues) {
      const issues = error.issues.map(posted.rename);
      throw new AppError(error.status, error.code, `${posted.where(issues)}${error.message}`, issues);
    }
    throw error;
  }
};
