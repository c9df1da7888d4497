import { useContext } from 'react';
import { HeldClock, useNow } from './clock';

// Made once: a formatter per tick costs more than the rest of the tick.
const DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const HOURS_MINUTES = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The time on the server's clock; a frozen history shows the date and time it stands at, not a running clock. */
export function WallClock() {
  const held = useContext(HeldClock);
  const now = new Date(useNow());
  if (held !== null) {
    return (
      <time className="wall-clock held" dateTime={now.toISOString()} data-testid="wall-clock">
        {DATE.format(now)} {HOURS_MINUTES.format(now)}
      </time>
    );
  }
  return (
    <time className="wall-clock" dateTime={now.toISOString()} data-testid="wall-clock">
      {TIME.format(now)}
    </time>
  );
}
