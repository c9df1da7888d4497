import { formatDuration } from '../../shared/duration';
import type { Allowance, Leg } from './episodes';
import { legDuration } from './episodes';

/** "open 3 h 12 m" */
export const openFor = (ms: number) => `open ${formatDuration(ms)}`;

/** "3 m ago" */
export const ago = (ms: number) => (ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`);

/** "12 m left", "due now", "at the top, no window left", or "" where there is no deadline. */
export function timeLeftWords(allowance: Allowance): string {
  if (allowance.overdue) return 'overdue at the top';
  if (allowance.leftMs === null) return '';
  if (allowance.leftMs <= 0) return 'due now';
  return `${formatDuration(allowance.leftMs)} left`;
}

/** "with the district for 2 h 10 m, region for 40 m" — levels in the order the episode climbed. */
export function legsInWords(legs: Leg[], levelOf: (holder: string) => string, now: number): string {
  if (legs.length === 0) return '';
  const parts = legs.map((leg) => `${levelOf(leg.holder)} for ${formatDuration(legDuration(leg, now))}`);
  return `with the ${parts.join(', ')}`;
}

const FRACTION_UNITS = new Set(['ratio', 'share', 'fraction', 'proportion']);

/** Intl formats by fraction digits, made once: toLocaleString builds one per call, which at 5,000 units is most of a frame. */
const FORMATS = [0, 1, 2].map((digits) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }));

/** A value as a wall shows it: short, with its unit of measure. */
export function formatValue(value: number | null, unit = ''): string {
  const { number, unit: suffix } = splitValue(value, unit);
  if (!suffix) return number;
  return suffix === '%' ? `${number}%` : `${number} ${suffix}`;
}

/** The number and the unit apart, for a big number with a small unit beside it. */
export function splitValue(value: number | null, unit = ''): { number: string; unit: string } {
  if (value === null || !Number.isFinite(value)) return { number: '—', unit: '' };
  // Ratio indicators divide two counts: a share reads best as a percentage.
  if (FRACTION_UNITS.has(unit)) return { number: FORMATS[1]!.format(value * 100), unit: '%' };
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return { number: FORMATS[digits]!.format(value), unit };
}

export const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
