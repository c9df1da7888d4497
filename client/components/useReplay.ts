import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchNodeAt } from '../net/api';
import { replayFeed, type ReplayWish } from '../net/replay-feed';
import { initialLiveState, liveReducer, type LiveState } from '../state/live';
import { parseReplayAt, searchWithReplayAt } from '../state/replay';

/**
 * The replayed instant, read from and written to the URL (`?at=`): null while live. Moving it by
 * dragging or playing replaces the URL; entering, leaving and jumping push it, so Back steps back.
 */
export function useReplayPosition(): [number | null, (at: number | null, how?: 'push' | 'replace') => void] {
  const [at, setAt] = useState(() => parseReplayAt(window.location.search));
  useEffect(() => {
    const onPop = () => setAt(parseReplayAt(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const move = useCallback((next: number | null, how: 'push' | 'replace' = 'push') => {
    const url = `${window.location.pathname}${searchWithReplayAt(window.location.search, next)}`;
    if (how === 'push') window.history.pushState(window.history.state, '', url);
    else window.history.replaceState(window.history.state, '', url);
    setAt(next);
  }, []);
  return [at, move];
}

/**
 * The room as it stood at `at`, fed by the same reducer as the live room (null while live), and
 * whether the moment asked for is still being read (what is shown is another moment, or nothing yet).
 */
export function useReplayRoom(token: string | null, focus: string, at: number | null): { room: LiveState | null; pending: boolean } {
  const [state, setState] = useState<LiveState | null>(null);
  const [answered, setAnswered] = useState<ReplayWish | null>(null);
  const feed = useRef<ReturnType<typeof replayFeed> | null>(null);

  useEffect(() => {
    const started = replayFeed(
      (wish: ReplayWish) => fetchNodeAt(token, wish.focus, wish.at),
      (snapshot, wish) => {
        setAnswered(wish);
        const focused = liveReducer(liveReducer(initialLiveState, { type: 'connection', status: 'live', at: Date.now() }), { type: 'focus', node: snapshot.node.id });
        setState(liveReducer(focused, { type: 'snapshot', snapshot, receivedAt: Date.now() }));
      },
      (message, wish) => {
        setAnswered(wish);
        setState((shown) => ({ ...(shown ?? { ...initialLiveState, focus: wish.focus, clockHeldAt: wish.at }), problem: `Could not replay that moment: ${message}` }));
      },
    );
    feed.current = started;
    return () => {
      started.close();
      feed.current = null;
    };
  }, [token]);

  useEffect(() => {
    if (at === null) {
      feed.current?.reset();
      setState(null);
      setAnswered(null);
    } else feed.current?.want({ focus, at });
  }, [focus, at, token]);

  if (at === null) return { room: null, pending: false };
  const pending = answered === null || answered.focus !== focus || answered.at !== at;
  // Until the first answer, the moment asked for with nothing yet in it (the wall says it is reading).
  return { room: state ?? { ...initialLiveState, focus, clockHeldAt: at }, pending };
}
