import { pausedReports } from '../../scripts/nhs/paused';
import type { DayReadings } from '../../scripts/nhs/sitrep-readings';

/**
 * Who left a collection while it went on: counted in the collection's own report dates, so its pauses
 * (between winters, between the two A&E files) are nobody's. Monthly here: one report date a month.
 */
const DAY = 86_400_000;
const monthly = { has: (id: string) => id.startsWith('ae_'), periodDays: 28, missedAtLeast: 2 };
const daily = { has: (id: string) => !id.startsWith('ae_'), periodDays: 1, missedAtLeast: 14 };
const day = (date: string, readings: Array<[string, string]>): DayReadings => ({ date, readings: readings.map(([unit, indicator]) => ({ unit, indicator, ts: `${date}T12:00:00Z`, value: 1 })) });
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
