import { useNow } from './clock';

export function WallClock() {
  const now = new Date(useNow());
  return (
    <time className="wall-clock" dateTime={now.toISOString()}>
      {now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
    </time>
  );
}
