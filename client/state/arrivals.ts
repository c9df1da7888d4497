/**
 * Which episodes are new at a focus: not seen there before, arriving after the focus's first sync
 * (what a wall shows when it opens is not news). Kept per focus, so going back to a level marks
 * only what came in since it was last seen.
 */
export interface ArrivalBook {
  /** Per focus, every episode id seen there. */
  seen: ReadonlyMap<string, ReadonlySet<string>>;
  /** `${focus}\u0000${id}` → when it arrived (this machine's clock). */
  arrived: ReadonlyMap<string, number>;
}

export const emptyArrivals: ArrivalBook = { seen: new Map(), arrived: new Map() };

/** How long an arrival is marked NEW: long enough for someone across the room to look up. */
export const NEW_FOR_MS = 5 * 60_000;

const arrivalKey = (focus: string, id: string) => `${focus}\u0000${id}`;

/** The book after the wall at `focus` shows `ids` at `at`; the same book when nothing is new. */
export function noteArrivals(book: ArrivalBook, focus: string, ids: readonly string[], at: number): ArrivalBook {
  const seenHere = book.seen.get(focus);
  const unseen = ids.filter((id) => !seenHere?.has(id));
  if (unseen.length === 0 && seenHere) return book;
  const seen = new Map(book.seen);
  seen.set(focus, new Set([...(seenHere ?? []), ...unseen]));
  if (!seenHere) return { seen, arrived: book.arrived }; // the first sync here: what is there already is not news
  const arrived = new Map(book.arrived);
  for (const id of unseen) arrived.set(arrivalKey(focus, id), at);
  return { seen, arrived };
}

/** When the episode arrived at the focus, while it still counts as new; null otherwise. */
export function arrivedAt(book: ArrivalBook, focus: string, id: string, now: number): number | null {
  const at = book.arrived.get(arrivalKey(focus, id));
  return at !== undefined && now - at < NEW_FOR_MS ? at : null;
}
