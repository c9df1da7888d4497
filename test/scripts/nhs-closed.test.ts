import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Episode } from '../../shared/api';
import { parseConfig } from '../../shared/config';
import { backfill } from '../../scripts/nhs/backfill';
import { readEpisode, readHistory, summarizeEpisodes } from '../../scripts/nhs/episode-report';
import { STOPPED_AFTER_DAYS } from '../../scripts/nhs/expected';
import { planImport, type ImportPlan } from '../../scripts/nhs/plan';
import { describePlan } from '../../scripts/nhs/report';
import { SITREP_COLUMNS } from '../../scripts/nhs/sitreps';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

/** 30 winter days, all on GMT, so a day starts at 00:00Z. */
const DATES = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2018, 11, 3 + i)).toISOString().slice(0, 10));
const row = (org: string, date: string) =>
  SITREP_COLUMNS.map((column) => {
    if (column === 'season') return '2018-19';
    if (column === 'date') return date;
    if (column === 'org_code') return org;
    return column === 'ga_beds_open' ? '100' : column === 'ga_beds_occupied' ? '80' : '';
  }).join(',');

/**
 * Hand-made sitreps under real trust codes: RA7 reports every day; RE9 (South Tyneside, merged into
 * R0B) stops after day 9 (12 Dec); RNN misses three days in the middle; RQ6 misses one.
 */
const SKIPPED: Record<string, (day: number) => boolean> = {
  RA7: () => false,
  RE9: (day) => day >= 10,
  RNN: (day) => day >= 14 && day <= 16,
  RQ6: (day) => day === 19,
};

let dir: string;
let plan: ImportPlan;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-closed-'));
  for (const file of ['nhs_regions.csv', 'nhs_icbs.csv', 'nhs_trusts.csv']) symlinkSync(join(DATA_DIR, file), join(dir, file));
  const lines = [SITREP_COLUMNS.join(',')];
  DATES.forEach((date, day) => {
    for (const [org, skipped] of Object.entries(SKIPPED)) if (!skipped(day)) lines.push(row(org, date));
  });
  writeFileSync(join(dir, 'winter_sitrep_daily.csv'), `${lines.join('\n')}\n`);
  plan = planImport({ dir, seasons: [], ae: false, allowanceDays: DEFAULT_ALLOWANCES });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noReports = (episodes: readonly Episode[]) =>
  episodes.filter((e) => e.kind === 'no-report').map((e) => `${e.node} ${e.indicator} ${e.period.slice(0, 10)} ${e.status}`).sort();

describe('a trust whose reporting ends before the season does', () => {
  it('is closed in the configuration from the local day after its last report; the others are not', () => {
    const closed = plan.built.config.nodes.filter((n) => n.closed !== undefined).map((n) => [n.id, n.closed]);
    expect(closed).toEqual([['RE9', '2018-12-13T00:00:00.000Z']]);
    expect(plan.expected.stopped).toEqual([{ code: 'RE9', lastDate: '2018-12-12', silentDays: 20, closed: '2018-12-13T00:00:00.000Z' }]);
    // What --config-out writes carries it too, and parses.
    expect(parseConfig(JSON.parse(JSON.stringify(plan.built.input))).nodes.find((n) => n.id === 'RE9')?.closed).toBe('2018-12-13T00:00:00.000Z');
    expect(describePlan(plan).join('\n')).toMatch(/1 trust stopped reporting before the end of the season \(merged or closed\)[^\n]*\n\s+RE9 South Tyneside NHS Foundation Trust[^\n]*last report 2018-12-12[^\n]*now part of R0B/);
  });

  it('raises no no-report episode after it stops, while a three-day gap raises one for each indicator and a one-day gap none', () => {
    const { room } = backfill(plan.built.config, ':memory:', plan.days);
    try {
      // RNN sends nothing for 17–19 Dec. Silence about 17 Dec counts once its grace (a day) has passed, at the
      // start of 19 Dec; its unit window (a day) passes it to the ICB at the start of 20 Dec; the 20 Dec report resolves it.
      expect(noReports(room.episodes({ status: 'all' }))).toEqual([
        'RNN ga_beds_occupied 2018-12-17 resolved',
        'RNN ga_beds_open 2018-12-17 resolved',
      ]);
      const gap = room.episodes({ status: 'all' }).find((e) => e.kind === 'no-report')!;
      expect([gap.openedAt, gap.resolvedAt, gap.resolvedLevel]).toEqual(['2018-12-19T00:00:00.000Z', '2018-12-20T09:00:00.000Z', 'district']);
    } finally {
      room.close();
    }
  });

  it('would raise one, held open to the end, without `closed`: the closing is what keeps it quiet', () => {
    const input = JSON.parse(JSON.stringify(plan.built.input)) as { nodes: Array<{ closed?: string }> };
    for (const node of input.nodes) delete node.closed;
    const { room } = backfill(parseConfig(input), ':memory:', plan.days);
    try {
      const silent = noReports(room.episodes({ status: 'all' })).filter((line) => line.startsWith('RE9'));
      expect(silent).toEqual(['RE9 ga_beds_occupied 2018-12-13 open', 'RE9 ga_beds_open 2018-12-13 open']);
    } finally {
      room.close();
    }
  });

  it('is told apart from a gap by a silence of two weeks at the end of the data', () => {
    expect(STOPPED_AFTER_DAYS).toBe(14);
    const cut = (to: string) => planImport({ dir, seasons: [], to, ae: false, allowanceDays: DEFAULT_ALLOWANCES }).expected.stopped.map((s) => s.code);
    // RE9's last report is day 9 (12 Dec).
    expect(cut(DATES[9 + 13]!)).toEqual([]); // silent for the last 13 days: a gap still running
    expect(cut(DATES[9 + 14]!)).toEqual(['RE9']);
  });
});

describe('the episode report', () => {
  it('counts the no-report episodes of a database the import wrote, and how long each lasted', () => {
    const db = join(dir, 'history.db');
    backfill(plan.built.config, db, plan.days).room.close();
    const summary = summarizeEpisodes(readHistory(db));
    expect(summary.byKind.get('no-report')).toBe(2);
    expect(summary.noReport.map((e) => [e.unit, e.indicator, e.lastedMs])).toEqual([
      ['RNN', 'ga_beds_occupied', 33 * 3_600_000],
      ['RNN', 'ga_beds_open', 33 * 3_600_000],
    ]);
    expect(summary.byResolvedLevel.get('district')).toBe(2);
    expect(summary.reachedTop.total).toBe(0);
  });

  it('reads an episode an older engine logged, without kind, inhibits or period', () => {
    const old = readEpisode({ id: 'E1', node: 'RA7', indicator: 'ga_occupancy', direction: 'pain', severity: 'alert', status: 'resolved', holder: 'RA7', holderLevel: 'unit', openedAt: '2018-12-03T09:00:00.000Z', resolvedAt: '2018-12-04T09:00:00.000Z', resolvedLevel: 'unit', reached: ['RA7'], path: [] });
    expect(old).toMatchObject({ kind: 'unknown', inhibits: [], inhibitedBy: [], period: null, resolvedLevel: 'unit' });
  });
});

describe('the real seasons', () => {
  const expectedFor = (seasons: string[]) => planImport({ dir: DATA_DIR, seasons, ae: false, allowanceDays: DEFAULT_ALLOWANCES });

  it('close the four trusts that merged after 2018-19 when 2019-20 is imported with it, and none in 2022-23 alone', () => {
    const closed = (p: ImportPlan) => p.built.config.nodes.filter((n) => n.closed !== undefined).map((n) => `${n.id} ${n.closed}`);
    expect(closed(expectedFor(['2018-19', '2019-20']))).toEqual(['RE9', 'RLN', 'RNL', 'RQ6'].map((code) => `${code} 2019-03-04T00:00:00.000Z`));
    expect(closed(expectedFor(['2022-23']))).toEqual([]);
  });

  it('expect no report where the collection itself stopped or paused', () => {
    const noReport = (p: ImportPlan) => Object.fromEntries(p.built.input.indicators.filter((i) => i.noReport !== undefined).map((i) => [i.id, i.noReport]));
    expect(noReport(expectedFor(['2022-23']))).toEqual({});
    // Damaged-bed counts stopped being collected on 5 February 2017.
    expect(noReport(expectedFor(['2016-17']))).toEqual({ dv_beds_closed: false });
    // 2015-16 was collected on weekdays, a weekend or holiday as one return: up to five days apart.
    expect(new Set(Object.values(noReport(expectedFor(['2015-16']))))).toEqual(new Set(['5d']));
  });
});
