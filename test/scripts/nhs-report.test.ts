import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Episode } from '../../shared/api';
import type { Config } from '../../shared/config';
import { backfill } from '../../scripts/nhs/backfill';
import { planImport } from '../../scripts/nhs/plan';
import { reportFromDatabase } from '../../scripts/report';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/**
 * The report of a span on the imported 2022-23 winter (issue #10): `npm run report` reads the logged
 * episode changes of a database file; its counts must equal those counted here, independently, from
 * the live room's episodes and their whole paths.
 */
jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), 'opsroom-nhs-report-'));
const dbPath = join(dir, 'winter.db');
let config: Config;
let episodes: Episode[];

beforeAll(() => {
  const plan = planImport({ dir: DATA_DIR, allowanceDays: DEFAULT_ALLOWANCES, seasons: ['2022-23'], ae: false });
  config = plan.built.config;
  const { room } = backfill(config, dbPath, plan.days);
  episodes = room.episodes();
  room.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inSubtree(node: string, root: string): boolean {
  const parent = new Map(config.nodes.map((n) => [n.id, n.parent ?? null]));
  for (let at: string | null = node; at !== null; at = parent.get(at) ?? null) if (at === root) return true;
  return false;
}

/**
 * Counted from the paths alone: open at some time in the span (from an opening or reopening to the
 * next resolution), settled where its last resolution by the span's end says unless reopened after
 * it, and the escalations in the span.
 */
function fromPaths(root: string, from: number, to: number) {
  const settledAt: Record<string, number> = {};
  let open = 0;
  let escalations = 0;
  let count = 0;
  for (const episode of episodes) {
    if (!inSubtree(episode.node, root)) continue;
    const stretches: Array<[number, number]> = [];
    let level: string | null = null;
    for (const entry of episode.path) {
      const at = Date.parse(entry.at);
      if (entry.type === 'opened' || entry.type === 'reopened') stretches.push([at, Infinity]);
      if (entry.type === 'resolved') stretches[stretches.length - 1]![1] = at;
      if (at <= to && entry.type === 'resolved') level = entry.level;
      if (at <= to && entry.type === 'reopened') level = null;
    }
    if (!stretches.some(([start, end]) => start <= to && end >= from)) continue;
    count++;
    if (level !== null) settledAt[level] = (settledAt[level] ?? 0) + 1;
    else open++;
    escalations += episode.path.filter((entry) => entry.type === 'escalated' && Date.parse(entry.at) >= from && Date.parse(entry.at) <= to).length;
  }
  return { count, settledAt, open, escalations };
}

describe('the report of a span on the imported 2022-23 winter', () => {
  test.each([
    // The whole winter at the top: every episode of the season.
    ['the whole winter, England', 'ENG', '2022-11-01T00:00:00Z', '2023-04-01T00:00:00Z'],
    // December at one region: a span that cuts episodes open across its ends, in one subtree.
    ['December, North West', 'Y62', '2022-12-01T00:00:00Z', '2022-12-31T23:59:59Z'],
    ['one January week, London', 'Y56', '2023-01-09T00:00:00Z', '2023-01-16T00:00:00Z'],
  ])('%s: the counts equal those from the episodes\' paths', (_why, node, fromIso, toIso) => {
    const report = reportFromDatabase(dbPath, fromIso, toIso, node);
    const expected = fromPaths(node, Date.parse(fromIso), Date.parse(toIso));
    expect(expected.count).toBeGreaterThan(0);
    expect(report.episodes).toBe(expected.count);
    expect(report.settledAt).toEqual(expected.settledAt);
    expect(report.open).toBe(expected.open);
    // Every indicator is listed (fewer than the 20 kept), so their escalations add up to all of the span's.
    expect(report.climbedIndicators.length).toBeLessThan(20);
    expect(report.climbedIndicators.reduce((sum, indicator) => sum + indicator.escalations, 0)).toBe(expected.escalations);
  });
});
