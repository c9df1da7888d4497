import type { EpisodePathEntry } from './episode';

/**
 * Notes an episode keeps (acknowledgements not counted). Each note is logged once as itself, and an
 * episode travels whole on the wire and in snapshots, so its size is bounded: 200 notes of at most
 * 2,000 characters is 400 kB at worst.
 */
export const MAX_NOTES_PER_EPISODE = 200;

export type NoteRoom = { reason: 'room-for-a-note'; room: true } | { reason: 'notes-full'; room: false };

/** Whether one more note fits on an episode with this path. */
export function noteRoom(path: readonly EpisodePathEntry[], max = MAX_NOTES_PER_EPISODE): NoteRoom {
  let notes = 0;
  for (const entry of path) if (entry.type === 'note') notes++;
  return notes < max ? { reason: 'room-for-a-note', room: true } : { reason: 'notes-full', room: false };
}
