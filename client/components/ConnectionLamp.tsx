import { formatDuration } from '../../shared/duration';
import type { LiveState } from '../state/live';
import { useTick } from './clock';

const WORDS = { connecting: 'Connecting', live: 'Live', history: 'History', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

/**
 * Whether what is on the wall is live: a lamp, a word, and for how long. Connected to a server whose
 * clock is frozen, it says HISTORY instead of LIVE: the wall shows the past as it stood.
 */
export function ConnectionLamp({ connection, stale, problem, history = false }: { connection: LiveState['connection']; stale: boolean; problem: string | null; history?: boolean }) {
  const now = useTick();
  const shown = connection.status === 'live' && history ? 'history' : connection.status;
  const since = connection.since === null ? '' : formatDuration(Math.max(0, now - connection.since));
  const detail = [connection.status !== 'live' && connection.message, stale && 'showing the last known state', problem].filter(Boolean).join(' · ');
  return (
    <div className={`connection status-${shown}`} role="status" aria-live="polite" data-testid="connection" data-status={connection.status}>
      <span className="connection-lamp" aria-hidden="true" />
      <span className="connection-word">{WORDS[shown]}</span>
      {connection.status !== 'live' && since && <span className="connection-since"> {since}</span>}
      {detail && <span className="connection-detail">{detail}</span>}
    </div>
  );
}
