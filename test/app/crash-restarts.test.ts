import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDue, type CheckpointLimits } from '../../server/app/checkpoint-rule';
import { crashRounds } from '../../scripts/crash/harness';
import { testConfig } from '../helpers/network';
import { ADMIN } from '../helpers/server';

const limits: CheckpointLimits = { inputs: 100, readings: 1000, ageMs: 60_000, ladder: 8 };

describe('checkpointDue: when a checkpoint is taken', () => {
  test.each([
    // Nothing logged since the last: an old checkpoint is still the whole story.
    { since: { inputs: 0, readings: 0, ageMs: 3_600_000 }, due: false, reason: 'nothing-new' },
    { since: { inputs: 10, readings: 100, ageMs: 1000 }, due: false, reason: 'within-limits' },
    // A few big batches weigh on a restart as much as many small requests.
    { since: { inputs: 2, readings: 1000, ageMs: 1000 }, due: true, reason: 'readings' },
    { since: { inputs: 100, readings: 100, ageMs: 1000 }, due: true, reason: 'inputs' },
    // A quiet server still checkpoints what it has, so a restart after a long quiet day is quick.
    { since: { inputs: 1, readings: 1, ageMs: 60_000 }, due: true, reason: 'age' },
  ])('$reason', ({ since, due, reason }) => {
    expect(checkpointDue(since, limits)).toEqual({ due, reason });
  });
});

test('ten SIGKILLs under concurrent ingest: every 2xx reading survives, and each restart replays at most one checkpoint\'s worth', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-kills-'));
  const readingsLimit = 300;
  const batch = 25;
  const writers = ['U1', 'U2', 'U3', 'U4'].map((unit) => ({ unit, indicator: 'load' }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(testConfig({}, { load: { period: '1m', detectors: [] } })));
  try {
    const result = await crashRounds({
      env: {
        OPSROOM_CONFIG: join(dir, 'config.json'), OPSROOM_DB: join(dir, 'opsroom.db'), OPSROOM_ADMIN_TOKEN: ADMIN,
        OPSROOM_CHECKPOINT_READINGS: String(readingsLimit), OPSROOM_CHECKPOINT_INPUTS: '100000', OPSROOM_CHECKPOINT_AGE: '1h',
      },
      adminToken: ADMIN, kills: 10, writers, batch,
      firstTs: Date.now() - 24 * 3_600_000, stepMs: 60_000, perWriter: 1400,
      postMs: () => 0, postReadings: 400, // each round outlasts a checkpoint's worth, then the kill lands mid-flight
    });
    expect(result.lost).toEqual([]);
    expect(result.firstRefusal).toBeUndefined();
    expect(result.acknowledged).toBeGreaterThanOrEqual(10 * 400); // far more than one checkpoint's worth went by
    // Without checkpoints counted from the log, the replay would grow with every kill.
    for (const restart of result.restarts) expect(restart.readings).toBeLessThanOrEqual(readingsLimit + writers.length * batch);
    expect(result.restarts.some((restart) => restart.readings > 0)).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
