import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { snapshotFor } from '../../server/realtime/publisher';
import { at, reading, testConfig } from '../helpers/network';

test('a history opened with the clock frozen stays as it stood where the log ends; a live clock moves it on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-frozen-'));
  const dbPath = join(dir, 'history.db');
  try {
    const backfill = new Opsroom({ config: testConfig(), dbPath, clock: () => at(0) });
    backfill.ingest([reading('U1', 'load', 0, 12)], at(1));
    backfill.close();

    const frozen = new Opsroom({ config: testConfig(), dbPath, clock: 'frozen' });
    expect(frozen.clock()).toBe(at(1));
    expect(frozen.episodes()[0]).toMatchObject({ holder: 'U1', status: 'open' });
    // The wall is told its clock is held, so it can say HISTORY and stop its countdowns.
    expect(snapshotFor(frozen, 'ENG')).toMatchObject({ at: new Date(at(1)).toISOString(), clock: 'frozen' });
    frozen.close();

    const live = new Opsroom({ config: testConfig(), dbPath, clock: () => at(100) });
    expect(live.episodes()[0]).toMatchObject({ holder: 'ENG', overdue: true });
    expect(snapshotFor(live, 'ENG').clock).toBe('live');
    live.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
