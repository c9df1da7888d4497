import { periodClock } from '../../server/domain/periods';
import { parseDuration } from '../../shared/duration';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const period = (text: string) => parseDuration(text)!;

type Row =
  | [why: string, zone: string, period: string, call: 'start' | 'next', at: string, expected: string]
  | [why: string, zone: string, period: string, call: 'between', at: [string, string], expected: number];

const rows: Row[] = [
  // Spring 2026 in the UK (clocks go forward at 01:00 UTC on Sunday 29 March): the Saturday is an ordinary GMT day…
  ['UK Saturday before the spring change starts at midnight GMT', 'Europe/London', '1d', 'start', '2026-03-28T12:00:00Z', '2026-03-28T00:00:00.000Z'],
  ['…and the Sunday starts 24 hours later', 'Europe/London', '1d', 'next', '2026-03-28T00:00:00Z', '2026-03-29T00:00:00.000Z'],
  // …the Sunday lasts 23 hours: Monday's midnight is already BST.
  ['the spring-forward Sunday is 23 hours long', 'Europe/London', '1d', 'next', '2026-03-29T00:00:00Z', '2026-03-29T23:00:00.000Z'],
  ['its last millisecond is still the Sunday', 'Europe/London', '1d', 'start', '2026-03-29T22:59:59.999Z', '2026-03-29T00:00:00.000Z'],
  ['a reading just after the clocks went forward is the Sunday', 'Europe/London', '1d', 'start', '2026-03-29T01:00:00Z', '2026-03-29T00:00:00.000Z'],
  // Autumn 2026 (clocks go back at 01:00 UTC on Sunday 25 October): the Sunday starts at midnight BST and lasts 25 hours.
  ['the fall-back Sunday starts at midnight BST', 'Europe/London', '1d', 'start', '2026-10-25T12:00:00Z', '2026-10-24T23:00:00.000Z'],
  ['the fall-back Sunday is 25 hours long', 'Europe/London', '1d', 'next', '2026-10-24T23:00:00Z', '2026-10-26T00:00:00.000Z'],
  ['23:30 GMT on the fall-back Sunday is still that Sunday', 'Europe/London', '1d', 'start', '2026-10-25T23:30:00Z', '2026-10-24T23:00:00.000Z'],
  // A daily figure posted half an hour after midnight in summer is the new day's, not yesterday's (the old UTC days said 31 May).
  ['00:30 BST on 1 June is 1 June', 'Europe/London', '1d', 'start', '2026-06-01T00:30:00+01:00', '2026-05-31T23:00:00.000Z'],
  ['the same instant in UTC days is 31 May, as before', 'UTC', '1d', 'start', '2026-06-01T00:30:00+01:00', '2026-05-31T00:00:00.000Z'],
  // Shorter periods keep their epoch alignment: the zone makes no difference to them, clock change or not.
  ['hourly periods in London are UTC hours', 'Europe/London', '1h', 'start', '2026-03-29T01:30:00Z', '2026-03-29T01:00:00.000Z'],
  ['an hour across the spring change is still an hour', 'Europe/London', '1h', 'next', '2026-03-29T00:00:00Z', '2026-03-29T01:00:00.000Z'],
  ['15-minute periods in London are unchanged', 'Europe/London', '15m', 'start', '2026-06-01T00:37:12Z', '2026-06-01T00:30:00.000Z'],
  ['a period of a day and a half is not whole days: epoch-aligned', 'Europe/London', '36h', 'start', '2026-06-01T12:00:00Z', iso(Math.floor(ms('2026-06-01T12:00:00Z') / period('36h')) * period('36h'))],
  // between counts local days, whatever their length.
  ['the 23-hour Sunday lies between Saturday and Monday', 'Europe/London', '1d', 'between', ['2026-03-28T00:00:00Z', '2026-03-29T23:00:00Z'], 1],
  ['Sunday and Monday are adjacent across the short day', 'Europe/London', '1d', 'between', ['2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z'], 0],
  ['Thursday to the next Thursday across the change: six days between', 'Europe/London', '1d', 'between', ['2026-03-26T00:00:00Z', '2026-04-01T23:00:00Z'], 6],
  ['hours across the spring change are counted in real hours', 'Europe/London', '1h', 'between', ['2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z'], 2],
  // n days group local dates by n from 1970-01-01, a Thursday: weeks run Thursday to Wednesday.
  ['a 7d period starts on a Thursday at local midnight', 'Europe/London', '7d', 'start', '2026-03-29T12:00:00Z', '2026-03-26T00:00:00.000Z'],
  ['a 7d period holding the spring change is 167 hours', 'Europe/London', '7d', 'next', '2026-03-26T00:00:00Z', '2026-04-01T23:00:00.000Z'],
  ['a 7d period in UTC is the old formula', 'UTC', '7d', 'start', '2026-03-29T12:00:00Z', '2026-03-26T00:00:00.000Z'],
  // The NHS import's monthly A&E figures use 28 days: the same 28 dates as in UTC, starting at local midnight.
  ['a 28d period ends at local midnight in BST', 'Europe/London', '28d', 'next', '2019-03-31T12:00:00Z', '2019-04-17T23:00:00.000Z'],
  ['a 28d period starting in GMT starts at midnight UTC', 'Europe/London', '28d', 'start', '2019-03-31T12:00:00Z', '2019-03-21T00:00:00.000Z'],
  // East of UTC, on a half hour: the local day starts the evening before in UTC.
  ['Kolkata days start at 18:30 UTC the day before', 'Asia/Kolkata', '1d', 'start', '2026-06-01T03:00:00+05:30', '2026-05-31T18:30:00.000Z'],
  ['a minute before midnight in Kolkata is the day before', 'Asia/Kolkata', '1d', 'start', '2026-05-31T18:29:00Z', '2026-05-30T18:30:00.000Z'],
  // Where the clocks go forward at midnight, midnight never happens: the day starts at 01:00 local.
  ['Beirut, 29 March 2026: midnight does not exist, the day starts at 01:00 EEST', 'Asia/Beirut', '1d', 'start', '2026-03-29T12:00:00+03:00', '2026-03-28T22:00:00.000Z'],
  ['…and the Beirut day before ends there', 'Asia/Beirut', '1d', 'next', '2026-03-27T22:00:00Z', '2026-03-28T22:00:00.000Z'],
  ['São Paulo, 4 November 2018: the day starts at 01:00 -02', 'America/Sao_Paulo', '1d', 'start', '2018-11-04T12:00:00-02:00', '2018-11-04T03:00:00.000Z'],
  // The zone's history comes from Intl: the UK kept British Standard Time (UTC+1) all year in 1970.
  ['local 1 January 1970 in London began at 23:00 UTC', 'Europe/London', '1d', 'start', '1970-01-01T12:00:00Z', '1969-12-31T23:00:00.000Z'],
];

describe('period clocks', () => {
  test.each(rows)('%s (%s, %s, %s)', (_why, zone, length, call, at, expected) => {
    const clock = periodClock(period(length), zone);
    if (call === 'between') expect(clock.between(ms(at[0]), ms(at[1]))).toBe(expected);
    else expect(iso(clock[call](ms(at)))).toBe(expected);
  });

  test('UTC is exactly the epoch formula, for days and for shorter periods', () => {
    for (const length of ['1d', '7d', '28d', '1h', '15m', '36h']) {
      const clock = periodClock(period(length), 'UTC');
      const p = period(length);
      for (let i = 0; i < 2000; i++) {
        const ts = ms('1969-06-01T00:00:00Z') + ((i * 2_654_435_761) % 2_000_000_000_000);
        const start = Math.floor(ts / p) * p;
        expect([ts, clock.start(ts), clock.next(start), clock.between(start, start + 3 * p)]).toEqual([ts, start, start + p, 2]);
      }
    }
  });

  test('every local day of a year is 24 hours, save the two change days, and start and next agree', () => {
    const clock = periodClock(period('1d'), 'Europe/London');
    const lengths = new Map<number, number>();
    let day = clock.start(ms('2026-01-01T12:00:00Z'));
    for (let i = 0; i < 365; i++) {
      const next = clock.next(day);
      expect([clock.start(day), clock.start(next - 1), clock.start(next)]).toEqual([day, day, next]);
      lengths.set((next - day) / 3_600_000, (lengths.get((next - day) / 3_600_000) ?? 0) + 1);
      day = next;
    }
    expect(Object.fromEntries(lengths)).toEqual({ 23: 1, 24: 363, 25: 1 });
  });

  test('an unknown zone is refused for day periods, named; shorter periods ignore the zone', () => {
    expect(() => periodClock(period('1d'), 'Europe/Londn')).toThrow('unknown time zone "Europe/Londn" (use an IANA name such as Europe/London)');
    expect(periodClock(period('1h'), 'Europe/Londn').start(ms('2026-06-01T00:30:00Z'))).toBe(ms('2026-06-01T00:00:00Z'));
    expect(() => periodClock(0, 'UTC')).toThrow(/positive whole number/);
  });
});
