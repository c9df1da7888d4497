import { useEffect, useReducer, useState, type Dispatch } from 'react';
import { openLive, type LiveLink } from '../net/live';
import { initialLiveState, liveReducer, type LiveEvent, type LiveState } from '../state/live';

/** The live state of the node in focus: one socket per token, resubscribed as the focus moves. */
export function useLive(token: string | null, focus: string): [LiveState, Dispatch<LiveEvent>] {
  const [state, dispatch] = useReducer(liveReducer, initialLiveState);
  const [link, setLink] = useState<LiveLink | null>(null);

  useEffect(() => {
    const opened = openLive(token, dispatch);
    setLink(opened);
    return () => {
      opened.close();
      setLink(null);
    };
  }, [token]);

  useEffect(() => {
    link?.focus(focus);
  }, [link, focus]);

  return [state, dispatch];
}
