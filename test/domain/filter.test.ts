import { Engine } from '../../server/domain/engine';
import { engineFromSnapshot, snapshotOf } from '../../server/domain/snapshot';
import { listEpisodes, nodeView, seriesView } from '../../server/domain/views';
import type { Reading } from '../../shared/api';
import { parseConfig } from '../../shared/config';
import { at, HOUR, iso, reading, testConfig } from '../helpers/network';

const post = (engine: Engine, now: number, ...readings: Reading[]) => engine.step({ type: 'readings', readings }, now);
const everyUnit = (hour: number, values: Record<string, number>) => ['U1', 'U2', 'U3', 'U4'].map((unit) => reading(unit, 'load', hour, values[unit] ?? 1));
/** District alert at 15 (clear 12), so two units back inside their own bounds can still leave their district out. */
const systemicLoad = { load: { thresholds: { unit: { alert: 10, crisis: 20, clear: 8 }, district: { alert: 15, crisis: 40, clear: 12 }, region: { alert: 100 }, national: { alert: 100 } } } };

describe('one problem, one episode (inhibition across levels)', () => {
  test('one unit\'s crisis that pushes every aggregate out is one episode that climbs; the others are held back by it', () => {
    const engine = new Engine(testConfig());
    post(engine, at(0) + 60_000, ...everyUnit(0, { U4: 45 })); // D3 45 (crisis), R2 45 (alert), ENG 48 (alert)
    engine.advance(at(100));
    const episodes = listEpisodes(engine);
    expect(episodes.map((e) => [e.node, e.severity, e.holder])).toEqual([['U4', 'crisis', 'ENG']]);
    expect(episodes[0]!.inhibits.map((b) => [b.node, b.level, b.severity, b.value])).toEqual([['D3', 'district', 'crisis', 45], ['R2', 'region', 'alert', 45], ['ENG', 'national', 'alert', 48]]);
    expect(nodeView(engine, 'ENG').heldBack.map((held) => [held.node, held.by])).toEqual([['ENG', ['E1']], ['R2', ['E1']]]);
  });

  test('when the episodes below settle and the node\'s own figure is still out, its own episode opens then: systemic', () => {
    const engine = new Engine(testConfig({}, systemicLoad));
    post(engine, at(0) + 60_000, ...everyUnit(0, { U1: 12, U2: 12 })); // D1 24: held back by U1's and U2's
    expect(listEpisodes(engine).map((e) => e.node)).toEqual(['U1', 'U2']);
    expect(nodeView(engine, 'D1').heldBack).toMatchObject([{ node: 'D1', value: 24, by: ['E1', 'E2'] }]);
    post(engine, at(1) + 60_000, ...everyUnit(1, { U1: 8, U2: 8 })); // both back in; D1 16 still over 15
    const d1 = listEpisodes(engine).find((e) => e.node === 'D1')!;
    expect(d1).toMatchObject({ status: 'open', holder: 'D1', openedAt: iso(at(1) + 60_000), deadline: iso(at(9) + 60_000), inhibitedBy: ['E1', 'E2'], value: 16 });
    // The settled ones keep, as history, what they held back while open.
    expect(listEpisodes(engine).filter((e) => e.node !== 'D1').map((e) => [e.node, e.status, e.inhibits.map((b) => b.node)])).toEqual([['U1', 'resolved', ['D1']], ['U2', 'resolved', ['D1']]]);
  });

  test('a unit that clears before its siblings report opens nothing at its district: the district\'s new figure decides', () => {
    const engine = new Engine(testConfig({}, systemicLoad));
    post(engine, at(0), ...everyUnit(0, { U1: 25 })); // U1 crisis; D1 26 held back by it
    post(engine, at(1), reading('U1', 'load', 1, 5)); // U1 settles; D1's hour 1 waits for U2
    expect(listEpisodes(engine).map((e) => [e.node, e.status])).toEqual([['U1', 'resolved']]);
    post(engine, at(1) + 60_000, reading('U2', 'load', 1, 1)); // D1 6: back in
    expect(listEpisodes(engine).map((e) => e.node)).toEqual(['U1']);
    expect(nodeView(engine, 'D1').heldBack).toEqual([]);
  });

  test('the episode below lists the held-back figure as it is now, period by period', () => {
    const engine = new Engine(testConfig({}, systemicLoad));
    post(engine, at(0), ...everyUnit(0, { U1: 25 }));
    post(engine, at(1), ...everyUnit(1, { U1: 35 }));
    expect(listEpisodes(engine)[0]!.inhibits).toMatchObject([{ node: 'D1', value: 36, period: iso(at(1)) }]);
  });

  test('a restart from a snapshot holds breaches back in the same order as the run that never stopped', () => {
    const inputs: Array<[number, Reading[]]> = [
      [at(0), everyUnit(0, { U1: 12, U2: 12 })],
      [at(1), everyUnit(1, { U1: 5, U2: 12 })], // U1 settles...
      [at(2), everyUnit(2, { U1: 12, U2: 12 })], // ...and reopens: the open index now lists E2 before E1
      [at(3), everyUnit(3, { U1: 13, U2: 14 })],
    ];
    const straight = new Engine(testConfig({ reopenWithin: '3h' }, systemicLoad));
    inputs.forEach(([now, readings]) => post(straight, now, ...readings));
    const stopped = new Engine(testConfig({ reopenWithin: '3h' }, systemicLoad));
    inputs.slice(0, 3).forEach(([now, readings]) => post(stopped, now, ...readings));
    const restarted = engineFromSnapshot(JSON.parse(JSON.stringify(snapshotOf(stopped))));
    post(restarted, inputs[3]![0], ...inputs[3]![1]);
    expect(JSON.stringify(listEpisodes(restarted))).toBe(JSON.stringify(listEpisodes(straight)));
    expect(nodeView(restarted, 'D1').heldBack).toEqual(nodeView(straight, 'D1').heldBack);
  });

  test('a parent\'s crisis over alerts below is worse than anything below, and opens with its own clock', () => {
    const engine = new Engine(testConfig({}, { load: { thresholds: { unit: { alert: 10, crisis: 30 }, district: { alert: 15, crisis: 20 }, region: { alert: 100 }, national: { alert: 100 } } } }));
    post(engine, at(0), ...everyUnit(0, { U1: 12, U2: 12 }));
    expect(listEpisodes(engine).map((e) => [e.node, e.severity])).toEqual([['U1', 'alert'], ['U2', 'alert'], ['D1', 'crisis']]);
  });

  test('once the node\'s own figure is back in, the episode below no longer carries it', () => {
    const engine = new Engine(testConfig({}, systemicLoad));
    post(engine, at(0), ...everyUnit(0, { U1: 22 })); // U1 crisis, D1 22 (alert) held back
    expect(listEpisodes(engine)[0]!.inhibits.map((b) => b.node)).toEqual(['D1']);
    post(engine, at(1), ...everyUnit(1, { U1: 11 })); // D1 11: back inside its clear bound; U1 still out
    expect(listEpisodes(engine)[0]!.inhibits).toEqual([]);
    expect(nodeView(engine, 'D1').heldBack).toEqual([]);
  });
});

describe('silence is a signal (no report)', () => {
  const silent = () => new Engine(testConfig({}, { load: { noReport: '1h' } }));

  test('a unit that stops posting raises a missing report once the next period and its grace have passed, held by the unit', () => {
    const engine = silent();
    post(engine, at(0) + 60_000, reading('U1', 'load', 0, 5));
    engine.advance(at(3)); // hour 1 ends at 2, its grace at 3: a window includes its last instant
    expect(listEpisodes(engine)).toEqual([]);
    engine.advance(at(3) + 1);
    expect(listEpisodes(engine)).toMatchObject([{ node: 'U1', kind: 'no-report', direction: 'pain', severity: 'alert', holder: 'U1', openedAt: iso(at(3)), period: iso(at(1)), value: null, deadline: iso(at(7)) }]);
  });

  test('a unit that posts for a while, then stops, is missed at the end of the first period it left out', () => {
    const engine = silent();
    for (let h = 0; h <= 4; h++) post(engine, at(h) + 60_000, reading('U1', 'load', h, 5));
    engine.advance(at(7)); // hour 5 ended at 6, its grace at 7: not yet
    expect(listEpisodes(engine)).toEqual([]);
    engine.advance(at(7) + 1);
    expect(listEpisodes(engine)).toMatchObject([{ kind: 'no-report', period: iso(at(5)), openedAt: iso(at(7)) }]);
  });

  test('the next reading resolves it; a unit that never posted is not expected', () => {
    const engine = silent();
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(5));
    post(engine, at(5), reading('U1', 'load', 5, 5));
    expect(listEpisodes(engine)).toMatchObject([{ node: 'U1', kind: 'no-report', status: 'resolved', resolvedLevel: 'unit' }]);
    expect(listEpisodes(engine)[0]!.path.at(-1)).toMatchObject({ type: 'resolved', reason: 'reported' });
    expect(listEpisodes(engine).filter((e) => e.node !== 'U1')).toEqual([]); // U2..U4 never posted
  });

  test('a unit that closed or merged raises nothing after it closed', () => {
    const base = testConfig({}, { load: { noReport: '1h' } });
    const engine = new Engine(parseConfig({ ...base, nodes: base.nodes.map((n) => (n.id === 'U1' ? { ...n, closed: iso(at(1)) } : n)) }));
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(50));
    expect(listEpisodes(engine)).toEqual([]);
  });

  test('noReport: false never raises one', () => {
    const engine = new Engine(testConfig({}, { load: { noReport: false } }));
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(50));
    expect(listEpisodes(engine)).toEqual([]);
  });
});

describe('late data and corrections are judged', () => {
  const hours = (engine: Engine, from: number, to: number, value = 5) => {
    for (let h = from; h <= to; h++) post(engine, at(h) + 60_000, reading('U1', 'load', h, value));
  };

  test('a late breach for an older period opens an episode now, stamped with its period', () => {
    const engine = new Engine(testConfig());
    hours(engine, 0, 1);
    hours(engine, 3, 5); // hour 2 is missing
    post(engine, at(6), reading('U1', 'load', 2, 14)); // it arrives late, out of bounds
    expect(listEpisodes(engine)).toMatchObject([{ node: 'U1', kind: 'threshold', status: 'open', period: iso(at(2)), value: 14, openedAt: iso(at(6)), deadline: iso(at(10)) }]);
    hours(engine, 6, 6);
    expect(listEpisodes(engine)[0]).toMatchObject({ status: 'resolved' }); // the next figure in bounds settles it
  });

  test('a correction that removes the cause withdraws the open episode as revised, with the revision on its path', () => {
    const engine = new Engine(testConfig());
    hours(engine, 0, 3);
    post(engine, at(4) + 60_000, reading('U1', 'load', 4, 14));
    expect(listEpisodes(engine)[0]).toMatchObject({ status: 'open' });
    post(engine, at(4) + 120_000, { ...reading('U1', 'load', 4, 6), ts: iso(at(4) + 30 * 60_000) });
    const episode = listEpisodes(engine)[0]!;
    expect(episode.status).toBe('resolved');
    expect(episode.path.slice(1)).toEqual([
      { type: 'revised', at: iso(at(4) + 120_000), period: iso(at(4)) },
      { type: 'resolved', at: iso(at(4) + 120_000), level: 'unit', reason: 'revised' },
    ]);
  });

  test('re-judging runs the detectors again from before the late period: Cyberstride\'s forecasts change from there on', () => {
    const config = testConfig({}, { load: { thresholds: undefined, detectors: ['cyberstride'] } });
    const engine = new Engine(config);
    for (let h = 0; h < 60; h++) if (h !== 30) post(engine, at(h) + 60_000, reading('U4', 'load', h, 100 + (h % 3)));
    const before = seriesView(engine, 'U4', 'load').points.map((p) => p.forecast?.forecast);
    post(engine, at(61), reading('U4', 'load', 30, 160));
    const after = seriesView(engine, 'U4', 'load').points.map((p) => p.forecast?.forecast);
    expect(after.slice(0, 30)).toEqual(before.slice(0, 30)); // nothing before the late period changes
    expect(after.slice(31)).not.toEqual(before.slice(30)); // from it on, the model has seen it
  });

  test('late data never tells again an exception already told, however old', () => {
    const engine = new Engine(testConfig());
    for (let h = 0; h <= 100; h++) if (h !== 5) post(engine, at(h) + 60_000, reading('U1', 'load', h, h === 10 ? 14 : 5));
    expect(listEpisodes(engine).map((e) => e.status)).toEqual(['resolved']); // hour 10, told and settled
    post(engine, at(101), reading('U1', 'load', 5, 6)); // the missing hour 5 arrives, in bounds
    post(engine, at(101) + 60_000, { ...reading('U1', 'load', 10, 15), ts: iso(at(10) + 60_000) }); // hour 10 corrected, still out
    expect(listEpisodes(engine).map((e) => e.status)).toEqual(['resolved']);
  });

  test('re-judging is deterministic: the same inputs give the same episodes', () => {
    const run = () => {
      const engine = new Engine(testConfig());
      hours(engine, 0, 5);
      post(engine, at(6), reading('U1', 'load', 2, 14), reading('U1', 'load', 3, 13));
      post(engine, at(7), { ...reading('U1', 'load', 2, 4), ts: iso(at(2) + 60_000) });
      return JSON.stringify(listEpisodes(engine));
    };
    expect(run()).toBe(run());
  });
});

describe('the policy is pinned', () => {
  test('a configuration change does not shorten a running window; new episodes run under the new one', () => {
    const engine = new Engine(testConfig()); // district window 8 h
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.advance(at(5)); // passed to D1 at 4 h, deadline 12 h
    engine.step({ type: 'policy', config: testConfig({ allowances: { unit: '4h', district: '1h', region: '1h' } }) }, at(5));
    engine.advance(at(11));
    expect(listEpisodes(engine)[0]).toMatchObject({ holder: 'D1', deadline: iso(at(12)), policyVersion: 1 });
    engine.advance(at(12) + 1);
    expect(listEpisodes(engine)[0]).toMatchObject({ holder: 'R1', deadline: iso(at(36)) }); // the region's 1 d of version 1
    post(engine, at(13), reading('U3', 'load', 13, 12));
    engine.advance(at(17) + 1);
    expect(listEpisodes(engine)[1]).toMatchObject({ node: 'U3', holder: 'D2', deadline: iso(at(18)), policyVersion: 2 });
  });
});

describe('the policy is pinned, and a new one leaves nothing stranded', () => {
  test('an episode that reopens after a configuration change still runs under the version it opened under', () => {
    const engine = new Engine(testConfig({ reopenWithin: '3h' })); // district window 8 h
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.advance(at(5)); // D1 holds it, deadline 12 h
    post(engine, at(5), reading('U1', 'load', 5, 5)); // settled at the district
    engine.step({ type: 'policy', config: testConfig({ reopenWithin: '3h', allowances: { unit: '4h', district: '1h', region: '1h' } }) }, at(6));
    post(engine, at(6), reading('U1', 'load', 6, 12)); // out again within reopenWithin
    expect(listEpisodes(engine)).toMatchObject([{ id: 'E1', status: 'open', holder: 'D1', deadline: iso(at(12)), policyVersion: 1 }]);
  });

  test('a unit removed by one configuration and restored by the next gets its deadlines and silence checks back', () => {
    const withU1 = testConfig({}, { load: { noReport: '1h' } });
    const withoutU1 = parseConfig({ ...withU1, nodes: withU1.nodes.filter((n) => n.id !== 'U1') });
    const engine = new Engine(withU1);
    post(engine, at(0), reading('U1', 'load', 0, 12));
    engine.step({ type: 'policy', config: withoutU1 }, at(1));
    engine.advance(at(20)); // its deadline and its silence check fall while it is gone
    engine.step({ type: 'policy', config: withU1 }, at(20));
    engine.advance(at(21));
    const [episode, missing] = listEpisodes(engine);
    expect(episode).toMatchObject({ node: 'U1', holder: 'R1', deadline: iso(at(36)) }); // its windows ran out while it was gone
    expect(episode!.path.filter((p) => p.type === 'escalated').map((p) => p.at)).toEqual([iso(at(4)), iso(at(12))]); // each stamped at its own deadline
    expect(missing).toMatchObject({ node: 'U1', kind: 'no-report' });
  });
});

describe('closed units', () => {
  const closing = (at1: string) => {
    const base = testConfig({}, { load: { noReport: '1h' } });
    return parseConfig({ ...base, nodes: base.nodes.map((n) => (n.id === 'U1' ? { ...n, closed: at1 } : n)) });
  };

  test('a closed unit is not expected in its parent\'s coverage, so the parent is judged on the units that remain', () => {
    const engine = new Engine(closing(iso(at(1))));
    post(engine, at(2), reading('U2', 'load', 2, 25)); // D1 has only U2 left: 25 is over the district's 20
    expect(seriesView(engine, 'D1', 'load').points[0]).toMatchObject({ coverage: 1, final: true });
    expect(listEpisodes(engine).map((e) => e.node)).toEqual(['U2']); // U2's own, D1 held back by it
    expect(nodeView(engine, 'D1').heldBack.map((h) => h.node)).toEqual(['D1']);
  });

  test('a unit silent before it closes has its missing report settled when it closes', () => {
    const engine = new Engine(closing(iso(at(10))));
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(5)); // missed hour 1 at 3 h
    engine.advance(at(10) + 1);
    const [missing] = listEpisodes(engine);
    expect(missing).toMatchObject({ kind: 'no-report', status: 'resolved', resolvedAt: iso(at(10)) });
    expect(missing!.path.at(-1)).toMatchObject({ type: 'resolved', reason: 'unit-closed' });
  });
});

describe('closing a unit ends its missing reports, however it comes', () => {
  const config = (closed?: string) => {
    const base = testConfig({ reopenWithin: '5h' }, { load: { noReport: '1h' } });
    return parseConfig({ ...base, nodes: base.nodes.map((n) => (n.id === 'U1' && closed ? { ...n, closed } : n)) });
  };

  test('a missing report that reopens after the unit\'s closing time has passed ends at once', () => {
    const engine = new Engine(config(iso(at(5))));
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(3) + 1); // hour 1 missed
    post(engine, at(3) + 30 * 60_000, reading('U1', 'load', 1, 5)); // reported again
    engine.advance(at(500));
    expect(listEpisodes(engine).map((e) => [e.kind, e.status])).toEqual([['no-report', 'resolved']]);
  });

  test('a configuration that closes the unit ends its open missing report; one that reopens it does not', () => {
    const engine = new Engine(config());
    post(engine, at(0), reading('U1', 'load', 0, 5));
    engine.advance(at(3) + 1);
    engine.step({ type: 'policy', config: config(iso(at(4))) }, at(4));
    engine.advance(at(5));
    expect(listEpisodes(engine)[0]).toMatchObject({ status: 'resolved', resolvedAt: iso(at(4)) });

    const reopened = new Engine(config(iso(at(10))));
    post(reopened, at(0), reading('U1', 'load', 0, 5));
    reopened.advance(at(3) + 1);
    reopened.step({ type: 'policy', config: config() }, at(4)); // it no longer closes
    reopened.advance(at(11));
    expect(listEpisodes(reopened)[0]).toMatchObject({ kind: 'no-report', status: 'open' });
  });

  test('changing the policy again and again does not pile up timers', () => {
    const engine = new Engine(config());
    post(engine, at(0), reading('U1', 'load', 0, 12), reading('U2', 'load', 0, 5));
    const before = engine.state.timers.size;
    for (let i = 0; i < 50; i++) engine.step({ type: 'policy', config: config() }, at(0) + i);
    expect(engine.state.timers.size).toBe(before);
  });
});

describe('local days', () => {
  test('a UK daily figure posted at 00:30 BST falls on its own day; the day of the spring change is 23 hours', () => {
    const base = testConfig({}, { load: { period: '1d' } });
    const engine = new Engine(parseConfig({ ...base, timeZone: 'Europe/London' }));
    post(engine, Date.parse('2026-06-01T00:00:00Z'), { unit: 'U1', indicator: 'load', ts: '2026-06-01T00:30:00+01:00', value: 5 });
    expect(seriesView(engine, 'U1', 'load').points.map((p) => p.period)).toEqual(['2026-05-31T23:00:00.000Z']); // 1 June, local midnight
    post(engine, Date.parse('2026-03-30T12:00:00Z'), { unit: 'U1', indicator: 'load', ts: '2026-03-29T23:30:00+01:00', value: 6 });
    expect(seriesView(engine, 'U1', 'load').points[0]!.period).toBe('2026-03-29T00:00:00.000Z'); // 29 March is 00:00Z..23:00Z
  });

  test('by default a day\'s parent figure stays provisional until the next local day ends, 25 hours on 25 October', () => {
    const engine = new Engine(parseConfig({ ...testConfig({}, { load: { period: '1d' } }), timeZone: 'Europe/London' }));
    post(engine, Date.parse('2026-10-24T12:00:00Z'), { unit: 'U1', indicator: 'load', ts: '2026-10-24T08:00:00+01:00', value: 5 });
    engine.advance(Date.parse('2026-10-25T23:30:00Z')); // 24 hours after 24 October ended, but 25 October is not over
    expect(seriesView(engine, 'D1', 'load').points[0]).toMatchObject({ final: false });
    engine.advance(Date.parse('2026-10-26T00:00:01Z'));
    expect(seriesView(engine, 'D1', 'load').points[0]).toMatchObject({ final: true });
  });

  test('a unit silent about a local day is missed once that day (25 hours long in October) and its grace have passed', () => {
    const base = testConfig({}, { load: { period: '1d', noReport: '1h' } });
    const engine = new Engine(parseConfig({ ...base, timeZone: 'Europe/London' }));
    post(engine, Date.parse('2026-10-24T12:00:00Z'), { unit: 'U1', indicator: 'load', ts: '2026-10-24T08:00:00+01:00', value: 5 });
    // 25 October runs from 23:00Z on the 24th to 00:00Z on the 26th; its grace ends at 01:00Z.
    engine.advance(Date.parse('2026-10-26T01:00:00Z'));
    expect(listEpisodes(engine)).toEqual([]);
    engine.advance(Date.parse('2026-10-26T01:00:00Z') + 1);
    expect(listEpisodes(engine)).toMatchObject([{ kind: 'no-report', period: '2026-10-24T23:00:00.000Z', openedAt: '2026-10-26T01:00:00.000Z' }]);
  });

  test('a parent\'s daily figure becomes final a grace after the local day ends, not 24 hours after it began', () => {
    const base = testConfig({}, { load: { period: '1d', grace: '1h' } });
    const engine = new Engine(parseConfig({ ...base, timeZone: 'Europe/London' }));
    post(engine, Date.parse('2026-03-29T12:00:00Z'), { unit: 'U1', indicator: 'load', ts: '2026-03-29T12:00:00+01:00', value: 5 });
    engine.advance(Date.parse('2026-03-29T23:59:00Z')); // the 23-hour day ended at 23:00Z, its grace at 00:00Z
    expect(seriesView(engine, 'D1', 'load').points[0]).toMatchObject({ final: false });
    engine.advance(Date.parse('2026-03-30T00:00:01Z'));
    expect(seriesView(engine, 'D1', 'load').points[0]).toMatchObject({ final: true });
    void HOUR;
  });
});
