import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
/** Ten years: longer than any window or period a service would set, and safely inside what a date can hold. */
export const MAX_DURATION_MS = 3650 * UNIT_MS.d;

/** Milliseconds in a duration such as `500ms`, `30s`, `5m`, `4h`, `1d`; null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  return ms >= 1 && ms <= MAX_DURATION_MS ? ms : null;
}

/** A duration written by hand in the configuration (`4h`), or a whole number of milliseconds; parsed to milliseconds. */
export const durationSchema = z.union([z.number().int().positive().max(MAX_DURATION_MS), z.string()]).transform((text, ctx) => {
  if (typeof text === 'number') return text;
  const ms = parseDuration(text);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration: write a positive number and one of ms, s, m, h, d (e.g. 30s, 4h, 1d), at least 1ms and at most 3650d` });
    return z.NEVER;
  }
  return ms;
});

/** Short human form of a duration in milliseconds: `2 h 10 m`, `40 m`, `12 s`. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(abs / 86_400);
  const h = Math.floor((abs % 86_400) / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} m` : `${h} h`;
  if (m > 0) return `${m} m`;
  return `${s} s`;
}
