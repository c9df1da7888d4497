import { createContext, createElement, useContext, useSyncExternalStore, type ReactNode } from 'react';

/**
 * One shared one-second ticker, aligned to whole seconds, so every "open 3 h 12 m" on the wall
 * changes together. Only the small leaf components that call useNow re-render on a tick.
 */
let tick = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  timer = setTimeout(() => {
    tick = Date.now();
    for (const listener of listeners) listener();
    schedule();
  }, 1000 - (Date.now() % 1000) + 5);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === null) {
    tick = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

const readTick = () => tick;

/** Server clock minus client clock, so times in state agree with the server's timestamps. */
export const ClockOffset = createContext(0);

/** Now, on this machine's clock, refreshed every second. */
export const useTick = (): number => useSyncExternalStore(subscribe, readTick, readTick);

/** The moment a frozen server clock is held at (a history reviewed as it stood); null while the clock runs. */
export const HeldClock = createContext<number | null>(null);

/** Now, on the server's clock, refreshed every second; the held moment itself when the server's clock is frozen. */
export function useNow(): number {
  const tick = useTick();
  const offset = useContext(ClockOffset);
  return useContext(HeldClock) ?? tick + offset;
}

/** The server's clock for everything inside: its offset from this machine, and where it is held if it is frozen. */
export function RoomClock({ offsetMs, heldAt, children }: { offsetMs: number; heldAt: number | null; children: ReactNode }) {
  return createElement(ClockOffset.Provider, { value: offsetMs }, createElement(HeldClock.Provider, { value: heldAt }, children));
}
