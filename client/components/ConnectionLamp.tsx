import { formatDuration } from '../../shared/duration';
import type { LiveState } from '../state/live';
import { useTick } from './clock';

const WORDS = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

/** Whether what is on the wall is live: a lamp, a word, and for how long. */
export function ConnectionLamp({ connection, stale, problem }: { connection: LiveState['connection']; stale: boolean; problem: string | null }) {
  const now = useTick();
  const since = connection.since === null ? '' : formatDuration(Math.max(0, now - connection.since));
  const detail = [connection.status !== 'live' && connection.message, stale && 'showing the last known state', problem].filter(Boolean).join(' · ');
  return (
    <div className={`connection status-${connection.status}`} role="status" aria-live="polite" data-testid="connection" data-status={connection.status}>
      <span className="connection-lamp" aria-hidden="true" />
      <span className="connection-word">{WORDS[connection.status]}</span>
      {connection.status !== 'live' && since && <span className="connection-since"> {since}</span>}
      {detail && <span className="connection-detail">{detail}</span>}
    </div>
  );
}
