import type { Reading } from '../../shared/api';
import { noteRoom } from './episodes/notes';
import type { EngineInput, StepResult } from './reducer';
import { knows } from './reducer';
import { seriesKey, type EngineState } from './state';
import { fromIso } from './time';

/**
 * What to write before the engine steps: the input itself, a tick (it changes nothing itself but what
 * fell due is caught up), or nothing. Reads the state, never changes it: the adapter commits the plan
 * first and steps only once the write is on disk, so a failed write leaves the engine as it was.
 */
export type InputPlan =
  | { log: 'input'; reason: 'changes-state' }
  | { log: 'tick'; reason: 'catches-up-only' }
  | { log: null; reason: 'changes-nothing' }
  | { log: null; reason: 'refused'; refused: NonNullable<StepResult['refused']> };

/** Whether any reading would be applied (neither a repeat of the reading the period holds, nor older than it). */
export function anyReadingApplies(state: EngineState, readings: readonly Reading[]): boolean {
  return readings.some((reading) => {
    const rule = state.policy.indicators.get(reading.indicator);
    if (!rule) return true;
    const ts = fromIso(reading.ts);
    const existing = state.series.get(seriesKey(reading.unit, reading.indicator))?.points.get(rule.clock.start(ts));
    if (existing?.ts === undefined) return true;
    return ts > existing.ts || (ts === existing.ts && existing.value !== reading.value);
  });
}

/** Why an acknowledgement or a note would change nothing; null when it applies. */
export function episodeRefusal(state: EngineState, input: Extract<EngineInput, { type: 'acknowledge' | 'note' }>): NonNullable<StepResult['refused']> | null {
  const episode = state.episodes.get(input.episode);
  if (!episode) return 'unknown-episode';
  if (!knows(state, episode.node, episode.indicator) || !state.policy.hierarchy.has(episode.state.holder)) return 'not-in-policy';
  if (input.type === 'acknowledge' && episode.state.status !== 'open') return 'not-open';
  if (input.type === 'note') {
    const room = noteRoom(episode.path);
    if (!room.room) return room.reason;
  }
  return null;
}

export function planInput(state: EngineState, input: EngineInput, now: number): InputPlan {
  const due = state.timers.peek()?.due;
  const catchesUp = due !== undefined && due < now;
  const idle = (): InputPlan => (catchesUp ? { log: 'tick', reason: 'catches-up-only' } : { log: null, reason: 'changes-nothing' });
  switch (input.type) {
    case 'tick':
      return idle();
    case 'readings':
      return anyReadingApplies(state, input.readings) ? { log: 'input', reason: 'changes-state' } : idle();
    case 'acknowledge':
    case 'note': {
      const refused = episodeRefusal(state, input);
      return refused ? { log: null, reason: 'refused', refused } : { log: 'input', reason: 'changes-state' };
    }
    case 'policy':
    case 'findings':
      return { log: 'input', reason: 'changes-state' };
  }
}
