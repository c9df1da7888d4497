import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openOpsroom } from '../../server/app/opsroom';
import { parseConfig } from '../../shared/config';
import { backfill, prepareDatabase } from '../../scripts/nhs/backfill';
import { planImport } from '../../scripts/nhs/plan';
import { DATA_DIR, DEFAULT_ALLOWANCES } from './nhs-data';

const SELECTION = { dir: DATA_DIR, seasons: ['2017-18'], from: '2017-12-20', to: '2018-01-02', ae: false, allowanceDays: DEFAULT_ALLOWANCES };
const REPO = resolve(__dirname, '../..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-nhs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Christmas to 8 January 2017 with monthly A&E: every provider in its group, and the critical-care findings. */
const WITH_FINDINGS = { dir: DATA_DIR, seasons: ['2016-17'], from: '2016-12-25', to: '2017-01-08', ae: true, allowanceDays: DEFAULT_ALLOWANCES };

function importedLog(selection: Parameters<typeof planImport>[0] = SELECTION) {
  const plan = planImport(selection);
  const { room } = backfill(plan.built.config, ':memory:', plan.days);
  const events = room.log.list(0, 1_000_000).map(({ at, kind, type, data }) => ({ at, kind, type, data }));
  room.close();
  return { count: events.length, text: JSON.stringify(events) };
}

describe('importing a season', () => {
  it('gives the same log twice over', () => {
    const first = importedLog();
    expect(first.count).toBeGreaterThan(100);
    const second = importedLog();
    expect(second.count).toBe(first.count);
    expect(second.text === first.text).toBe(true);
  });

  it('with A&E providers placed in their groups and data-quality findings, gives the same log twice over', () => {
    const first = importedLog(WITH_FINDINGS);
    expect(first.text.includes('"type":"findings"')).toBe(true);
    expect(first.text.includes('"parent":"ENG-OTHER-AE"')).toBe(true);
    const second = importedLog(WITH_FINDINGS);
    expect(second.count).toBe(first.count);
    expect(second.text === first.text).toBe(true);
  });

  it('refuses a database that already has a history, leaving it as it was', () => {
    const dbPath = join(dir, 'once.db');
    const plan = planImport(SELECTION);
    prepareDatabase(dbPath, false);
    const { room: first, lastAt } = backfill(plan.built.config, dbPath, plan.days);
    const events = first.eventCount();
    first.close();
    expect(() => prepareDatabase(dbPath, false)).toThrow(/once\.db already exists.*--replace/);
    const again = openOpsroom({ config: plan.built.config, dbPath, clock: () => lastAt });
    expect(again.eventCount()).toBe(events);
    again.close();
  });

  it('works from the command line, and a second run into the same database is refused', () => {
    const dbPath = join(dir, 'cli.db');
    const configOut = join(dir, 'cli.json');
    const args = ['tsx', 'scripts/import-nhs.ts', '--dir', DATA_DIR, '--season', '2017-18', '--from', '2018-01-01', '--to', '2018-01-05', '--db', dbPath, '--config-out', configOut];
    const run = () => spawnSync('npx', args, { cwd: REPO, encoding: 'utf8' });
    const first = run();
    expect(first.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Sitreps: seasons 2017-18/);
    expect(first.stdout).toMatch(/Backfill into .*cli\.db: 5 report dates/);
    expect(first.stdout).toMatch(/England check: sum of trusts = published England row/);
    expect(() => parseConfig(JSON.parse(require('node:fs').readFileSync(configOut, 'utf8')))).not.toThrow();
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/cli\.db already exists/);
  });
});
