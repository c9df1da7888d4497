import { useContext } from 'react';
import { HeldClock, useNow } from './clock';

const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };

/** The time on the server's clock; a frozen history shows the date and time it stands at, not a running clock. */
export function WallClock() {
  const held = useContext(HeldClock);
  const now = new Date(useNow());
  if (held !== null) {
    return (
      <time className="wall-clock held" dateTime={now.toISOString()} data-testid="wall-clock">
        {now.toLocaleDateString('en-GB', DATE)} {now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}
      </time>
    );
  }
  return (
    <time className="wall-clock" dateTime={now.toISOString()} data-testid="wall-clock">
      {now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
    </time>
  );
}
