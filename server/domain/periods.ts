// Placeholder until the time-zone work lands: epoch-aligned periods only.
export interface PeriodClock {
  readonly periodMs: number;
  start(ts: number): number;
  next(start: number): number;
  between(a: number, b: number): number;
}
export function periodClock(periodMs: number, _timeZone: string): PeriodClock {
  return {
    periodMs,
    start: (ts) => Math.floor(ts / periodMs) * periodMs,
    next: (start) => start + periodMs,
    between: (a, b) => Math.max(0, Math.round((b - a) / periodMs) - 1),
  };
}
