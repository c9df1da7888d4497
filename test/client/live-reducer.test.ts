import { initialLiveState, liveReducer, RESOLVED_KEPT, valueKey, type LiveEvent, type LiveState } from '../../client/state/live';
import { at, climbed, episode, finding, snapshot, T0, value } from './fixtures';

const run = (events: LiveEvent[], from: LiveState = initialLiveState) => events.reduce(liveReducer, from);
const ids = (state: LiveState) => Object.keys(state.episodes).sort();

describe('live reducer', () => {
  const cases: Array<{ name: string; events: LiveEvent[]; expect(state: LiveState): void }> = [
    {
      name: 'a snapshot for the focus replaces what was known',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 }],
      expect: (state) => {
        expect(state.synced).toBe(true);
        expect(state.node?.id).toBe('ENG');
        expect(state.children.map((c) => c.id)).toEqual(['NW', 'LON']);
        expect(ids(state)).toEqual(['ep1']);
      },
    },
    {
      name: 'deltas before the snapshot are dropped (they belong to the old focus)',
      events: [
        { type: 'focus', node: 'NW' },
        { type: 'episode', episode: episode({ id: 'old' }) },
        { type: 'values', values: [value('NW', 'ae4h', at(0), 1)] },
        { type: 'snapshot', snapshot: snapshot('NW'), receivedAt: T0 },
      ],
      expect: (state) => {
        expect(ids(state)).toEqual([]);
        expect(state.values).toEqual({});
      },
    },
    {
      name: 'a snapshot for a node we moved away from is ignored',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'focus', node: 'NW' }, { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 }],
      expect: (state) => {
        expect(state.synced).toBe(false);
        expect(state.focus).toBe('NW');
        expect(ids(state)).toEqual([]);
      },
    },
    {
      name: 'an episode delta is upserted; an older copy (shorter path) never overwrites a newer one',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: snapshot('ENG'), receivedAt: T0 },
        { type: 'episode', episode: climbed() },
        { type: 'episode', episode: episode() },
      ],
      expect: (state) => expect(state.episodes.ep1?.holder).toBe('NW'),
    },
    {
      name: 'values keep the latest period per (node, indicator) and ignore nodes not shown',
      events: [
        { type: 'focus', node: 'NW' },
        { type: 'snapshot', snapshot: snapshot('NW', [], [value('NW', 'ae4h', at(60), 70)]), receivedAt: T0 },
        { type: 'values', values: [value('NW', 'ae4h', at(0), 10), value('GM', 'ae4h', at(60), 65), value('MFT', 'ae4h', at(60), 50)] },
        { type: 'values', values: [value('NW', 'ae4h', at(120), 72)] },
      ],
      expect: (state) => {
        expect(state.values[valueKey('NW', 'ae4h')]?.value).toBe(72);
        expect(state.values[valueKey('GM', 'ae4h')]?.value).toBe(65);
        expect(state.values[valueKey('MFT', 'ae4h')]).toBeUndefined();
      },
    },
    {
      name: 'a drop marks the state stale and records since when; the next snapshot resyncs',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'connection', status: 'live', at: T0 },
        { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 },
        { type: 'connection', status: 'reconnecting', message: 'connection lost', at: T0 + 5000 },
        { type: 'connection', status: 'reconnecting', message: 'timeout', at: T0 + 9000 },
      ],
      expect: (state) => {
        expect(state.stale).toBe(true);
        expect(state.synced).toBe(true);
        expect(state.connection).toEqual({ status: 'reconnecting', message: 'timeout', since: T0 + 5000 });
        const resynced = run([{ type: 'connection', status: 'live', at: T0 + 10_000 }, { type: 'snapshot', snapshot: snapshot('ENG', [climbed({ id: 'ep2' })]), receivedAt: T0 }], state);
        expect(resynced.stale).toBe(false);
        expect(ids(resynced)).toEqual(['ep2']);
      },
    },
    {
      name: 'resolved episodes survive a resync snapshot (it carries open ones only)',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 },
        { type: 'episode', episode: episode({ status: 'resolved', resolvedAt: at(30), resolvedLevel: 'unit' }, [{ type: 'opened', at: at(0), holder: 'MFT' }, { type: 'resolved', at: at(30), level: 'unit' }]) },
        { type: 'snapshot', snapshot: snapshot('ENG'), receivedAt: T0 },
      ],
      expect: (state) => expect(state.episodes.ep1?.status).toBe('resolved'),
    },
    {
      name: 'the clock offset is the server time minus the client time at receipt',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG', [], [], at(0)), receivedAt: T0 - 2500 }],
      expect: (state) => expect(state.clockOffsetMs).toBe(2500),
    },
    {
      // A frozen server: the room holds time where the snapshot says, so its countdowns stand still; a live one lets go again.
      name: 'a frozen clock is held at the snapshot’s moment; a live snapshot releases it',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: { ...snapshot('ENG', [], [], at(0)), clock: 'frozen' }, receivedAt: T0 + 99_000 }],
      expect: (state) => {
        expect(state.clockHeldAt).toBe(T0);
        expect(run([{ type: 'snapshot', snapshot: { ...snapshot('ENG'), clock: 'live' }, receivedAt: T0 }], state).clockHeldAt).toBeNull();
      },
    },
    {
      name: 'the snapshot carries, per child, the server\'s count of what is being settled below',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG', [], [], at(0), { NW: { alert: 2, crisis: 0 } }), receivedAt: T0 }],
      expect: (state) => expect(state.settlingBelow).toEqual({ NW: { alert: 2, crisis: 0 }, LON: { alert: 0, crisis: 0 } }),
    },
    {
      name: 'a below event replaces the counts whole',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: snapshot('ENG', [], [], at(0), { NW: { alert: 2, crisis: 0 } }), receivedAt: T0 },
        { type: 'below', node: 'ENG', settlingBelow: { NW: { alert: 1, crisis: 0 }, LON: { alert: 0, crisis: 1 } } },
      ],
      expect: (state) => expect(state.settlingBelow).toEqual({ NW: { alert: 1, crisis: 0 }, LON: { alert: 0, crisis: 1 } }),
    },
    {
      name: 'counts for another node, or before the snapshot, are dropped',
      events: [
        { type: 'focus', node: 'NW' },
        { type: 'below', node: 'NW', settlingBelow: { GM: { alert: 9, crisis: 0 } } },
        { type: 'snapshot', snapshot: snapshot('NW', [], [], at(0), { GM: { alert: 1, crisis: 0 } }), receivedAt: T0 },
        { type: 'below', node: 'ENG', settlingBelow: { NW: { alert: 5, crisis: 0 }, LON: { alert: 0, crisis: 0 } } },
      ],
      expect: (state) => expect(state.settlingBelow).toEqual({ GM: { alert: 1, crisis: 0 }, CM: { alert: 0, crisis: 0 } }),
    },
    {
      name: 'an episode first heard when it reaches the focus arrives with its whole path',
      events: [{ type: 'focus', node: 'NW' }, { type: 'snapshot', snapshot: snapshot('NW'), receivedAt: T0 }, { type: 'episode', episode: climbed() }],
      expect: (state) => expect(state.episodes.ep1?.path.map((p) => p.type)).toEqual(['opened', 'escalated', 'escalated']),
    },
    {
      name: 'changing focus clears the old subtree until its snapshot comes',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: snapshot('ENG', [episode()], [], at(0), { NW: { alert: 1, crisis: 0 } }), receivedAt: T0 },
        { type: 'focus', node: 'LON' },
      ],
      expect: (state) => {
        expect(state.synced).toBe(false);
        expect(ids(state)).toEqual([]);
        expect(state.settlingBelow).toEqual({});
        expect(state.node).toBeNull();
      },
    },
    {
      name: "the snapshot's data-quality findings are kept, replaced by the next snapshot, and cleared when the focus moves",
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: { ...snapshot('ENG'), dataQuality: [finding('2017-01-01', 3661, 3728), finding('2017-01-08', 3661, 3804)] }, receivedAt: T0 },
        { type: 'values', values: [value('ENG', 'ae4h', at(60), 1)] },
      ],
      expect: (state) => {
        expect(state.dataQuality.map((f) => f.summed)).toEqual([3728, 3804]);
        const resynced = liveReducer(state, { type: 'snapshot', snapshot: { ...snapshot('ENG'), dataQuality: [finding('2017-01-08', 3661, 3804)] }, receivedAt: T0 });
        expect(resynced.dataQuality.map((f) => f.period)).toEqual(['2017-01-08T00:00:00.000Z']);
        expect(liveReducer(state, { type: 'focus', node: 'NW' }).dataQuality).toEqual([]);
      },
    },
    {
      // A finding recorded while the room watches is shown without a reload; one for another node is not this room's.
      name: 'a finding pushed for the focus joins its findings (replacing one for the same period); one for another node is dropped',
      events: [
        { type: 'focus', node: 'ENG' },
        { type: 'snapshot', snapshot: { ...snapshot('ENG'), dataQuality: [finding('2017-01-01', 3661, 3728)] }, receivedAt: T0 },
        { type: 'finding', finding: finding('2017-01-08', 3661, 3804) },
        { type: 'finding', finding: finding('2017-01-01', 3661, 3730) },
        { type: 'finding', finding: finding('2017-01-09', 1, 2, { node: 'NW' }) },
      ],
      expect: (state) => {
        expect(state.dataQuality.map((f) => `${f.period.slice(0, 10)} ${f.summed}`).sort()).toEqual(['2017-01-01 3730', '2017-01-08 3804']);
      },
    },
    {
      name: 'a finding before the snapshot is dropped (the snapshot carries it)',
      events: [{ type: 'focus', node: 'ENG' }, { type: 'finding', finding: finding('2017-01-08', 3661, 3804) }],
      expect: (state) => expect(state.dataQuality).toEqual([]),
    },
  ];

  it.each(cases)('$name', ({ events, expect: check }) => check(run(events)));

  it('forgets the oldest resolved episodes beyond the limit', () => {
    let state = run([{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG'), receivedAt: T0 }]);
    for (let i = 0; i < RESOLVED_KEPT + 5; i += 1) {
      const resolvedAt = at(i);
      state = liveReducer(state, {
        type: 'episode',
        episode: episode({ id: `r${i}`, status: 'resolved', resolvedAt }, [{ type: 'opened', at: at(0), holder: 'MFT' }, { type: 'resolved', at: resolvedAt, level: 'unit' }]),
      });
    }
    expect(Object.keys(state.episodes)).toHaveLength(RESOLVED_KEPT);
    expect(state.episodes.r0).toBeUndefined();
    expect(state.episodes[`r${RESOLVED_KEPT + 4}`]).toBeDefined();
  });

  it('does not mutate the state it is given', () => {
    const before = run([{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 }]);
    const frozen = JSON.stringify(before);
    liveReducer(before, { type: 'episode', episode: climbed() });
    liveReducer(before, { type: 'values', values: [value('ENG', 'ae4h', at(0), 1)] });
    liveReducer(before, { type: 'below', node: 'ENG', settlingBelow: { NW: { alert: 1, crisis: 0 } } });
    expect(JSON.stringify(before)).toBe(frozen);
  });
});
