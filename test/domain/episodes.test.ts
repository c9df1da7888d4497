import { Engine } from '../../server/domain/engine';
import { listEpisodes } from '../../server/domain/views';
import type { Episode, Reading } from '../../shared/api';
import { at, HOUR, iso, reading, testConfig } from '../helpers/network';

const MIN = 60_000;

function post(engine: Engine, now: number, ...readings: Reading[]) {
  return engine.step({ type: 'readings', readings }, now);
}
const only = (engine: Engine, filter: Parameters<typeof listEpisodes>[1] = {}): Episode => {
  const episodes = listEpisodes(engine, filter);
  expect(episodes).toHaveLength(1);
  return episodes[0]!;
};

describe('episodes follow the allowance rules', () => {
  test('an exception opens an episode held where it arose, with that level\'s window', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0) + MIN, reading('U1', 'load', 0, 12));
    const episode = only(engine);
    expect(episode).toMatchObject({
      node: 'U1', indicator: 'load', direction: 'pain', kind: 'threshold', severity: 'alert', status: 'open',
      holder: 'U1', holderLevel: 'unit', openedAt: iso(at(0) + MIN), deadline: iso(at(4) + MIN), overdue: false, policyVersion: 1,
    });
    expect(episode.path).toEqual([{ type: 'opened', at: iso(at(0) + MIN), holder: 'U1' }]);
  });

  test('escalations are stamped at their deadlines however late the clock is advanced, and stay at the top overdue', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.advance(at(100)); // the server was down for days
    const episode = only(engine);
    expect(episode.path.filter((entry) => entry.type === 'escalated')).toEqual([
      { type: 'escalated', at: iso(at(4)), from: 'U1', to: 'D1', reason: 'deadline' },
      { type: 'escalated', at: iso(at(12)), from: 'D1', to: 'R1', reason: 'deadline' },
      { type: 'escalated', at: iso(at(36)), from: 'R1', to: 'ENG', reason: 'deadline' },
    ]);
    expect(episode).toMatchObject({ holder: 'ENG', holderLevel: 'national', deadline: null, overdue: true, status: 'open' });
    expect(episode.reached).toEqual(['U1', 'D1', 'R1', 'ENG']);
  });

  test.each([
    { hours: '4 (its last instant)', advanceTo: at(4), holder: 'U1', deadline: at(4) },
    { hours: '4 and a millisecond', advanceTo: at(4) + 1, holder: 'D1', deadline: at(12) },
    { hours: '11', advanceTo: at(11), holder: 'D1', deadline: at(12) },
    { hours: '12 and a millisecond', advanceTo: at(12) + 1, holder: 'R1', deadline: at(36) },
  ])('after $hours h the holder is $holder', ({ advanceTo, holder, deadline }) => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.advance(advanceTo);
    expect(only(engine)).toMatchObject({ holder, deadline: iso(deadline) });
  });

  test('a fix that arrives at the very instant the window ends settles it locally', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(4), reading('U1', 'load', 4, 5));
    expect(only(engine)).toMatchObject({ status: 'resolved', resolvedLevel: 'unit' });
  });

  test('an indicator may override a level\'s allowance', () => {
    const engine = new Engine(testConfig({}, { load: { allowances: { unit: '30m' } } }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    expect(only(engine).deadline).toBe(iso(at(0) + 30 * MIN));
  });

  test('settled locally: back to normal within the window resolves at the unit', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(1), reading('U1', 'load', 1, 5));
    expect(only(engine)).toMatchObject({ status: 'resolved', resolvedAt: iso(at(1)), resolvedLevel: 'unit', deadline: null });
    engine.advance(at(50));
    expect(only(engine).path.map((entry) => entry.type)).toEqual(['opened', 'resolved']);
  });

  test('resolution records the level it was settled at', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(5), reading('U1', 'load', 5, 5));
    expect(only(engine)).toMatchObject({ status: 'resolved', resolvedLevel: 'district', holder: 'D1' });
  });

  test('clearAfter counts normal periods before resolving', () => {
    const engine = new Engine(testConfig({ clearAfter: 2 }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(1), reading('U1', 'load', 1, 5));
    expect(only(engine).status).toBe('open');
    post(engine, at(2), reading('U1', 'load', 2, 5));
    expect(only(engine).status).toBe('resolved');
  });

  test('acknowledging does not stop the clock', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    const result = engine.step({ type: 'acknowledge', episode: 'E1', by: 'Sam at U1', note: 'opening escalation beds' }, at(1));
    expect(result.refused).toBeUndefined();
    engine.advance(at(4) + 1);
    const episode = only(engine);
    expect(episode).toMatchObject({ acknowledgedBy: 'Sam at U1', holder: 'D1' });
    expect(episode.path[1]).toEqual({ type: 'acknowledged', at: iso(at(1)), by: 'Sam at U1', note: 'opening escalation beds' });
  });

  test('a resolved episode cannot be acknowledged, but can be annotated', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(1), reading('U1', 'load', 1, 5));
    expect(engine.step({ type: 'acknowledge', episode: 'E1', by: 'x', note: null }, at(2)).refused).toBe('not-open');
    expect(engine.step({ type: 'note', episode: 'E1', by: 'x', note: 'lessons learnt' }, at(2)).refused).toBeUndefined();
    expect(engine.step({ type: 'note', episode: 'E9', by: 'x', note: 'n' }, at(2)).refused).toBe('unknown-episode');
  });

  test('stepping back out of bounds within reopenWithin reopens the same episode at the level it reached, without a new window', () => {
    const engine = new Engine(testConfig({ reopenWithin: '3h' }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.advance(at(5)); // with D1 until at(12)
    post(engine, at(5), reading('U1', 'load', 5, 5));
    post(engine, at(6), reading('U1', 'load', 6, 13));
    const episode = only(engine);
    expect(episode).toMatchObject({ id: 'E1', status: 'open', holder: 'D1', deadline: iso(at(12)) });
    expect(episode.path.map((entry) => entry.type)).toEqual(['opened', 'escalated', 'resolved', 'reopened']);
  });

  test('a window that ran out while resolved is due at once on reopening', () => {
    const engine = new Engine(testConfig({ reopenWithin: '3h' }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(3), reading('U1', 'load', 3, 5));
    post(engine, at(5), reading('U1', 'load', 5, 12));
    engine.advance(at(5) + 1);
    expect(only(engine)).toMatchObject({ holder: 'D1', deadline: iso(at(5) + 8 * HOUR) });
  });

  test('an exception after reopenWithin opens a new episode', () => {
    const engine = new Engine(testConfig({ reopenWithin: '2h' }));
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(1), reading('U1', 'load', 1, 5));
    post(engine, at(4), reading('U1', 'load', 4, 12));
    const episodes = listEpisodes(engine);
    expect(episodes.map((e) => [e.id, e.status, e.holder])).toEqual([['E1', 'resolved', 'U1'], ['E2', 'open', 'U1']]);
  });

  test.each([
    { bypassTo: undefined, holder: 'D1', deadline: at(8) },
    { bypassTo: 'region', holder: 'R1', deadline: at(24) },
    { bypassTo: 'national', holder: 'ENG', deadline: null },
  ])('a crisis skips the local window: bypassTo $bypassTo → held by $holder, every ancestor told', ({ bypassTo, holder, deadline }) => {
    const engine = new Engine(testConfig(bypassTo ? { bypassTo } : {}));
    post(engine, at(0), reading('U1', 'load', 0, 25));
    expect(only(engine)).toMatchObject({ severity: 'crisis', holder, node: 'U1', deadline: deadline === null ? null : iso(deadline), reached: ['U1', 'D1', 'R1', 'ENG'] });
  });

  test('an alert that becomes a crisis is raised and skips the rest of the local window', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0), reading('U1', 'load', 0, 12));
    post(engine, at(1), reading('U1', 'load', 1, 25));
    const episode = only(engine);
    expect(episode).toMatchObject({ id: 'E1', severity: 'crisis', holder: 'D1', deadline: iso(at(9)), reached: ['U1', 'D1', 'R1', 'ENG'] });
    expect(episode.path.slice(1)).toEqual([
      { type: 'severity', at: iso(at(1)), severity: 'crisis' },
      { type: 'escalated', at: iso(at(1)), from: 'U1', to: 'D1', reason: 'crisis' },
    ]);
  });

  test('threshold hysteresis: in alarm until back inside the clear bound', () => {
    const engine = new Engine(testConfig());
    const occ = (hour: number, occupied: number) => post(engine, at(hour), reading('U1', 'occupied', hour, occupied), reading('U1', 'open', hour, 100));
    occ(0, 96);
    occ(1, 94.5); // below alert, above clear: still an exception
    expect(only(engine, { node: 'U1' }).status).toBe('open');
    occ(2, 93);
    expect(only(engine, { node: 'U1' }).status).toBe('resolved');
  });

  test('one open episode per (node, indicator, direction)', () => {
    const engine = new Engine(testConfig());
    for (let hour = 0; hour < 3; hour++) post(engine, at(hour), reading('U1', 'load', hour, 12 + hour));
    expect(listEpisodes(engine, { node: 'U1' })).toHaveLength(1);
  });
});
