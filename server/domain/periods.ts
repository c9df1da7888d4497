/**
 * Where periods start. A period of n whole days is n local calendar days of the network's time zone,
 * counted from the local date 1970-01-01, starting at local midnight (or at the first instant of the
 * date where midnight does not exist), so a day lasts 23 or 25 hours across a clock change. Anything
 * shorter, or not a whole number of days, aligns to multiples of its length from the Unix epoch, and
 * the zone does not matter. Zone rules come from the platform's Intl (the IANA database).
 *
 * Pure: results depend only on the arguments. The caches below only remember what Intl said.
 */

export const DAY_MS = 86_400_000;
/** Midnights remembered per zone (about 55 years of days); the cache starts again when full. */
const MAX_CACHED_DAYS = 20_000;
const MAX_ZONES = 32;
/** Wider than any UTC offset ever in use (local mean time reached ±15:56). */
const PROBE_MS = 18 * 3_600_000;
const OFFSET = /([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface PeriodClock {
  readonly periodMs: number;
  /** Start (epoch ms) of the period containing ts. */
  start(ts: number): number;
  /** Start of the period after the one starting at `start` (23 or 25 hours later across a clock change for 1d). */
  next(start: number): number;
  /** Whole periods strictly between the periods starting at a and b (a < b); 0 when adjacent. */
  between(a: number, b: number): number;
}

/** One time zone's rules as Intl gives them, with the midnights already found. */
class Zone {
  private readonly midnights = new Map<number, number>();
  /** UTC offset at the start of the last day located: the first guess for the next one. */
  private guess = 0;

  constructor(private readonly format: Intl.DateTimeFormat) {}

  /** UTC offset (ms, east positive) in force at instant t. */
  offset(t: number): number {
    const text = this.format.formatToParts(t).find((part) => part.type === 'timeZoneName')?.value ?? '';
    const match = OFFSET.exec(text);
    if (match === null) {
      if (text === 'GMT' || text === 'UTC') return 0;
      throw new Error(`cannot read a UTC offset from "${text}"`);
    }
    const seconds = (Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0);
    return (match[1] === '-' ? -seconds : seconds) * 1000;
  }

  /** First instant of local day d (days since the local date 1970-01-01). */
  midnight(d: number): number {
    let t = this.midnights.get(d);
    if (t === undefined) {
      if (this.midnights.size >= MAX_CACHED_DAYS) this.midnights.clear();
      t = this.findMidnight(d);
      this.midnights.set(d, t);
    }
    return t;
  }

  private findMidnight(d: number): number {
    const wall = d * DAY_MS;
    // The offset a day before and a day after: midnight is at wall - offset for whichever holds there.
    let first = Infinity;
    for (const offset of new Set([this.offset(wall - DAY_MS), this.offset(wall + DAY_MS)])) {
      const t = wall - offset;
      if (this.offset(t) === offset && t < first) first = t;
    }
    if (first !== Infinity) return first;
    // Midnight is skipped (clocks go forward at 00:00, or a whole date is skipped): the first
    // instant whose wall clock reads that date or later. Invariant: local(lo) < wall <= local(hi).
    let lo = wall - PROBE_MS;
    let hi = wall + PROBE_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (mid + this.offset(mid) >= wall) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** The local day containing instant ts: midnight(d) <= ts < midnight(d + 1). */
  day(ts: number): number {
    let d = Math.floor((ts + this.guess) / DAY_MS);
    while (ts < this.midnight(d)) d--;
    while (ts >= this.midnight(d + 1)) d++;
    this.guess = d * DAY_MS - this.midnight(d);
    return d;
  }
}

const zones = new Map<string, Zone | 'utc'>();

function zoneNamed(name: string): Zone | 'utc' {
  let zone = zones.get(name);
  if (zone === undefined) {
    if (name === 'UTC') zone = 'utc';
    else {
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
      } catch {
        throw new RangeError(`unknown time zone "${name}" (use an IANA name such as Europe/London)`);
      }
      zone = format.resolvedOptions().timeZone === 'UTC' ? 'utc' : new Zone(format);
    }
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

const epochClock = (periodMs: number): PeriodClock => ({
  periodMs,
  start: (ts) => Math.floor(ts / periodMs) * periodMs,
  next: (start) => Math.floor(start / periodMs) * periodMs + periodMs,
  between: (a, b) => Math.max(0, Math.floor(b / periodMs) - Math.floor(a / periodMs) - 1),
});

/** Periods of `days` local days; remembers the last period found, so repeated days cost a comparison. */
class LocalDays implements PeriodClock {
  private from = 0;
  private to = 0;
  private index = 0;

  constructor(readonly periodMs: number, private readonly zone: Zone, private readonly days: number) {}

  /** Index of the period containing ts (periods counted from the local date 1970-01-01). */
  private locate(ts: number): number {
    if (ts >= this.from && ts < this.to) return this.index;
    const index = Math.floor(this.zone.day(ts) / this.days);
    this.from = this.zone.midnight(index * this.days);
    this.to = this.zone.midnight((index + 1) * this.days);
    this.index = index;
    return index;
  }

  start(ts: number): number {
    this.locate(ts);
    return this.from;
  }
  next(start: number): number {
    this.locate(start);
    return this.to;
  }
  /** Counts calendar periods: a date a zone skipped whole (Pacific/Apia, 30 Dec 2011) counts as one. */
  between(a: number, b: number): number {
    return Math.max(0, this.locate(b) - this.locate(a) - 1);
  }
}

/**
 * The clock for periods of `periodMs` in `timeZone` (an IANA name; throws a RangeError naming an
 * unknown one when the period is whole days). Make one per indicator and keep it: it is cheap to
 * call, and it remembers the last period it found.
 */
export function periodClock(periodMs: number, timeZone: string): PeriodClock {
  if (!Number.isSafeInteger(periodMs) || periodMs <= 0) throw new RangeError(`a period must be a positive whole number of ms, not ${periodMs}`);
  if (periodMs % DAY_MS !== 0) return epochClock(periodMs);
  const zone = zoneNamed(timeZone);
  return zone === 'utc' ? epochClock(periodMs) : new LocalDays(periodMs, zone, periodMs / DAY_MS);
}
