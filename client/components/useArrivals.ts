import { useEffect, useMemo, useRef, useState } from 'react';
import { arrivedAt, emptyArrivals, noteArrivals, NEW_FOR_MS, type ArrivalBook } from '../state/arrivals';

/**
 * The episodes new at the focus (id → when they arrived, this machine's clock), kept across focus
 * changes. Re-renders once when the next one stops being new, not every second.
 */
export function useArrivals(ids: readonly string[], focus: string, synced: boolean): ReadonlyMap<string, number> {
  const book = useRef<ArrivalBook>(emptyArrivals);
  const [expired, setExpired] = useState(0);
  const key = ids.join('\u0000');
  const fresh = useMemo(() => {
    if (synced) book.current = noteArrivals(book.current, focus, ids, Date.now());
    const now = Date.now();
    const found = new Map<string, number>();
    for (const id of ids) {
      const at = arrivedAt(book.current, focus, id, now);
      if (at !== null) found.set(id, at);
    }
    return found;
    // `key` stands for `ids`; `expired` recomputes when an arrival stops being new.
  }, [key, focus, synced, expired]);

  useEffect(() => {
    if (fresh.size === 0) return;
    const next = Math.min(...fresh.values()) + NEW_FOR_MS - Date.now();
    const timer = setTimeout(() => setExpired((count) => count + 1), Math.max(0, next) + 50);
    return () => clearTimeout(timer);
  }, [fresh]);
  return fresh;
}
