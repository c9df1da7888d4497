import { initialLiveState, liveReducer, type LiveEvent } from '../../client/state/live';
import { appliesAtOnce, applyLiveBatch, LIVE_BATCH_MS, liveBatcher } from '../../client/state/live-batch';
import { at, episode, snapshot, T0, value } from './fixtures';

const values: LiveEvent = { type: 'values', values: [value('ENG', 'ae4h', at(0), 0.9)] };
const news: LiveEvent = { type: 'episode', episode: episode({ id: 'ep2' }) };
const snap: LiveEvent = { type: 'snapshot', snapshot: snapshot('ENG', [episode()]), receivedAt: T0 };
const focus: LiveEvent = { type: 'focus', node: 'ENG' };
const lost: LiveEvent = { type: 'connection', status: 'reconnecting', at: T0 };

describe('which live events apply at once', () => {
  const cases: Array<[name: string, event: LiveEvent, atOnce: boolean]> = [
    // The first render waits on the snapshot: it must not sit in a queue.
    ['a snapshot', snap, true],
    // A new focus clears what was shown; later deltas are judged against it.
    ['a new focus', focus, true],
    // The lamp in the top bar says at once that the feed is lost.
    ['the connection state', lost, true],
    ['a problem reading the feed', { type: 'problem', message: 'unreadable' }, true],
    // The stream: a tenth of a second later is not noticed, a re-render per event is.
    ['values', values, false],
    ['an episode', news, false],
    ['episode figures', { type: 'episode-figures', episodes: [] }, false],
    ['counts of what is settled below', { type: 'below', node: 'ENG', settlingBelow: {} }, false],
  ];
  it.each(cases)('%s', (_name, event, atOnce) => expect(appliesAtOnce(event)).toBe(atOnce));
});

describe('applyLiveBatch', () => {
  it('gives the state of applying the events one by one', () => {
    const events = [focus, snap, news, values];
    expect(applyLiveBatch(initialLiveState, events)).toEqual(events.reduce(liveReducer, initialLiveState));
  });
  it('an empty batch changes nothing', () => expect(applyLiveBatch(initialLiveState, [])).toBe(initialLiveState));
});

describe('liveBatcher', () => {
  /** A hand-run timer: `fire()` runs what is scheduled, as setTimeout would after LIVE_BATCH_MS. */
  function harness() {
    const applied: LiveEvent[][] = [];
    const scheduled: Array<{ run(): void; ms: number; cancelled: boolean }> = [];
    const batcher = liveBatcher(
      (events) => applied.push(events),
      (run, ms) => {
        const entry = { run, ms, cancelled: false };
        scheduled.push(entry);
        return () => (entry.cancelled = true);
      },
    );
    const fire = () => scheduled.filter((entry) => !entry.cancelled).forEach((entry) => ((entry.cancelled = true), entry.run()));
    return { applied, scheduled, batcher, fire };
  }

  const cases: Array<{ name: string; steps: Array<LiveEvent | 'tick'>; batches: LiveEvent[][] }> = [
    // The point: many streaming events, one update.
    { name: 'streaming events wait for the tick and go out together', steps: [values, news, values, 'tick'], batches: [[values, news, values]] },
    { name: 'nothing queued, nothing applied on a tick', steps: ['tick'], batches: [] },
    // Order matters: the snapshot must not overtake the focus, nor deltas queued before it.
    { name: 'a snapshot flushes the queue before it, in order', steps: [focus, values, snap], batches: [[focus], [values, snap]] },
    { name: 'after a flush at once the next stream waits again', steps: [snap, news, 'tick'], batches: [[snap], [news]] },
    { name: 'a lost connection is applied without waiting', steps: [news, lost], batches: [[news, lost]] },
  ];
  it.each(cases)('$name', ({ steps, batches }) => {
    const { applied, batcher, fire } = harness();
    for (const step of steps) {
      if (step === 'tick') fire();
      else batcher.push(step);
    }
    expect(applied).toEqual(batches);
  });

  it('schedules one tick per batch, LIVE_BATCH_MS ahead', () => {
    const { scheduled, batcher } = harness();
    batcher.push(values);
    batcher.push(news);
    expect(scheduled.map((entry) => entry.ms)).toEqual([LIVE_BATCH_MS]);
  });

  it('close drops what is queued', () => {
    const { applied, batcher, fire } = harness();
    batcher.push(values);
    batcher.close();
    fire();
    expect(applied).toEqual([]);
  });
});
