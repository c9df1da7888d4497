import type { Reading } from '../../shared/api';
import type { AeMonth } from './ae';
import type { PlacedBy, Placements } from './placement';
import type { DayReadings } from './sitrep-readings';
import { Tally } from './tally';

export interface AeOutcome {
  /** Keyed by the day after the month ends: the first day the month's figures can be reported. */
  days: DayReadings[];
  monthsUsed: number;
  skipped: Tally;
  /** Every provider is placed (see placeAeProvider): attendances and providers by how they were placed. */
  attendancesBy: Record<PlacedBy, number>;
  providersBy: Record<PlacedBy, string[]>;
  totalAttendances: number;
}

const byPlacement = <T>(make: () => T): Record<PlacedBy, T> =>
  ({ 'ods-trust': make(), 'ods-region': make(), 'parent-org': make(), 'ods-organisation': make(), 'not-known': make() });

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The month's last day at noon UTC (12:00 or 13:00 in London: inside the month's last local day), and the next month's first day. */
function monthTimes(month: string): { ts: string; reportDate: string } {
  const start = Date.parse(`${month}T00:00:00Z`);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = isoDate(next.getTime() - DAY_MS);
  return { ts: `${lastDay}T12:00:00Z`, reportDate: isoDate(next.getTime()) };
}

export function aeReadings(months: readonly AeMonth[], placements: Placements): AeOutcome {
  const skipped = new Tally();
  const byDate = new Map<string, Reading[]>();
  let monthsUsed = 0;
  let totalAttendances = 0;
  const attendancesBy = byPlacement(() => 0);
  const providers = byPlacement(() => new Set<string>());
  for (const month of months) {
    totalAttendances += month.attendances;
    const placement = placements.ofAe(month.org);
    const where = `${month.file.split('/').at(-1)} line ${month.line}`;
    attendancesBy[placement.placedBy] += month.attendances;
    providers[placement.placedBy].add(month.org);
    const { ts, reportDate } = monthTimes(month.month);
    const readings = byDate.get(reportDate) ?? [];
    const unit = month.org;
    if (month.attendances > 0) {
      readings.push({ unit, indicator: 'ae_month_attendances', ts, value: month.attendances });
      readings.push({ unit, indicator: 'ae_month_within_4h', ts, value: month.within4h });
    } else skipped.add('no attendances that month: no 4-hour figure', where);
    if (month.trolley12h !== null) readings.push({ unit, indicator: 'ae_month_12h_trolley_waits', ts, value: month.trolley12h });
    if (readings.length > 0) byDate.set(reportDate, readings);
    monthsUsed++;
  }
  const days = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, readings]) => ({ date, readings }));
  const providersBy = byPlacement<string[]>(() => []);
  for (const [by, codes] of Object.entries(providers) as Array<[PlacedBy, Set<string>]>) providersBy[by] = [...codes].sort();
  return { days, monthsUsed, skipped, attendancesBy, providersBy, totalAttendances };
}
