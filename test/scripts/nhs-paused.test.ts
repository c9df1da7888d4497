import { withoutClosed } from '../../scripts/nhs/expected';
import { pausedReports } from '../../scripts/nhs/paused';
import type { DayReadings } from '../../scripts/nhs/sitrep-readings';

/**
 * Who left a collection while it went on: counted in the collection's own report dates, so its pauses
 * (between winters, between the two A&E files) are nobody's. Monthly here: one report date a month.
 */
const DAY = 86_400_000;
const monthly = { has: (id: string) => id.startsWith('ae_'), periodDays: 28, missedAtLeast: 2, byRows: false };
const daily = { has: (id: string) => !id.startsWith('ae_'), periodDays: 1, missedAtLeast: 14, byRows: true };
const day = (date: string, readings: Array<[string, string]>): DayReadings => ({ date, readings: readings.map(([unit, indicator]) => ({ unit, indicator, ts: `${date}T12:00:00Z`, value: 1 })) });
/** `n` sitrep days; `who` gives the day's readings, `rows` (default: the readers) the units with a row, blank cells or not. */
const sitrepDays = (n: number, who: (i: number) => Array<[string, string]>, rows?: (i: number) => string[]) =>
  Array.from({ length: n }, (_, i) => {
    const d = day(new Date(Date.parse('2017-01-01T00:00:00Z') + i * DAY).toISOString().slice(0, 10), who(i));
    return { ...d, rows: rows ? rows(i) : [...new Set(who(i).map(([unit]) => unit))] };
  });
const months = (n: number, from = '2016-04-01', who: (i: number) => Array<[string, string]>) =>
  Array.from({ length: n }, (_, i) => day(new Date(Date.parse(`${from}T00:00:00Z`) + i * 31 * DAY).toISOString().slice(0, 10), who(i)));

describe('pausedReports', () => {
  const rows: Array<{ why: string; days: DayReadings[]; discontinued?: string[]; expected: Record<string, string[]> }> = [
    {
      why: 'a provider missing one month is late, not paused',
      days: months(6, '2016-04-01', (i) => [['A', 'ae_x'], ...(i === 2 ? [] : [['B', 'ae_x'] as [string, string]])]),
      expected: {},
    },
    {
      why: 'missing two months or more, then back: paused in between',
      days: months(6, '2016-04-01', (i) => [['A', 'ae_x'], ...(i === 1 || i === 2 ? [] : [['B', 'ae_x'] as [string, string]])]),
      expected: { B: ['ae_x to'] },
    },
    {
      why: 'stopping while the others go on: paused for good',
      days: months(6, '2016-04-01', (i) => [['A', 'ae_x'], ...(i < 2 ? [['B', 'ae_x'] as [string, string]] : [])]),
      expected: { B: ['ae_x for good'] },
    },
    {
      why: "the collection's own pause (no report dates at all) is nobody's",
      days: [...months(3, '2016-04-01', () => [['A', 'ae_x'], ['B', 'ae_x']]), ...months(3, '2024-04-01', () => [['A', 'ae_x'], ['B', 'ae_x']])],
      expected: {},
    },
    {
      why: 'an indicator nobody reports any more stopped with its collection',
      days: [...months(3, '2016-04-01', () => [['A', 'ae_x'], ['B', 'ae_x'], ['A', 'ga_y']]), ...months(3, '2016-07-01', () => [['A', 'ae_x'], ['B', 'ae_x']])],
      discontinued: ['ga_y'],
      expected: {},
    },
    {
      why: 'a sitrep row with blank cells for 20 days is a missing return, not a pause (RXQ, critical care winter 2016-17)',
      days: sitrepDays(30, (i) => [['A', 'cc_x'], ['B', 'ga_y'], ...(i < 3 || i > 23 ? [['B', 'cc_x'] as [string, string]] : [])]),
      expected: {},
    },
    {
      why: 'no sitrep row at all for 20 days while others report: paused (the specialist trusts with no rows for winters)',
      days: sitrepDays(30, (i) => [['A', 'cc_x'], ...(i < 3 || i > 23 ? [['B', 'cc_x'] as [string, string]] : [])]),
      expected: { B: ['cc_x to'] },
    },
    {
      why: 'blank cells to the end of the data, the row still there: missing, not paused for good',
      days: sitrepDays(30, (i) => [['A', 'cc_x'], ['B', 'ga_y'], ...(i < 3 ? [['B', 'cc_x'] as [string, string]] : [])]),
      expected: {},
    },
    {
      why: 'A&E months missing while the provider still has sitrep rows: paused (providers drop in and out of the monthly file)',
      days: months(6, '2016-04-01', (i) => [['A', 'ae_x'], ['B', 'ga_y'], ...(i === 1 || i === 2 ? [] : [['B', 'ae_x'] as [string, string]])]).map((d) => ({ ...d, rows: ['A', 'B'] })),
      expected: { B: ['ae_x to'] },
    },
    {
      why: 'the collection drops an indicator for everyone for a while (amb_handover 2020-03 → 2020-11): nobody paused',
      days: sitrepDays(40, (i) => [['A', 'ga_y'], ['B', 'ga_y'], ...(i < 5 || i > 30 ? [['A', 'amb_x'], ['B', 'amb_x']] as Array<[string, string]> : [])]),
      expected: {},
    },
  ];
  it.each(rows)('$why', ({ days, discontinued = [], expected }) => {
    const found = pausedReports(days, 'Europe/London', [monthly, daily], new Set(discontinued));
    const words = Object.fromEntries(found.map((p) => [p.code, Object.entries(p.paused).flatMap(([id, list]) => list.map((s) => `${id} ${s.to === undefined ? 'for good' : 'to'}`))]));
    expect(words).toEqual(expected);
  });

  it('a stretch runs from the period after the last reading to the period of the next', () => {
    const days = months(6, '2016-04-01', (i) => [['A', 'ae_x'], ...(i === 1 || i === 2 ? [] : [['B', 'ae_x'] as [string, string]])]);
    const [b] = pausedReports(days, 'UTC', [monthly, daily], new Set());
    const { from, to } = b!.paused.ae_x![0]!;
    // Last reading 1 Apr 2016 12:00, next 1 Jul 2016 12:00 (28-day periods from 1 Jan 1970).
    expect(Date.parse(from) - Date.parse('2016-04-01T12:00:00Z')).toBeGreaterThan(0);
    expect(Date.parse(to!)).toBeLessThanOrEqual(Date.parse('2016-07-01T12:00:00Z'));
    expect(Date.parse(to!) - Date.parse(from)).toBeGreaterThanOrEqual(28 * DAY);
  });
});

describe('withoutClosed', () => {
  const closedAt = new Map([['B', Date.parse('2017-03-01T00:00:00Z')]]);
  const rows: Array<{ why: string; paused: Record<string, Array<{ from: string; to?: string }>>; kept: string[] }> = [
    { why: 'a pause for good starting after the unit closed only repeats closed: left out', paused: { ae_x: [{ from: '2017-03-10T00:00:00Z' }] }, kept: [] },
    { why: 'a pause for good starting before it closed says more (this indicator stopped first): kept', paused: { ae_x: [{ from: '2017-01-10T00:00:00Z' }] }, kept: ['ae_x'] },
    { why: 'a pause with an end is the unit coming back: kept', paused: { ae_x: [{ from: '2016-05-01T00:00:00Z', to: '2016-09-01T00:00:00Z' }] }, kept: ['ae_x'] },
  ];
  it.each(rows)('$why', ({ paused, kept }) => {
    const found = withoutClosed([{ code: 'B', paused }, { code: 'C', paused }], closedAt);
    expect(found.find((p) => p.code === 'B') ? Object.keys(found.find((p) => p.code === 'B')!.paused) : []).toEqual(kept);
    // C never closed: its pauses stand.
    expect(found.find((p) => p.code === 'C')?.paused).toEqual(paused);
  });
});
