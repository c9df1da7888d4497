import type { Episode } from '../../shared/api';
import { allowanceOf, byUrgency, holderChain, holderLegs, keepUnchangedMarks, legDuration, nodeMarks, urgencyOf, wayState, type NodeMark } from '../../client/state/episodes';
import { at, climbed, episode, T0 } from './fixtures';

const minutes = (m: number) => T0 + m * 60_000;

describe('allowance', () => {
  it.each([
    [0, 0, 0, 60 * 60_000],
    [30, 0.5, 1, 30 * 60_000],
    [45, 0.75, 2, 15 * 60_000],
    [54, 0.9, 3, 6 * 60_000],
    [60, 1, 4, 0],
    [75, 1, 4, 0],
  ])('at %i minutes of a 60-minute window: used %d, urgency %d', (m, used, urgency, left) => {
    const allowance = allowanceOf(episode(), minutes(m));
    expect(allowance.used).toBeCloseTo(used);
    expect(allowance.urgency).toBe(urgency);
    expect(allowance.leftMs).toBe(left);
  });

  it('counts from the last escalation, not from the opening', () => {
    // Escalated to NW at 180 m with the deadline at 300 m: at 240 m half the region's window is used.
    const allowance = allowanceOf(climbed(), minutes(240));
    expect(allowance.start).toBe(minutes(180));
    expect(allowance.used).toBeCloseTo(0.5);
  });

  it('is spent and most urgent when held at the top with no window left', () => {
    const allowance = allowanceOf(episode({ overdue: true, deadline: null, holder: 'ENG' }), minutes(1));
    expect(allowance).toMatchObject({ used: 1, overdue: true, urgency: 4, leftMs: null });
  });

  it('has no clock for a bright spot or a resolved episode', () => {
    expect(allowanceOf(episode({ direction: 'pleasure', deadline: null }), minutes(10)).urgency).toBe(0);
    expect(allowanceOf(episode({ status: 'resolved' }), minutes(59)).urgency).toBe(0);
  });

  it('maps used fractions to blink speeds', () => {
    expect([0.2, 0.5, 0.8, 0.95, 1].map(urgencyOf)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('path travelled', () => {
  it('splits time by holder, the current one still running', () => {
    const legs = holderLegs(climbed());
    expect(legs.map((leg) => leg.holder)).toEqual(['MFT', 'GM', 'NW']);
    expect(legs.map((leg) => legDuration(leg, minutes(200)) / 60_000)).toEqual([60, 120, 20]);
  });

  it('counts a reopened stretch with the same holder as one, without the time it was resolved', () => {
    const legs = holderLegs(
      episode({}, [
        { type: 'opened', at: at(0), holder: 'MFT' },
        { type: 'resolved', at: at(10), level: 'unit' },
        { type: 'reopened', at: at(30), holder: 'MFT' },
      ]),
    );
    expect(legs).toHaveLength(1);
    expect(legDuration(legs[0]!, minutes(35)) / 60_000).toBe(15);
  });

  it('starts the chain at the origin even when a crisis skipped its window', () => {
    const crisis = episode({ severity: 'crisis', holder: 'GM', holderLevel: 'district' }, [{ type: 'opened', at: at(0), holder: 'GM' }]);
    expect(holderChain(crisis)).toEqual(['MFT', 'GM']);
  });
});

describe('node marks', () => {
  it('marks the holder held and the nodes it climbed through passed', () => {
    const marks = nodeMarks([climbed()]);
    expect(marks.get('NW')?.state).toBe('held');
    expect(marks.get('NW')?.held.map((e) => e.id)).toEqual(['ep1']);
    expect(marks.get('GM')?.state).toBe('passed');
    expect(marks.get('MFT')?.state).toBe('passed');
    expect(marks.get('ENG')).toBeUndefined();
  });

  it('lets crisis outrank held, and held outrank bright', () => {
    const marks = nodeMarks([
      episode({ id: 'a' }),
      episode({ id: 'b', direction: 'pleasure', deadline: null }),
      episode({ id: 'c', node: 'SRF', holder: 'GM', severity: 'crisis', reached: ['SRF', 'GM', 'NW', 'ENG'] }, [{ type: 'opened', at: at(0), holder: 'GM' }]),
    ]);
    expect(marks.get('MFT')?.state).toBe('held');
    // The crisis is painted where it arose; the district holding it is held, not crisis.
    expect(marks.get('GM')?.state).toBe('held');
    expect(marks.get('SRF')?.state).toBe('crisis');
    // Told, not holding: ancestors above the holder are not lit.
    expect(marks.get('NW')).toBeUndefined();
  });

  it('ignores resolved episodes', () => {
    expect(nodeMarks([episode({ status: 'resolved' })]).size).toBe(0);
  });
});

describe('how an episode lights a node on its way', () => {
  it.each([
    // A crisis is orange only where it arose, so the map shows where, not the whole way up.
    ['crisis, where it arose', 'crisis', 'SRF', 'GM', 'SRF', 'crisis'],
    // The district holding a trust's crisis is held (yellow, with time left), not orange.
    ['crisis, at its holder', 'crisis', 'SRF', 'GM', 'GM', 'held'],
    // A region the crisis went through is passed, as for an alert.
    ['crisis, on the way', 'crisis', 'SRF', 'ENG', 'NW', 'passed'],
    // England's own crisis, held by England, is orange: it arose there.
    ['crisis, arose and held at the top', 'crisis', 'ENG', 'ENG', 'ENG', 'crisis'],
    // An alert is held where it sits.
    ['alert, at its holder', 'alert', 'MFT', 'GM', 'GM', 'held'],
    // An alert's unit, passed up, is passed.
    ['alert, where it arose', 'alert', 'MFT', 'GM', 'MFT', 'passed'],
  ] as const)('%s', (_why, severity, node, holder, id, state) => {
    expect(wayState({ severity, node, holder }, id)).toBe(state);
  });
});

describe('urgency order', () => {
  it('puts crisis first, then overdue, then the nearest deadline, then the oldest', () => {
    const list = [
      episode({ id: 'late', deadline: at(90) }),
      episode({ id: 'soon', deadline: at(20) }),
      episode({ id: 'top', overdue: true, deadline: null }),
      episode({ id: 'crisis', severity: 'crisis', deadline: at(200) }),
      episode({ id: 'older-soon', deadline: at(20), openedAt: at(-5) }),
    ];
    expect(list.sort(byUrgency).map((e) => e.id)).toEqual(['crisis', 'top', 'older-soon', 'soon', 'late']);
  });
});

describe('keepUnchangedMarks: a cell whose mark says the same keeps the same object (and is not redrawn)', () => {
  const one = episode();
  const other = episode({ id: 'ep2' });
  const mark = (state: NodeMark['state'], held: Episode[], noReport?: boolean): NodeMark => ({ state, held, ...(noReport ? { noReport } : {}) });
  const cases: Array<[name: string, before: NodeMark, after: NodeMark, kept: boolean]> = [
    ['the same state and the same episodes held', mark('held', [one]), mark('held', [one]), true],
    // News of an episode replaces its object: the cell holding it must draw the news.
    ['the held episode was replaced by news of it', mark('held', [one]), mark('held', [{ ...one }]), false],
    ['another episode is held too', mark('held', [one]), mark('held', [one, other]), false],
    ['the state moved', mark('passed', [one]), mark('crisis', [one]), false],
    ['it stopped reporting', mark('normal', []), mark('normal', [], true), false],
  ];
  it.each(cases)('%s', (_name, before, after, kept) => {
    const next = keepUnchangedMarks(new Map([['MFT', before]]), new Map([['MFT', after]]));
    expect(next.get('MFT')).toBe(kept ? before : after);
  });
  it('a new cell keeps its new mark, and with nothing before the marks are as given', () => {
    const next = new Map([['GM', mark('passed', [one])]]);
    expect(keepUnchangedMarks(new Map(), next).get('GM')).toBe(next.get('GM'));
    expect(keepUnchangedMarks(null, next)).toBe(next);
  });
});
