/**
 * Answer sizes of the read API on a busy history (issue #11: bounded answers). Builds a database from
 * the example network with episodes opening, climbing and settling, then asks for the big answers and
 * prints their sizes, times and the server's RSS. `npx tsx scripts/measure-answers.ts [periods]`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { start } from '../server/main';

const PERIOD_MS = 10_000;
const ADMIN = 'measure-admin-token-0123456789';

async function main(): Promise<void> {
  const periods = Number(process.argv[2] ?? 3000);
  const config = JSON.parse(readFileSync(resolve(__dirname, '../data/example.json'), 'utf8')) as { nodes: Array<{ id: string; level: string }> };
  const units = config.nodes.filter((node) => node.level === 'unit').map((node) => node.id);
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-measure-'));
  const clock = { now: Date.parse('2026-01-05T00:00:00Z') };
  const running = await start({ config, dbPath: join(dir, 'm.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock: () => clock.now, clientDir: dir });
  try {
    for (let p = 0; p < periods; p++) {
      const ts = new Date(clock.now).toISOString();
      // Three periods out (a crisis at the unit, felt above), three back to normal: episodes open, climb and settle.
      const out = Math.floor(p / 3) % 2 === 0;
      const readings = units.flatMap((unit, i) => [
        { unit, indicator: 'handover_over_60', ts, value: out && i % 2 === p % 2 ? 20 : 1 },
        { unit, indicator: 'beds_occupied', ts, value: 900 + (p % 7) },
        { unit, indicator: 'beds_open', ts, value: 1000 },
      ]);
      running.room.ingest(readings, clock.now);
      clock.now += PERIOD_MS;
      running.room.tick(clock.now);
      if (p % 200 === 0) console.error(`period ${p}: ${running.room.engine.state.episodes.size} episodes`);
    }
    const rss = () => Math.round(process.memoryUsage().rss / 1e6);
    const measure = async (label: string, path: string, init?: RequestInit) => {
      const before = rss();
      const t0 = performance.now();
      const res = await fetch(running.url + path, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...(init?.headers ?? {}) } });
      const body = await res.arrayBuffer();
      const ms = Math.round(performance.now() - t0);
      console.log(JSON.stringify({ label, status: res.status, bytes: body.byteLength, ms, rssBeforeMB: before, rssAfterMB: rss() }));
    };
    console.log(JSON.stringify({ periods, events: running.room.log.lastSeq(), episodes: running.room.engine.state.episodes.size }));
    await measure('events limit=10000', '/api/events?limit=10000');
    await measure('events default', '/api/events');
    await measure('episodes (no limit)', '/api/episodes');
    await measure('episodes reached ENG', '/api/episodes?reached=true');
    await measure('nodes/ENG', '/api/nodes/ENG');
    await measure('nodes/RJ1', '/api/nodes/RJ1');
    const bad = JSON.stringify({ readings: Array.from({ length: 10_000 }, () => ({ unit: 'RJ1', indicator: 'beds_open', ts: 'x', value: 'y' })) });
    console.log(JSON.stringify({ invalidBatchBytes: bad.length }));
    await measure('invalid batch 400', '/api/readings', { method: 'POST', body: bad });
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
