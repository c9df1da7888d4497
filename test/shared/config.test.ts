import { configSchema, describeConfigError, parseConfig } from '../../shared/config';
import { parseDuration } from '../../shared/duration';
import { loadConfigFile } from '../../server/config';
import { resolve } from 'node:path';

const base = () => ({
  name: 'n',
  levels: ['national', 'region', 'unit'],
  allowances: { unit: '4h', region: '1d' },
  indicators: [
    { id: 'occupied', label: 'Occupied', better: 'lower', period: '1d' },
    { id: 'open', label: 'Open', better: 'higher', period: '1d' },
    { id: 'occ', label: 'Occupancy', better: 'lower', period: '1d', ratio: { numerator: 'occupied', denominator: 'open' }, thresholds: { alert: 0.95, crisis: 0.99, clear: 0.94 } },
  ] as Array<Record<string, unknown>>,
  nodes: [
    { id: 'ENG', name: 'England', level: 'national' },
    { id: 'R', name: 'Region', level: 'region', parent: 'ENG' },
    { id: 'U', name: 'Unit', level: 'unit', parent: 'R' },
  ] as Array<Record<string, unknown>>,
});

const problems = (config: unknown) => {
  const result = configSchema.safeParse(config);
  return result.success ? '' : describeConfigError(result.error);
};

describe('the configuration', () => {
  test('the example configurations in data/ are valid', () => {
    for (const file of ['example.json', 'example-daily.json', 'fast.json']) {
      expect(() => loadConfigFile(resolve(__dirname, '../../data', file))).not.toThrow();
    }
  });

  test('durations are parsed to milliseconds', () => {
    expect([parseDuration('500ms'), parseDuration('30s'), parseDuration('5m'), parseDuration('4h'), parseDuration('1d')]).toEqual([500, 30_000, 300_000, 14_400_000, 86_400_000]);
    expect([parseDuration('4 hours'), parseDuration('-1h'), parseDuration('0s'), parseDuration('h')]).toEqual([null, null, null, null]);
    expect(parseConfig(base()).indicators[0]!.period).toBe(86_400_000);
  });

  test.each([
    // Not given: UTC, so periods start where they always have.
    [undefined, 'UTC'],
    // What the NHS import writes.
    ['Europe/London', 'Europe/London'],
    // East of UTC, on a half hour.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    // Written as given: Intl accepts any case, and the name is kept as written.
    ['europe/london', 'europe/london'],
  ])('the time zone %s is kept as %s', (timeZone, expected) => {
    expect(parseConfig({ ...base(), timeZone }).timeZone).toBe(expected);
  });

  test('a unit may open per indicator (a collection it joined later)', () => {
    const config = base();
    config.nodes[2]!.opened = { open: '2026-01-01T00:00:00Z' };
    expect(parseConfig(config).nodes[2]!.opened).toEqual({ open: '2026-01-01T00:00:00Z' });
  });

  test('a parsed configuration parses again to itself', () => {
    const once = parseConfig(base());
    expect(parseConfig(once)).toEqual(once);
  });

  test.each([
    ['unknown parent', (c: ReturnType<typeof base>) => { c.nodes[2]!.parent = 'NOPE'; }, 'nodes.2.parent: unknown parent "NOPE"'],
    // Only units post, so only units go silent or close.
    ['noReport on a ratio', (c: ReturnType<typeof base>) => { c.indicators[2]!.noReport = '1h'; }, 'indicators.2.noReport: a derived (ratio) indicator is never posted'],
    ['a region that closes', (c: ReturnType<typeof base>) => { c.nodes[1]!.closed = '2026-01-01T00:00:00Z'; }, 'nodes.1.closed: only a unit closes'],
    ['a closing time that is not a time', (c: ReturnType<typeof base>) => { c.nodes[2]!.closed = 'soon'; }, 'nodes.2.closed: must be an ISO 8601 time'],
    // What a unit reports must name indicators it could post: a ratio is derived, a region posts nothing.
    ['reports on a region', (c: ReturnType<typeof base>) => { c.nodes[1]!.reports = ['open']; }, 'nodes.1.reports: only a unit reports'],
    ['reports naming an unknown indicator', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = ['beds']; }, 'nodes.2.reports.0: "beds" is not an indicator'],
    ['reports naming a ratio', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = ['open', c.indicators[2]!.id]; }, 'nodes.2.reports.1: "occ" is derived (occupied / open); list its parts'],
    ['reports naming one twice', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = ['open', 'open']; }, 'nodes.2.reports.1: "open" is listed twice'],
    ['reports listing nothing', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = []; }, 'nodes.2.reports: list at least one indicator'],
    ['a region that opens', (c: ReturnType<typeof base>) => { c.nodes[1]!.opened = '2026-01-01T00:00:00Z'; }, 'nodes.1.opened: only a unit opens'],
    // Closing before opening would leave a unit never expected: surely a slip.
    ['a unit that closes before it opens', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = '2026-02-01T00:00:00Z'; c.nodes[2]!.closed = '2026-01-01T00:00:00Z'; }, 'nodes.2.closed: closes (2026-01-01T00:00:00Z) before it opens'],
    // Per indicator: what a unit could post and does report; a ratio opens with its parts.
    ['opened for an unknown indicator', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = { beds: '2026-01-01T00:00:00Z' }; }, 'nodes.2.opened.beds: "beds" is not an indicator'],
    ['opened for a ratio', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = { occ: '2026-01-01T00:00:00Z' }; }, 'nodes.2.opened.occ: "occ" is derived (occupied / open); open its parts'],
    ['opened for one it does not report', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = ['open']; c.nodes[2]!.opened = { occupied: '2026-01-01T00:00:00Z' }; }, 'nodes.2.opened.occupied: "occupied" is not in this unit\'s reports (open)'],
    ['opened for one indicator after it closes', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = { open: '2026-02-01T00:00:00Z' }; c.nodes[2]!.closed = '2026-01-01T00:00:00Z'; }, 'nodes.2.opened.open: closes (2026-01-01T00:00:00Z) before it opens (2026-02-01T00:00:00Z)'],
    ['opened per indicator with a time that is not a time', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = { open: 'soon' }; }, 'nodes.2.opened'],
    ['opened as an empty object', (c: ReturnType<typeof base>) => { c.nodes[2]!.opened = {}; }, 'nodes.2.opened: name at least one indicator'],
    // Paused stretches: of a unit, of an indicator it could post and reports, ending after they start.
    ['paused on a region', (c: ReturnType<typeof base>) => { c.nodes[1]!.paused = { open: [{ from: '2026-01-01T00:00:00Z' }] }; }, 'nodes.1.paused: only a unit pauses'],
    ['paused for a ratio', (c: ReturnType<typeof base>) => { c.nodes[2]!.paused = { occ: [{ from: '2026-01-01T00:00:00Z' }] }; }, 'nodes.2.paused.occ: "occ" is derived (occupied / open); pause its parts'],
    ['paused for one it does not report', (c: ReturnType<typeof base>) => { c.nodes[2]!.reports = ['open']; c.nodes[2]!.paused = { occupied: [{ from: '2026-01-01T00:00:00Z' }] }; }, 'nodes.2.paused.occupied: "occupied" is not in this unit\'s reports (open)'],
    ['a pause that ends before it starts', (c: ReturnType<typeof base>) => { c.nodes[2]!.paused = { open: [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }] }; }, 'nodes.2.paused.open.0.to: ends (2026-01-01T00:00:00Z) before it starts (2026-02-01T00:00:00Z)'],
    ['a pause with no stretch', (c: ReturnType<typeof base>) => { c.nodes[2]!.paused = { open: [] }; }, 'nodes.2.paused.open: list at least one stretch'],
    ['cycle', (c: ReturnType<typeof base>) => { c.nodes.push({ id: 'A', name: 'A', level: 'region', parent: 'B' }, { id: 'B', name: 'B', level: 'region', parent: 'A' }); }, 'nodes.3.parent: cycle: A -> B -> A'],
    ['level that does not exist', (c: ReturnType<typeof base>) => { c.nodes[2]!.level = 'ward'; }, 'nodes.2.level: "ward" is not a level'],
    ['duplicate node id', (c: ReturnType<typeof base>) => { c.nodes.push({ id: 'U', name: 'again', level: 'unit', parent: 'R' }); }, 'nodes.3.id: duplicate node id "U"'],
    ['parent on the wrong level', (c: ReturnType<typeof base>) => { c.nodes[2]!.parent = 'ENG'; }, 'nodes.2.parent: node "U" (unit) has parent "ENG" on level "national"; its parent must be on level "region"'],
    ['ratio naming an unknown indicator', (c: ReturnType<typeof base>) => { c.indicators[2]!.ratio = { numerator: 'occupied', denominator: 'beds' }; }, 'indicators.2.ratio.denominator: "beds" is not an indicator'],
    ['bad duration', (c: ReturnType<typeof base>) => { c.indicators[0]!.period = '1 day'; }, 'indicators.0.period: "1 day" is not a duration'],
    ['bad allowance duration', (c: ReturnType<typeof base>) => { c.allowances.unit = 'soon'; }, 'allowances.unit: "soon" is not a duration'],
    ['thresholds in the wrong order (lower is better)', (c: ReturnType<typeof base>) => { c.indicators[2]!.thresholds = { alert: 0.99, crisis: 0.95 }; }, 'indicators.2.thresholds.crisis: crisis (0.95) must be at or above alert (0.99) when lower is better'],
    ['clear beyond alert', (c: ReturnType<typeof base>) => { c.indicators[2]!.thresholds = { alert: 0.95, clear: 0.97 }; }, 'indicators.2.thresholds.clear: clear (0.97) must not be above alert (0.95) when lower is better'],
    ['thresholds in the wrong order (higher is better), per level', (c: ReturnType<typeof base>) => { c.indicators[1]!.thresholds = { unit: { alert: 10, crisis: 20 } }; }, 'indicators.1.thresholds.unit.crisis: crisis (20) must be at or below alert (10) when higher is better'],
    ['thresholds for an unknown level', (c: ReturnType<typeof base>) => { c.indicators[1]!.thresholds = { ward: { alert: 10 } }; }, 'indicators.1.thresholds.ward: "ward" is not a level'],
    ['duplicate indicator', (c: ReturnType<typeof base>) => { c.indicators.push({ id: 'open', label: 'x', better: 'higher', period: '1d' }); }, 'indicators.3.id: duplicate indicator id "open"'],
    ['two top nodes', (c: ReturnType<typeof base>) => { c.nodes.push({ id: 'WAL', name: 'Wales', level: 'national' }); }, 'nodes: there must be exactly one top node'],
    ['a period that rounds to nothing', (c: ReturnType<typeof base>) => { c.indicators[0]!.period = '0.4ms'; }, 'indicators.0.period: "0.4ms" is not a duration'],
    ['an absurd allowance', (c: ReturnType<typeof base>) => { c.allowances.unit = '100000000d'; }, 'allowances.unit: "100000000d" is not a duration'],
    ['an allowance for the top level', (c: ReturnType<typeof base>) => { (c.allowances as Record<string, string>).national = '1h'; }, 'allowances.national: "national" is the top level'],
    ['a misspelt time zone', (c: ReturnType<typeof base>) => { (c as Record<string, unknown>).timeZone = 'Europe/Londn'; }, 'timeZone: unknown time zone "Europe/Londn" (use an IANA name such as Europe/London)'],
    ['"local" (the server’s own zone is not a setting)', (c: ReturnType<typeof base>) => { (c as Record<string, unknown>).timeZone = 'local'; }, 'timeZone: unknown time zone "local"'],
    ['an empty time zone', (c: ReturnType<typeof base>) => { (c as Record<string, unknown>).timeZone = ''; }, 'timeZone: unknown time zone ""'],
    ['unknown key', (c: ReturnType<typeof base>) => { (c as Record<string, unknown>).allowance = {}; }, 'Unrecognized key: "allowance"'],
  ])('%s is refused, naming the place', (_name, breakIt, message) => {
    const config = base();
    breakIt(config);
    expect(problems(config)).toContain(message);
    expect(() => parseConfig(config, 'the configuration x.json')).toThrow(/the configuration x\.json is not valid/);
  });
});
