import request from 'supertest';
import { readClock, SteadyClock, type ClockRules } from '../../server/app/clock';
import { start } from '../../server/main';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { at, HOUR, iso, testConfig } from '../helpers/network';
import { ADMIN } from '../helpers/server';

const rules: ClockRules = { toleranceMs: 30_000, acceptForwardAfterMs: 600_000 };
const anchor = { wall: at(0), mono: 0 };
const DAY = 24 * HOUR;

describe('readClock: engine time from the wall clock and elapsed time', () => {
  test.each([
    // NTP's slow corrections are followed: the wall clock is the truth while it agrees with elapsed time.
    { name: 'drift within the tolerance', step: null, wall: at(1) + 20_000, mono: HOUR, time: at(1) + 20_000, reason: 'in-step' },
    // Set back an hour: windows keep running on elapsed time instead of stopping for the hour.
    { name: 'set back an hour', step: null, wall: at(0), mono: HOUR, time: at(1), reason: 'stepped-back-held' },
    // Set a day ahead: nothing is stamped tomorrow and no window runs out a day early.
    { name: 'set a day ahead', step: null, wall: at(1) + DAY, mono: HOUR, time: at(1), reason: 'stepped-forward-held' },
    { name: 'a day ahead, not yet ten minutes', step: { byMs: DAY, sinceMono: HOUR }, wall: at(1) + DAY + 300_000, mono: HOUR + 300_000, time: at(1) + 300_000, reason: 'stepped-forward-held' },
    // A step forward that lasts is believed: a machine back from suspend, or a clock that was slow and was set right.
    { name: 'ahead for ten minutes: followed', step: { byMs: DAY, sinceMono: HOUR }, wall: at(1) + DAY + 600_000, mono: HOUR + 600_000, time: at(1) + DAY + 600_000, reason: 'stepped-forward-accepted' },
    // Set back, however long: engine time never goes back while running.
    { name: 'set back for a day: still held', step: { byMs: -HOUR, sinceMono: HOUR }, wall: at(24), mono: 25 * HOUR, time: at(25), reason: 'stepped-back-held' },
    // A step corrected: in step again.
    { name: 'the step corrected', step: { byMs: DAY, sinceMono: HOUR }, wall: at(1) + 60_000, mono: HOUR + 60_000, time: at(1) + 60_000, reason: 'in-step' },
  ])('$name', ({ step, wall, mono, time, reason }) => {
    const reading = readClock(anchor, step, { wall, mono }, rules);
    expect([reading.time, reading.reason]).toEqual([time, reason]);
  });
});

test('a clock set back an hour is reported in health, windows run on, and real-time readings are still taken', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-clock-'));
  const sources = { wall: at(0), mono: 0 };
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const clock = new SteadyClock(() => sources.wall, () => sources.mono, rules);
  const running = await start({ config: testConfig({ allowances: { unit: '1h', district: '8h', region: '1d' } }), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, clock });
  const post = (hours: number, value: number) =>
    request(running.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ unit: 'U1', indicator: 'load', ts: iso(at(hours)), value });
  try {
    await post(0, 12).expect(200); // an episode at U1 with an hour's window
    sources.mono += 30 * 60_000;
    sources.wall += 30 * 60_000 - HOUR; // the wall clock is set back an hour
    const health = (await request(running.url).get('/api/health')).body;
    expect(health.clock).toMatchObject({ engine: iso(at(0.5)), wall: iso(at(-0.5)), driftMs: -HOUR, status: 'stepped-back-held', lastStep: { byMs: -HOUR } });
    await post(0.5, 13).expect(200); // ts is the real time, half an hour ahead of the wall clock: still taken

    sources.mono += 31 * 60_000;
    sources.wall += 31 * 60_000;
    running.room.tick();
    expect((await request(running.url).get('/api/episodes/E1')).body).toMatchObject({ holder: 'D1', path: expect.arrayContaining([expect.objectContaining({ type: 'escalated', at: iso(at(1)) })]) });

    sources.wall += HOUR; // set right again
    expect((await request(running.url).get('/api/health')).body.clock).toMatchObject({ status: 'in-step', driftMs: 0 });
  } finally {
    errors.mockRestore();
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a clock set a day ahead and corrected stamps nothing tomorrow', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-clock-'));
  const sources = { wall: at(0), mono: 0 };
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const running = await start({ config: testConfig(), dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, clock: new SteadyClock(() => sources.wall, () => sources.mono, rules) });
  try {
    sources.mono += 60_000;
    sources.wall += 60_000 + DAY;
    await request(running.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ unit: 'U1', indicator: 'load', ts: iso(at(0)), value: 12 }).expect(200);
    expect((await request(running.url).get('/api/health')).body.clock).toMatchObject({ status: 'stepped-forward-held', driftMs: DAY });
    sources.wall -= DAY;
    const episode = (await request(running.url).get('/api/episodes/E1')).body;
    expect(episode.openedAt).toBe(iso(at(0) + 60_000));
    expect(episode.deadline).toBe(iso(at(4) + 60_000));
  } finally {
    errors.mockRestore();
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
