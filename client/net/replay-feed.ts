import type { SnapshotEvent } from '../../shared/api';

export interface ReplayWish {
  focus: string;
  at: number;
}

/**
 * The replayed room's feed: at most one request in flight, and the latest wish wins, so a drag or
 * a fast play asks for what is shown now and never queues a backlog of instants already passed.
 */
export function replayFeed(
  fetchAt: (wish: ReplayWish) => Promise<SnapshotEvent>,
  onSnapshot: (snapshot: SnapshotEvent, wish: ReplayWish) => void,
  onProblem: (message: string, wish: ReplayWish) => void,
): { want(wish: ReplayWish): void; reset(): void; close(): void } {
  let wanted: ReplayWish | null = null;
  let shown: ReplayWish | null = null;
  let busy = false;
  let closed = false;
  const same = (a: ReplayWish | null, b: ReplayWish | null) => a !== null && b !== null && a.focus === b.focus && a.at === b.at;

  const pump = () => {
    if (busy || closed || wanted === null || same(wanted, shown)) return;
    const asked = wanted;
    busy = true;
    fetchAt(asked)
      .then((snapshot) => {
        if (closed) return;
        shown = asked;
        onSnapshot(snapshot, asked);
      })
      .catch((error: Error) => {
        if (closed) return;
        shown = asked; // not asked again until the wish changes
        onProblem(error.message, asked);
      })
      .finally(() => {
        busy = false;
        pump();
      });
  };

  return {
    want(wish) {
      wanted = wish;
      pump();
    },
    /** Back to live: forget what was shown, so coming back to the same moment asks for it again. */
    reset() {
      wanted = null;
      shown = null;
    },
    close() {
      closed = true;
    },
  };
}
