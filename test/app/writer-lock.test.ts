import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Opsroom } from '../../server/app/opsroom';
import { prepareDatabase } from '../../scripts/nhs/backfill';
import { at, testConfig } from '../helpers/network';
import { killHard } from '../../scripts/crash/server-process';
import { launch } from '../helpers/process';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-lock-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig()));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a second server on the same database is refused, naming the file and the holder; once the holder is killed, a restart starts at once', async () => {
  const first = await launch(dir);
  try {
    const refused = await launch(dir).then(() => 'started', (error: Error) => error.message);
    expect(refused).toMatch(/server exited 1/);
    expect(refused).toContain(`${join(dir, 'opsroom.db')} is in use by process ${first.child.pid} on `);
    expect(refused).toMatch(/started \d{4}-\d\d-\d\dT/);
    await request(first.url).get('/api/health').expect(200); // the holder is untouched

    await killHard(first.child); // the kernel lets go of the lock with the process: no stale lock to wait out
    const second = await launch(dir);
    await killHard(second.child);
  } finally {
    await killHard(first.child);
  }
}, 60_000);

test('an import with --replace into a database a server holds is refused before anything is deleted', () => {
  const dbPath = join(dir, 'opsroom.db');
  const room = new Opsroom({ config: testConfig(), dbPath, clock: () => at(0) });
  try {
    expect(() => prepareDatabase(dbPath, true)).toThrow(new RegExp(`opsroom\\.db is in use by process ${process.pid} on \\S+, started`));
    expect(existsSync(dbPath)).toBe(true);
    expect(() => new Opsroom({ config: testConfig(), dbPath, clock: () => at(0) })).toThrow(/is in use by process/);
  } finally {
    room.close();
  }
  const reopened = new Opsroom({ config: testConfig(), dbPath, clock: () => at(0) }); // closing let go of it
  reopened.close();
});

test.each([
  // A symlink to the held file must meet the same lock, not make a second one beside itself.
  { why: 'a symlink to the database file', link: (held: string) => { symlinkSync(held, join(dir, 'link.db')); return join(dir, 'link.db'); } },
  // The same file reached through a symlinked folder.
  { why: 'a symlinked folder', link: () => { symlinkSync(join(dir, 'real'), join(dir, 'alias')); return join(dir, 'alias', 'opsroom.db'); }, held: () => { mkdirSync(join(dir, 'real')); return join(dir, 'real', 'opsroom.db'); } },
])('a second writer through $why is refused', ({ link, held }) => {
  const heldPath = held ? held() : join(dir, 'opsroom.db');
  const room = new Opsroom({ config: testConfig(), dbPath: heldPath, clock: () => at(0) });
  try {
    const other = link(heldPath);
    expect(() => new Opsroom({ config: testConfig(), dbPath: other, clock: () => at(0) })).toThrow(/is in use by process/);
  } finally {
    room.close();
  }
});
