import { boundedInstantSchema } from '../../shared/bounds';

/**
 * Replay (issue #10): the room shown as it stood at an instant of the log, the position kept in the
 * URL (`?at=2023-01-10T14:05:00.000Z`) so a planner can send a colleague "this moment". Pure rules
 * here; the fetching is in client/net/replay-feed.ts and the controls in ReplayBar.
 */

const atSchema = boundedInstantSchema.transform((text) => Date.parse(text));

/** The replayed instant a URL names; null when it names none, or something that is not an instant with its offset. */
export function parseReplayAt(search: string): number | null {
  const raw = new URLSearchParams(search).get('at');
  if (raw === null) return null;
  const parsed = atSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The query string with the replayed instant set (or removed, back to live), every other key kept. */
export function searchWithReplayAt(search: string, at: number | null): string {
  const params = new URLSearchParams(search);
  if (at === null) params.delete('at');
  else params.set('at', new Date(at).toISOString());
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export interface Escalation {
  at: string;
  episode: string;
  to: string;
}

/**
 * Where a jump to an escalation lands: just after it. A window runs out once its deadline has passed
 * (the engine applies what is due before, not at, an instant), so the room at the deadline itself still
 * shows the episode where it was, and a millisecond later shows it climbed.
 */
export const landingOf = (step: Escalation): number => Date.parse(step.at) + 1;

/** The first escalation whose landing is after `at` (stepping from one lands on the next, not on itself); null after the last. */
export function escalationAfter(escalations: readonly Escalation[], at: number): Escalation | null {
  return escalations.find((step) => landingOf(step) > at) ?? null;
}

/** The last escalation whose landing is before `at`; null before the first. */
export function escalationBefore(escalations: readonly Escalation[], at: number): Escalation | null {
  for (let i = escalations.length - 1; i >= 0; i--) if (landingOf(escalations[i]!) < at) return escalations[i]!;
  return null;
}

export interface Speed {
  id: string;
  label: string;
  /** Replayed milliseconds per real millisecond. */
  factor: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** From real time to the whole span in a minute (a winter in a minute on an imported winter). */
export function speedsFor(spanMs: number): Speed[] {
  const speeds: Speed[] = [
    { id: 'real', label: 'real time', factor: 1 },
    { id: 'minute', label: '1 minute a second', factor: MINUTE / 1000 },
    { id: 'hour', label: '1 hour a second', factor: HOUR / 1000 },
    { id: 'day', label: '1 day a second', factor: DAY / 1000 },
  ];
  const whole = spanMs / MINUTE;
  // Only when it is faster than the fastest fixed speed: a short log needs no extra choice.
  if (whole > DAY / 1000) speeds.push({ id: 'span', label: 'the whole span in a minute', factor: whole });
  return speeds;
}

/** One step of play: the position `elapsedMs` of real time later, stopped at the end of the log. */
export function playStep(at: number, factor: number, elapsedMs: number, end: number): { at: number; ended: boolean } {
  const next = at + factor * Math.max(0, elapsedMs);
  return next >= end ? { at: end, ended: true } : { at: next, ended: false };
}

/** Where `at` lies along the span, from 0 to 1, for the cursor on the timeline. */
export function spanFraction(at: number, from: number, to: number): number {
  if (to <= from) return 1;
  return Math.min(1, Math.max(0, (at - from) / (to - from)));
}

/** The instant at a fraction of the span (a click or drag on the timeline), to the whole minute. */
export function instantAt(fraction: number, from: number, to: number): number {
  const at = from + Math.min(1, Math.max(0, fraction)) * (to - from);
  return Math.min(to, Math.max(from, Math.round(at / MINUTE) * MINUTE));
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** "Tue, 10 Jan 2023, 14:05 UTC": the replayed moment, plainly. */
export const replayedWords = (at: number): string => `${DATE_TIME.format(new Date(at))} UTC`;
