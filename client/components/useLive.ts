import { useEffect, useReducer, useState, type Dispatch } from 'react';
import { adoptLiveEarly } from '../net/early-live';
import { openLive, type LiveLink } from '../net/live';
import { initialLiveState, type LiveEvent, type LiveState } from '../state/live';
import { applyLiveBatch, liveBatcher } from '../state/live-batch';

const timeout = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * The live state of the node in focus: one socket per token, resubscribed as the focus moves. The
 * socket's stream is applied in batches (one React update per LIVE_BATCH_MS), so 100 readings a
 * second do not re-render the room 100 times a second. The dispatch returned applies at once (the
 * room's own actions).
 */
export function useLive(token: string | null, focus: string): [LiveState, Dispatch<LiveEvent>] {
  const [state, apply] = useReducer(applyLiveBatch, initialLiveState);
  const [link, setLink] = useState<LiveLink | null>(null);

  useEffect(() => {
    const batcher = liveBatcher(apply, timeout);
    const push = (event: LiveEvent) => batcher.push(event);
    const opened = adoptLiveEarly(token, push) ?? openLive(token, push);
    setLink(opened);
    return () => {
      opened.close();
      batcher.close();
      setLink(null);
    };
  }, [token]);

  useEffect(() => {
    link?.focus(focus);
  }, [link, focus]);

  return [state, useDispatchOne(apply)];
}

function useDispatchOne(apply: Dispatch<LiveEvent[]>): Dispatch<LiveEvent> {
  const [one] = useState(() => (event: LiveEvent) => apply([event]));
  return one;
}
