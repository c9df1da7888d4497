import { z } from 'zod';
import {
  errorBodySchema, MAX_READINGS_PER_REQUEST, readingsResultSchema, tokenResponseSchema, type Reading, type ReadingsResult,
} from '../../shared/api';

/** An answer from the server that was not a success, with its status and error code. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

async function call<T extends z.ZodType>(url: string, token: string, path: string, body: unknown, schema: T, method = 'POST'): Promise<z.output<T>> {
  const response = await fetch(new URL(path, url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON: reported below with the status.
  }
  if (!response.ok) {
    const error = errorBodySchema.safeParse(json);
    const detail = error.success ? `${error.data.error.code}: ${error.data.error.message}` : text.slice(0, 200);
    throw new ServerError(response.status, error.success ? error.data.error.code : 'http', `${method} ${path} → ${response.status} ${detail}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ServerError(response.status, 'bad_response', `${method} ${path}: unexpected answer ${text.slice(0, 200)}`);
  return parsed.data;
}

/** Issues a reporter token for one unit with an admin token (`POST /api/tokens`). */
export async function issueReporterToken(url: string, adminToken: string, unit: string): Promise<string> {
  const answer = await call(url, adminToken, '/api/tokens', { role: 'reporter', node: unit }, tokenResponseSchema);
  return answer.token;
}

/** Posts one unit's readings as the unit would (`POST /api/readings`), in batches the server accepts. */
export async function postReadings(url: string, token: string, readings: readonly Reading[]): Promise<ReadingsResult> {
  const total = { accepted: 0, duplicates: 0, stale: 0 };
  for (let at = 0; at < readings.length; at += MAX_READINGS_PER_REQUEST) {
    const batch = readings.slice(at, at + MAX_READINGS_PER_REQUEST);
    const result = await call(url, token, '/api/readings', { readings: batch }, readingsResultSchema);
    total.accepted += result.accepted;
    total.duplicates += result.duplicates;
    total.stale += result.stale;
  }
  return total;
}

const hierarchySchema = z.object({ nodes: z.array(z.object({ id: z.string(), level: z.string() })) });
const indicatorsSchema = z.object({ indicators: z.array(z.object({ id: z.string(), periodMs: z.number() })) });
const whoamiSchema = z.object({ role: z.enum(['admin', 'reporter', 'coordinator']), node: z.string().nullable() });

/** The server's hierarchy and indicator catalogue, to check that a replay or simulation matches it. */
export async function fetchCatalogue(url: string, token: string) {
  const { nodes } = await call(url, token, '/api/hierarchy', undefined, hierarchySchema, 'GET');
  const { indicators } = await call(url, token, '/api/indicators', undefined, indicatorsSchema, 'GET');
  return { nodes, indicators };
}

/** Who a token speaks for (`GET /api/whoami`). */
export async function whoami(url: string, token: string) {
  return call(url, token, '/api/whoami', undefined, whoamiSchema, 'GET');
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
