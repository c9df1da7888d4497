import { configSchema, describeConfigError } from '../../shared/config';
import { DEFAULT_HISTORY_HORIZON_MS, MAX_FUTURE_MS, readingTimeProblem, reservedNameProblem, utcYearProblem } from '../../shared/bounds';
import { readingSchema } from '../../shared/api';

const DAY = 86_400_000;
const NOW = Date.parse('2026-01-05T12:00:00Z');

describe('reservedNameProblem', () => {
  test.each([
    // Would read Object.prototype (or set it) when it keys a record.
    ['__proto__', 'reserved-name'],
    // A plain object's constructor is Object: allowances['constructor'] would be a function, not a duration.
    ['constructor', 'reserved-name'],
    // Every member of Object.prototype, not only the famous two.
    ['toString', 'reserved-name'],
    ['hasOwnProperty', 'reserved-name'],
    // Ordinary level and node names.
    ['unit', null],
    ['RJ1', null],
    // Names are case-sensitive: this one reads nothing from the prototype.
    ['Constructor', null],
  ])('%s → %s', (name, expected) => {
    expect(reservedNameProblem(name)).toBe(expected);
  });
});

describe('utcYearProblem', () => {
  test.each([
    // The issue's case: midnight-thirty of the year 0 at +01:00 is the year −1 in UTC.
    ['0000-01-01T00:30:00+01:00', 'year-not-four-digits'],
    // The first instant of the year 0 in UTC is still four digits.
    ['0000-01-01T00:00:00Z', null],
    // The last instant of 9999 in UTC.
    ['9999-12-31T23:59:59Z', null],
    // 9999-12-31 at 23:30 behind UTC is the year 10000 in UTC.
    ['9999-12-31T23:30:00-01:00', 'year-not-four-digits'],
    ['2026-01-05T08:00:00Z', null],
  ])('%s → %s', (text, expected) => {
    expect(utcYearProblem(Date.parse(text))).toBe(expected);
  });

  test('not a time at all', () => {
    expect(utcYearProblem(Number.NaN)).toBe('not-a-time');
  });
});

describe('readingTimeProblem', () => {
  const H = DEFAULT_HISTORY_HORIZON_MS;
  const IN_2005 = Date.parse('2005-01-01T00:00:00Z');
  const IN_2000 = Date.parse('2000-06-01T00:00:00Z');
  test.each([
    // Now, and a minute ago: ordinary live readings.
    ['now', NOW, NOW, H, null],
    ['a minute ago', NOW - 60_000, NOW, H, null],
    // A correction of last winter's figure is inside the default year and a day.
    ['300 days ago', NOW - 300 * DAY, NOW, H, null],
    // Exactly on the horizon is still inside it.
    ['on the horizon', NOW - H, NOW, H, null],
    ['a millisecond before the horizon', NOW - H - 1, NOW, H, 'before-horizon'],
    // The issue's reading dated 2000 would open a live crisis now: refused by default ...
    ['the year 2000, default horizon', IN_2000, NOW, H, 'before-horizon'],
    // ... and accepted when the network's horizon reaches back that far (3650 days is the longest duration).
    ['the year 2000, clock in 2005 and a ten-year horizon', IN_2000, IN_2005, 3650 * DAY, null],
    // Clock skew of a reporter a few minutes fast is tolerated; more is not.
    ['five minutes ahead', NOW + MAX_FUTURE_MS, NOW, H, null],
    ['six minutes ahead', NOW + 6 * 60_000, NOW, H, 'in-future'],
  ])('%s', (_name, ts, now, horizon, expected) => {
    expect(readingTimeProblem(ts, now, horizon)).toBe(expected);
  });
});

test('a reading whose ts is in the UTC year −1 is refused by the schema, naming ts', () => {
  const result = readingSchema.safeParse({ unit: 'U1', indicator: 'load', ts: '0000-01-01T00:30:00+01:00', value: 1 });
  expect(result.success).toBe(false);
  expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['ts']);
});

const base = () => ({
  name: 'n',
  levels: ['national', 'unit'],
  indicators: [{ id: 'load', label: 'Load', better: 'lower', period: '1d' } as Record<string, unknown>],
  nodes: [
    { id: 'ENG', name: 'England', level: 'national' } as Record<string, unknown>,
    { id: 'U', name: 'Unit', level: 'unit', parent: 'ENG' } as Record<string, unknown>,
  ],
});
const problems = (config: unknown) => {
  const result = configSchema.safeParse(config);
  return result.success ? '' : describeConfigError(result.error);
};

describe('configuration bounds: refused at start, with the field named', () => {
  test.each([
    // A cyberstride setting the detector cannot run with used to start and then fail every reading.
    ['cyberstride priors that do not add up', (c: ReturnType<typeof base>) => { c.indicators[0]!.cyberstride = { priors: { standard: 0.5, outlier: 0.1, step: 0.1, slope: 0.1 } }; }, 'indicators.0.cyberstride.priors: the four prior probabilities must add up to 1'],
    ['a cyberstride setting of the wrong type', (c: ReturnType<typeof base>) => { c.indicators[0]!.cyberstride = { warmup: 'six' }; }, 'indicators.0.cyberstride.warmup'],
    ['an unknown cyberstride setting', (c: ReturnType<typeof base>) => { c.indicators[0]!.cyberstride = { warmpu: 6 }; }, 'indicators.0.cyberstride'],
    ['an spc baseline of one point', (c: ReturnType<typeof base>) => { c.indicators[0]!.spc = { baseline: 1 }; }, 'indicators.0.spc.baseline'],
    ['spc rebase points that are not indices', (c: ReturnType<typeof base>) => { c.indicators[0]!.spc = { rebase: [-1] }; }, 'indicators.0.spc.rebase.0'],
    // Level names key the per-level records: these would read Object.prototype.
    ['a level named constructor', (c: ReturnType<typeof base>) => { c.levels = ['constructor', 'unit']; c.nodes[0]!.level = 'constructor'; }, 'levels.0: "constructor" is a reserved name'],
    ['a level named __proto__', (c: ReturnType<typeof base>) => { c.levels = ['national', '__proto__']; c.nodes[1]!.level = '__proto__'; }, 'levels.1: "__proto__" is a reserved name'],
    ['a node named toString', (c: ReturnType<typeof base>) => { c.nodes[1]!.id = 'toString'; }, 'nodes.1.id: "toString" is a reserved name'],
    ['an indicator named valueOf', (c: ReturnType<typeof base>) => { c.indicators[0]!.id = 'valueOf'; }, 'indicators.0.id: "valueOf" is a reserved name'],
    ['a history horizon that is not a duration', (c: ReturnType<typeof base>) => { (c as Record<string, unknown>).historyHorizon = 'forever'; }, 'historyHorizon: "forever" is not a duration'],
    ['a unit opened in the UTC year −1', (c: ReturnType<typeof base>) => { c.nodes[1]!.opened = '0000-01-01T00:30:00+01:00'; }, 'nodes.1.opened: must be a time whose year in UTC has four digits'],
  ])('%s', (_name, change, expected) => {
    const config = base();
    change(config);
    expect(problems(config)).toContain(expected);
  });

  test('good detector settings and a horizon parse; the horizon defaults to 366 days', () => {
    const config = base();
    config.indicators[0]!.cyberstride = { warmup: 8, priors: { standard: 0.97, outlier: 0.01, step: 0.01, slope: 0.01 } };
    config.indicators[0]!.spc = { baseline: 12 };
    const parsed = configSchema.parse(config);
    expect(parsed.historyHorizon).toBe(366 * DAY);
    expect(parsed.indicators[0]!.cyberstride).toEqual({ warmup: 8, priors: { standard: 0.97, outlier: 0.01, step: 0.01, slope: 0.01 } });
    expect(configSchema.parse({ ...base(), historyHorizon: '30d' }).historyHorizon).toBe(30 * DAY);
  });
});
