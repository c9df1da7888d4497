import { monthWords, parsePeriodQuery, pausedWords, pastFigurePeriodWords, pastFigureWords, pastPeriodWords, pointInMonth, searchWithPeriod, seriesWindow } from '../../client/state/past-period';

const DAY = 86_400_000;
const point = (period: string, value: number | null, coverage = 1) => ({ period, value, coverage, final: true });

describe('the past month in the URL', () => {
  it.each([
    ['?period=2019-03', '2019-03'], // the month to read
    ['?q=leeds&period=2016-04', '2016-04'], // beside the wall's filters
    ['', null], // none: the view shows now
    ['?period=2019-13', null], // no such month: dropped, not an error
    ['?period=2019-3', null], // two digits, as <input type=month> writes it
    ['?period=March', null],
  ])('%s → %s', (search, month) => expect(parsePeriodQuery(search)).toBe(month));

  it.each([
    ['?q=leeds', '2019-03', '?q=leeds&period=2019-03'], // the other keys are kept
    ['?period=2016-04&q=leeds', '2019-03', '?period=2019-03&q=leeds'],
    ['?period=2019-03', null, ''], // back to now
  ])('%s with %s → %s', (search, month, expected) => expect(searchWithPeriod(search, month)).toBe(expected));
});

describe('the figure a month shows', () => {
  const ae = 28 * DAY;
  it.each([
    // The A&E month's figure is stamped on its last day, in the 28-day period starting mid-month.
    ['the A&E period holding 31 March', [point('2019-02-14T00:00:00.000Z', 0.85), point('2019-03-14T00:00:00.000Z', 0.866), point('2019-04-11T00:00:00.000Z', 0.87)], '2019-03', ae, '2019-03-14T00:00:00.000Z'],
    // A summer local day starts at 23:00 UTC the evening before: 1 April (BST) is not March's.
    ["a daily figure: the month's last reported day, not the next month's first", [point('2019-03-30T00:00:00.000Z', 1), point('2019-03-30T23:00:00.000Z', 2), point('2019-03-31T23:00:00.000Z', 3)], '2019-03', DAY, '2019-03-30T23:00:00.000Z'],
    ['a period with no value is passed over', [point('2019-03-10T00:00:00.000Z', 5), point('2019-03-11T00:00:00.000Z', null, 0)], '2019-03', DAY, '2019-03-10T00:00:00.000Z'],
    ['nothing in the month', [point('2019-02-10T00:00:00.000Z', 5)], '2019-03', DAY, null],
  ])('%s', (_why, points, month, periodMs, expected) => expect(pointInMonth(points, month, periodMs)?.period ?? null).toBe(expected));

  it('asks the series from the day before the month to its end', () => {
    expect(seriesWindow('2019-03')).toEqual({ from: '2019-02-28T00:00:00.000Z', to: '2019-04-01T00:00:00.000Z' });
    expect(seriesWindow('2019-12').to).toBe('2020-01-01T00:00:00.000Z');
  });

  it.each([
    [monthWords('2019-03'), 'March 2019'],
    [pastPeriodWords('2019-03-14T00:00:00.000Z', 28 * DAY), '14 Mar – 10 Apr 2019'],
    [pastPeriodWords('2019-03-30T23:00:00.000Z', DAY), '31 Mar 2019'],
    // A monthly A&E figure names the month it is for, as published, not the 28-day engine period holding it.
    [pastFigurePeriodWords('2019-03-21T00:00:00.000Z', 28 * DAY, '2019-03'), 'March 2019'],
    // A daily figure keeps its day.
    [pastFigurePeriodWords('2019-03-30T23:00:00.000Z', DAY, '2019-03'), '31 Mar 2019'],
    // A share with one decimal, as NHS England writes 90.0 %.
    [pastFigureWords({ number: '90', unit: '%' }, 0.9), '90.0%'],
    [pastFigureWords({ number: '86.6', unit: '%' }, 0.8661), '86.6%'],
    // Coverage leaves paused units out: the reader is told how many, and on a unit since when.
    [pausedWords({ units: 2, since: null }, false), '2 units not expected (paused)'],
    [pausedWords({ units: 1, since: '2017-01-01T00:00:00.000Z' }, false), '1 unit not expected (paused since 1 Jan 2017)'],
    [pausedWords({ units: 1, since: '2017-01-01T00:00:00.000Z' }, true), 'not expected since 1 Jan 2017 (paused)'],
    [pausedWords(undefined, false), ''],
    // A count as splitValue writes it.
    [pastFigureWords({ number: '3,728', unit: 'beds' }, 3728), '3,728 beds'],
  ])('%s reads as %s', (words, expected) => expect(words).toBe(expected));
});
