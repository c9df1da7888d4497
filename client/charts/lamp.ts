import type { Episode } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { allowanceOf, type Urgency } from '../state/episodes';

/** What the lamp on a node holding signals shows: how much window is used, the time left in words, and whether it blinks. */
export interface Lamp {
  /** 0..1 of the window used, for the bar. */
  used: number;
  urgency: Urgency;
  /** "2 h 10 m left", "due now"; "" where nothing held here has a window (it stands at the top). */
  left: string;
  /** Held with no window left to run out: lit, but steady. Blinking is for windows running out. */
  standing: boolean;
}

/**
 * The lamp for everything a node holds, from the one whose window ends first: its time left and its
 * share used. Episodes with no deadline (at the top, or overdue there) light the lamp without a count.
 */
export function lampFor(held: readonly Episode[], now: number): Lamp | null {
  if (held.length === 0) return null;
  let nearest: Episode | null = null;
  for (const episode of held) {
    if (episode.deadline === null || episode.overdue || episode.status !== 'open') continue;
    if (nearest === null || Date.parse(episode.deadline) < Date.parse(nearest.deadline!)) nearest = episode;
  }
  if (nearest === null) return { used: 1, urgency: 4, left: '', standing: true };
  const allowance = allowanceOf(nearest, now);
  const left = allowance.leftMs !== null && allowance.leftMs > 0 ? `${formatDuration(allowance.leftMs)} left` : 'due now';
  return { used: allowance.used, urgency: allowance.urgency, left, standing: false };
}
