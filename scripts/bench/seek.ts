/**
 * seek_winter: ms for GET /api/state?at= to rebuild the whole tree at an instant of the imported
 * 2022-23 winter, cold (the sandbox loads the checkpoint below the instant and replays the log up to
 * it). Instants spread over the winter are asked for latest first, so no seek can start from the one
 * before it; the figure is the slowest instant's median (the goal is any instant). Ceiling:
 * the same answer asked for again at once (nothing to load or replay: the view and HTTP alone).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ADMIN, type Served } from './processes';
import { median, type Figure } from './results';

const INSTANTS = 8;

async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const answer = await fetch(url, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (!answer.ok) throw new Error(`GET ${url}: ${answer.status} ${(await answer.text()).slice(0, 200)}`);
  await answer.arrayBuffer();
  return performance.now() - started;
}

/** Instants spread over the log's span, each at 14:05 of its day (between the daily reports, like a planner's question). */
function instantsOf(dbPath: string): number[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const span = db.prepare("SELECT min(at) AS first, max(at) AS last FROM events WHERE kind = 'input'").get() as { first: number; last: number };
    return Array.from({ length: INSTANTS }, (_, i) => {
      const day = span.first + ((i + 0.5) / INSTANTS) * (span.last - span.first);
      return Math.floor(day / 86_400_000) * 86_400_000 + (14 * 60 + 5) * 60_000;
    });
  } finally {
    db.close();
  }
}

export async function seekFigure(served: Served, dir: string, runs: number, say: (line: string) => void): Promise<Figure> {
  const instants = instantsOf(join(dir, 'bench.db')).reverse();
  const cold = new Map<number, number[]>(instants.map((at) => [at, []]));
  const again: number[] = [];
  for (let run = 0; run < runs; run++) {
    say(`seek sweep ${run + 1} of ${runs}`);
    for (const at of instants) {
      const url = `${served.url}/api/state?at=${new Date(at).toISOString()}`;
      cold.get(at)!.push(await timedGet(url));
      again.push(await timedGet(url));
    }
  }
  const medians = instants.map((at) => ({ at, ms: median(cold.get(at)!) }));
  const worst = medians.reduce((a, b) => (b.ms > a.ms ? b : a));
  const value = worst.ms;
  const ceiling = median(again);
  const each = [...medians].reverse().map(({ at, ms }) => `${new Date(at).toISOString().slice(5, 10)} ${ms.toFixed(0)}`).join(', ');
  return {
    value, unit: 'ms', ceiling, ratio: ceiling / value, goal: '≤ 100 ms', met: value <= 100,
    note: `cold GET /api/state?at= on the imported winter, the slowest of ${INSTANTS} instants (${new Date(worst.at).toISOString().slice(0, 10)}), median of ${runs} sweeps; each instant (MM-DD ms): ${each}; ceiling: the same instant asked again at once`,
  };
}
