import type { EpisodeFigure } from '../../shared/api';
import { initialLiveState, liveReducer, type LiveEvent } from '../../client/state/live';
import { at, episode, snapshot, T0 } from './fixtures';

const figure = (value: number, minutes: number): EpisodeFigure => ({ period: at(minutes), value, coverage: 0.9, reported: 38, expected: 42 });
const run = (events: LiveEvent[]) => events.reduce(liveReducer, initialLiveState);
const synced = (...episodes: ReturnType<typeof episode>[]): LiveEvent[] => [{ type: 'focus', node: 'ENG' }, { type: 'snapshot', snapshot: snapshot('ENG', episodes), receivedAt: T0 }];

describe('news of an episode\'s figure now', () => {
  it.each([
    // A known open episode takes the new figure and sparkline, and keeps everything else.
    ['an open episode moves on', [episode({ now: figure(96, 0) })], 'ep1', { now: figure(97.1, 60), spark: [{ period: at(60), value: 97.1 }] }],
    // Resolved: its own event said the last word; a late figure does not reopen the card's numbers.
    ['a resolved episode is left alone', [episode({ status: 'resolved', now: figure(96, 0) })], 'ep1', { now: figure(96, 0) }],
    // Not known in this room (another focus, or not told yet): nothing is made up from figures alone.
    ['an unknown episode is not invented', [episode()], 'ep9', null],
  ] as const)('%s', (_why, known, id, expected) => {
    const state = run([...synced(...known), { type: 'episode-figures', episodes: [{ id, now: figure(97.1, 60), spark: [{ period: at(60), value: 97.1 }] }] }]);
    if (expected === null) expect(state.episodes[id]).toBeUndefined();
    else expect(state.episodes[id]).toMatchObject({ ...expected, path: known[0]!.path, holder: 'MFT' });
  });

  it('before the snapshot, figures belong to an older focus and are dropped', () => {
    const state = run([{ type: 'focus', node: 'ENG' }, { type: 'episode-figures', episodes: [{ id: 'ep1', now: figure(97.1, 60), spark: [] }] }]);
    expect(state.episodes).toEqual({});
  });
});
