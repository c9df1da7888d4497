import request from 'supertest';
import { backoffMs } from '../../server/app/backoff';
import type { Opsroom } from '../../server/app/opsroom';
import { Scheduler } from '../../server/app/scheduler';
import type { EventLog } from '../../server/storage/event-log';
import { at, reading, testConfig } from '../helpers/network';
import { ADMIN, startTestServer } from '../helpers/server';

const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

/** Make the store refuse writes of `kind` (every kind by default) until the returned function is called. */
function failWrites(room: Opsroom, kind?: 'input' | 'effect'): () => void {
  const append = room.log.append.bind(room.log);
  const spy = jest.spyOn(room.log, 'append').mockImplementation((...args: Parameters<EventLog['append']>) => {
    if (kind === undefined || args[1] === kind) throw diskFull();
    return append(...args);
  });
  const probe = kind === undefined ? jest.spyOn(room.log, 'probe').mockImplementation(() => {
    throw diskFull();
  }) : null;
  return () => {
    spy.mockRestore();
    probe?.mockRestore();
  };
}

const post = (url: string, body: object) => request(url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send(body);

test('a full disk: the reading gets 503 with Retry-After, memory stays as it was (no replay), health says so, and recovery loses nothing', async () => {
  const server = await startTestServer(testConfig(), { now: at(1) });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await post(server.url, reading('U1', 'load', 0, 12)).expect(200);
    const replays = jest.spyOn(server.room.log, 'inputs');
    const heal = failWrites(server.room);

    const refused = await post(server.url, reading('U2', 'load', 0, 15));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.error.code).toBe('storage_unavailable');
    expect((await request(server.url).get('/api/series?node=U2&indicator=load')).body.points).toEqual([]);
    expect((await request(server.url).get('/api/series?node=D1&indicator=load')).body.points.map((p: { value: number }) => p.value)).toEqual([12]);
    expect(replays).not.toHaveBeenCalled(); // the engine never stepped, so nothing is rebuilt
    const health = (await request(server.url).get('/api/health')).body;
    expect(health).toMatchObject({ status: 'degraded', store: { ok: false, lastError: 'database or disk is full' } });

    expect(() => server.room.maintain()).toThrow(/disk is full/); // the maintenance probes with a write of its own
    expect((await request(server.url).get('/api/health')).body.store.ok).toBe(false);

    heal();
    server.room.maintain(); // the store writes again: health says so before any request comes
    expect((await request(server.url).get('/api/health')).body).toMatchObject({ status: 'ok', store: { ok: true } });
    await post(server.url, reading('U2', 'load', 0, 15)).expect(200);
    await server.close();
    const again = await startTestServer(testConfig(), { now: at(1), dir: server.dir });
    expect((await request(again.url).get('/api/series?node=D1&indicator=load')).body.points.map((p: { value: number }) => p.value)).toEqual([27]);
    await again.stop();
  } finally {
    errors.mockRestore();
    await server.stop();
  }
});

test('effect rows the store refuses wait and are written once it writes again; the reading was committed, so it is answered 200', async () => {
  const server = await startTestServer(testConfig(), { now: at(1) });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const heal = failWrites(server.room, 'effect');
    await post(server.url, reading('U1', 'load', 0, 12)).expect(200);
    expect((await request(server.url).get('/api/health')).body.store).toMatchObject({ ok: false, pendingEffects: 1 });
    heal();
    server.room.maintain();
    const events = (await request(server.url).get('/api/events')).body.events as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toEqual(['policy', 'readings', 'episode.opened']);
    expect((await request(server.url).get('/api/health')).body.store).toMatchObject({ ok: true, pendingEffects: 0 });
  } finally {
    errors.mockRestore();
    await server.stop();
  }
});

describe('backoffMs: the wait after failures in a row', () => {
  test.each([
    { failures: 0, ms: 0 }, // on time
    { failures: 1, ms: 1000 },
    { failures: 2, ms: 2000 },
    { failures: 5, ms: 16_000 },
    { failures: 7, ms: 60_000 }, // capped at a minute: the store is looked at again at least that often
    { failures: 500, ms: 60_000 }, // no overflow after a long outage
  ])('$failures failures → $ms ms', ({ failures, ms }) => expect(backoffMs(failures)).toBe(ms));
});

test('a failing tick is retried with backoff, one line each, no stack traces', () => {
  jest.useFakeTimers();
  const lines: unknown[][] = [];
  let ticks = 0;
  const room = {
    onEffects: () => () => undefined,
    nextDue: () => 0, // overdue all along
    clock: () => 1000,
    tick: () => {
      ticks++;
      throw diskFull();
    },
    maintain: () => undefined,
  } as unknown as Opsroom;
  const scheduler = new Scheduler(room, { error: (...args: unknown[]) => void lines.push(args) });
  try {
    scheduler.start();
    jest.advanceTimersByTime(10_000);
    expect(ticks).toBe(4); // at 0, 1 s, 3 s and 7 s: not thousands
    expect(lines).toHaveLength(4);
    // no Error objects handed to the logger: pino would print each one's stack
    expect(lines.every((args) => args.every((arg) => !(arg instanceof Error) && !Object.values(arg as object).some((v) => v instanceof Error)))).toBe(true);
  } finally {
    scheduler.stop();
    jest.useRealTimers();
  }
});

test('an input whose step throws (a bug, not the disk) is taken back out of the log, so a restart does not trip on it', async () => {
  const server = await startTestServer(testConfig(), { now: at(1) });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await post(server.url, reading('U1', 'load', 0, 12)).expect(200);
    const events = server.room.log.lastSeq();
    jest.spyOn(server.room.engine, 'step').mockImplementationOnce(() => {
      throw new Error('a bug');
    });
    await post(server.url, reading('U2', 'load', 0, 3)).expect(500);
    expect(server.room.log.list(events, 100).filter((event) => event.kind === 'input')).toEqual([]);
    expect((await request(server.url).get('/api/series?node=D1&indicator=load')).body.points.map((p: { value: number }) => p.value)).toEqual([12]);
    await post(server.url, reading('U2', 'load', 0, 3)).expect(200);
    expect((await request(server.url).get('/api/series?node=D1&indicator=load')).body.points.map((p: { value: number }) => p.value)).toEqual([15]);
  } finally {
    errors.mockRestore();
    await server.stop();
  }
});

test('an escalation due while the disk is full happens on time in memory, is logged once the store writes, and a restart does not log it again', async () => {
  const server = await startTestServer(testConfig(), { now: at(0) });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await post(server.url, reading('U1', 'load', 0, 12)).expect(200); // U1 has 4 hours
    const heal = failWrites(server.room);
    server.clock.now = at(5);
    expect(() => server.room.tick()).toThrow(expect.objectContaining({ status: 503 }));
    expect(server.room.episode('E1')).toMatchObject({ holder: 'D1' });
    heal();
    server.room.maintain();
    const escalations = () => server.room.log.list(0, 100).filter((event) => event.type === 'episode.allowance-ran-out');
    expect(escalations()).toHaveLength(1);
    await server.close();
    const again = await startTestServer(testConfig(), { now: at(6), dir: server.dir });
    expect(again.room.log.list(0, 100).filter((event) => event.type === 'episode.allowance-ran-out')).toHaveLength(1);
    expect(again.room.episode('E1')).toMatchObject({ holder: 'D1' });
    await again.stop();
  } finally {
    errors.mockRestore();
    await server.stop();
  }
});
