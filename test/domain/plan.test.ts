import { Engine, type EngineInput } from '../../server/domain/engine';
import { MAX_NOTES_PER_EPISODE } from '../../server/domain/episodes/notes';
import { planInput } from '../../server/domain/plan';
import { at, reading, testConfig } from '../helpers/network';

/** U1 posted load 12 at hour 0 (an episode, E1, with a 4-hour window); U2 posted 3. */
function engine(): Engine {
  const built = new Engine(testConfig());
  built.step({ type: 'readings', readings: [{ ...reading('U1', 'load', 0, 12), ts: new Date(at(0) + 60_000).toISOString() }, reading('U2', 'load', 0, 3)] }, at(0) + 60_000);
  return built;
}
const withNotes = () => {
  const built = engine();
  for (let i = 0; i < MAX_NOTES_PER_EPISODE; i++) built.step({ type: 'note', episode: 'E1', by: 'x', note: `${i}` }, at(1));
  return built;
};
const resolvedE1 = () => {
  const built = engine();
  built.step({ type: 'readings', readings: [{ ...reading('U1', 'load', 0, 1), ts: new Date(at(0) + 120_000).toISOString() }] }, at(1));
  return built;
};
const readings = (...list: ReturnType<typeof reading>[]): EngineInput => ({ type: 'readings', readings: list });
const sameAsPosted = { ...reading('U1', 'load', 0, 12), ts: new Date(at(0) + 60_000).toISOString() };

describe('planInput: what is written before the engine steps', () => {
  test.each<{ name: string; state: () => Engine; input: EngineInput; now: number; log: string | null; reason: string; refused?: string }>([
    { name: 'a tick with nothing due', state: engine, input: { type: 'tick' }, now: at(2), log: null, reason: 'changes-nothing' },
    // The window includes its last instant; after it, the deadline is due.
    { name: 'a tick with a deadline due', state: engine, input: { type: 'tick' }, now: at(5), log: 'tick', reason: 'catches-up-only' },
    { name: 'a new reading', state: engine, input: readings(reading('U3', 'load', 0, 1)), now: at(1), log: 'input', reason: 'changes-state' },
    // The same reading again changes nothing: not logged, so retries do not grow the log.
    { name: 'a repeat', state: engine, input: readings(sameAsPosted), now: at(1), log: null, reason: 'changes-nothing' },
    { name: 'a repeat while a deadline is due', state: engine, input: readings(sameAsPosted), now: at(5), log: 'tick', reason: 'catches-up-only' },
    { name: 'a correction (later ts, other value)', state: engine, input: readings({ ...reading('U1', 'load', 0, 13), ts: new Date(at(0) + 90_000).toISOString() }), now: at(1), log: 'input', reason: 'changes-state' },
    // An older ts than the period holds is a delayed retry: stale, not applied.
    { name: 'a stale reading', state: engine, input: readings({ ...reading('U1', 'load', 0, 99), ts: new Date(at(0)).toISOString() }), now: at(1), log: null, reason: 'changes-nothing' },
    { name: 'one new among repeats', state: engine, input: readings(sameAsPosted, reading('U4', 'load', 0, 2)), now: at(1), log: 'input', reason: 'changes-state' },
    { name: 'an acknowledgement', state: engine, input: { type: 'acknowledge', episode: 'E1', by: 'x', note: null }, now: at(1), log: 'input', reason: 'changes-state' },
    { name: 'an acknowledgement of a resolved episode', state: resolvedE1, input: { type: 'acknowledge', episode: 'E1', by: 'x', note: null }, now: at(2), log: null, reason: 'refused', refused: 'not-open' },
    { name: 'a note on no episode', state: engine, input: { type: 'note', episode: 'E9', by: 'x', note: 'n' }, now: at(1), log: null, reason: 'refused', refused: 'unknown-episode' },
    { name: 'a note past the cap', state: withNotes, input: { type: 'note', episode: 'E1', by: 'x', note: 'n' }, now: at(1), log: null, reason: 'refused', refused: 'notes-full' },
    { name: 'a new configuration', state: engine, input: { type: 'policy', config: testConfig() }, now: at(1), log: 'input', reason: 'changes-state' },
  ])('$name → $reason', ({ state, input, now, log, reason, refused }) => {
    const built = state();
    const plan = planInput(built.state, input, now);
    expect(plan).toEqual({ log, reason, ...(refused ? { refused } : {}) });
    // The plan agrees with the step: readings are logged exactly when the step applies one.
    if (input.type === 'readings') expect(built.step(input, now).accepted > 0).toBe(log === 'input');
  });
});
