import { spawnServer, killHard, type ServerProcess } from './server-process';

export interface Writer {
  unit: string;
  indicator: string;
}

export interface CrashOptions {
  env: Record<string, string | undefined>;
  adminToken: string;
  kills: number;
  /** One sequential poster each, all at once. */
  writers: Writer[];
  batch: number;
  /** The first reading's ts and the step between a writer's readings (one period each, so every reading stays in the series). */
  firstTs: number;
  stepMs: number;
  /** Readings each writer posts at most, over all rounds (so they stay within the periods a series keeps, and in the past). */
  perWriter: number;
  /** How long the writers post before each SIGKILL; or, with `postReadings`, until that many were acknowledged in the round. */
  postMs: (round: number) => number;
  postReadings?: number;
  log?: (line: string) => void;
}

export interface CrashResult {
  acknowledged: number;
  /** Acknowledged (2xx) readings missing from the series after the last restart. */
  lost: Array<{ unit: string; indicator: string; value: number }>;
  /** Requests that got an answer other than 2xx (the kill cut the others off), and the first such answer. */
  refused: number;
  firstRefusal?: string;
  restarts: Array<ServerProcess['replayed'] & { startMs: number; answerMs: number }>;
}

const post = (url: string, token: string, body: unknown) =>
  fetch(`${url}/api/readings`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

/**
 * SIGKILL the server `kills` times while writers post, restarting it each time; then check that every
 * reading answered 2xx is in its series. Each reading has its own period and a value no other has.
 */
export async function crashRounds(options: CrashOptions): Promise<CrashResult> {
  const acknowledged = new Map<string, Set<number>>();
  const next = options.writers.map(() => 0);
  const result: CrashResult = { acknowledged: 0, lost: [], refused: 0, restarts: [] };
  let server = await spawnServer(options.env);
  try {
    for (let round = 0; round < options.kills; round++) {
      let stop = false;
      let ackedThisRound = 0;
      const target = server.url;
      const writers = options.writers.map(async (writer, w) => {
        const key = `${writer.unit}\u0000${writer.indicator}`;
        if (!acknowledged.has(key)) acknowledged.set(key, new Set());
        while (!stop && next[w]! + options.batch <= options.perWriter) {
          const values = Array.from({ length: options.batch }, () => w * 1_000_000 + next[w]!++);
          const readings = values.map((value) => ({ unit: writer.unit, indicator: writer.indicator, ts: new Date(options.firstTs + (value % 1_000_000) * options.stepMs).toISOString(), value }));
          try {
            const res = await post(target, options.adminToken, { readings });
            const text = await res.text();
            if (res.ok) {
              for (const value of values) acknowledged.get(key)!.add(value);
              ackedThisRound += values.length;
            } else {
              result.refused++;
              result.firstRefusal ??= `${res.status} ${text.slice(0, 300)}`;
            }
          } catch {
            return; // the kill cut the connection: not acknowledged
          }
        }
      });
      let finished = false;
      void Promise.all(writers).then(() => (finished = true));
      if (options.postReadings === undefined) await new Promise((done) => setTimeout(done, options.postMs(round)));
      else while (ackedThisRound < options.postReadings && !finished) await new Promise((done) => setTimeout(done, 10));
      await killHard(server.child);
      stop = true;
      await Promise.all(writers);
      server = await spawnServer(options.env);
      result.restarts.push({ ...server.replayed, startMs: server.startMs, answerMs: server.answerMs });
      options.log?.(`kill ${round + 1}: listening after ${server.startMs} ms, first answer after ${server.answerMs} ms, replayed ${server.replayed.inputs} inputs (${server.replayed.readings} readings) and caught up in ${server.replayed.ms} ms`);
    }
    for (const [w, writer] of options.writers.entries()) {
      const values = acknowledged.get(`${writer.unit}\u0000${writer.indicator}`) ?? new Set<number>();
      result.acknowledged += values.size;
      const from = new Date(options.firstTs - options.stepMs).toISOString();
      const to = new Date(options.firstTs + (next[w]! + 1) * options.stepMs).toISOString();
      const res = await fetch(`${server.url}/api/series?node=${writer.unit}&indicator=${writer.indicator}&from=${from}&to=${to}`, { headers: { Authorization: `Bearer ${options.adminToken}` } });
      const series = (await res.json()) as { points: Array<{ value: number | null }> };
      const stored = new Set(series.points.map((point) => point.value));
      for (const value of values) if (!stored.has(value)) result.lost.push({ unit: writer.unit, indicator: writer.indicator, value });
    }
  } finally {
    await killHard(server.child);
  }
  return result;
}
