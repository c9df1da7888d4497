/** Start of the period containing `ts`. Periods align to multiples of their length from the Unix epoch (UTC). */
export const periodStart = (ts: number, periodMs: number): number => Math.floor(ts / periodMs) * periodMs;

export const toIso = (ms: number): string => new Date(ms).toISOString();

export const fromIso = (iso: string): number => Date.parse(iso);
