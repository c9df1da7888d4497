import { whatifPolicySchema } from '../../shared/contract/planning';
import { applyWhatifPolicy } from '../../server/domain/whatif-policy';
import { testConfig } from '../helpers/network';

const config = testConfig();
/** Occupancy with windows of its own, as the NHS indicators have. */
const withOwn = testConfig({}, { occ: { allowances: { unit: '2h', district: '2h' } } });
const H = 3_600_000;
const load = (out: ReturnType<typeof applyWhatifPolicy>) => (out.ok ? out.config.indicators.find((i) => i.id === 'load')! : null);

/** The configuration a what-if runs under: the live one with the planner's changes on top. */
describe('applyWhatifPolicy', () => {
  test.each<[string, unknown, (out: ReturnType<typeof applyWhatifPolicy>) => unknown, unknown]>([
    // Nothing asked: the live configuration, and nothing to change (the run then reproduces the live one).
    ['an empty policy', {}, (out) => out.ok && out.changed, false],
    // The same window as live is no change either.
    ['the live window again', { allowances: { unit: '4h' } }, (out) => out.ok && out.changed, false],
    // A level's window replaces that level's only; the others stay.
    ['a longer unit window', { allowances: { unit: '8h' } }, (out) => out.ok && out.config.allowances, { unit: 8 * H, district: 8 * H, region: 24 * H }],
    // Thresholds by level replace those levels; the other levels keep theirs.
    ['unit thresholds', { indicators: { load: { thresholds: { unit: { alert: 15, crisis: 25 } } } } }, (out) => (load(out)!.thresholds as Record<string, unknown>).unit, { alert: 15, crisis: 25 }],
    ['district thresholds kept', { indicators: { load: { thresholds: { unit: { alert: 15, crisis: 25 } } } } }, (out) => (load(out)!.thresholds as Record<string, unknown>).district, { alert: 20, crisis: 40, clear: 16 }],
    // One object is every level at once.
    ['thresholds for every level', { indicators: { load: { thresholds: { alert: 50, crisis: 90 } } } }, (out) => load(out)!.thresholds, { alert: 50, crisis: 90 }],
    // Detectors replace the list; an indicator's own windows merge with (and win over) the level's.
    ['detectors', { indicators: { load: { detectors: ['spc'] } } }, (out) => load(out)!.detectors, ['spc']],
    ['an indicator window', { indicators: { load: { allowances: { district: '1h' } } } }, (out) => load(out)!.allowances, { district: H }],
    // Names the configuration does not have are refused naming the field as the body wrote it.
    ['an unknown indicator', { indicators: { beds: { detectors: ['spc'] } } }, (out) => !out.ok && out.issues.map((i) => i.path), ['policy.indicators.beds']],
    ['an unknown level', { allowances: { ward: '2h' } }, (out) => !out.ok && out.issues.map((i) => i.path), ['policy.allowances.ward']],
    ['an unknown level of an indicator window', { indicators: { load: { allowances: { ward: '2h' } } } }, (out) => !out.ok && out.issues.map((i) => i.path), ['policy.indicators.load.allowances.ward']],
    ['an unknown level of thresholds', { indicators: { load: { thresholds: { ward: { alert: 1 } } } } }, (out) => !out.ok && out.issues.map((i) => i.path), ['policy.indicators.load.thresholds.ward']],
    // A merged configuration its own checks refuse: a crisis below the alert on lower-is-better.
    ['thresholds out of order', { indicators: { load: { thresholds: { unit: { alert: 30, crisis: 20 } } } } }, (out) => !out.ok && out.issues.map((i) => i.path), ['policy.indicators.load.thresholds.unit.crisis']],
  ])('%s', (_why, body, pick, expected) => {
    const policy = whatifPolicySchema.parse(body);
    expect(pick(applyWhatifPolicy(config, policy))).toEqual(expected);
  });

  test.each<[string, unknown, unknown]>([
    // A longer unit window is longer for every indicator, one with a unit window of its own too.
    ['a level window over an indicator\'s own', { allowances: { unit: '8h' } }, { unit: 8 * H, district: 2 * H }],
    // An indicator's own change wins over the level's.
    ['both', { allowances: { unit: '8h' }, indicators: { occ: { allowances: { unit: '6h' } } } }, { unit: 6 * H, district: 2 * H }],
  ])('an indicator with windows of its own: %s', (_why, body, expected) => {
    const out = applyWhatifPolicy(withOwn, whatifPolicySchema.parse(body));
    expect(out.ok && out.config.indicators.find((i) => i.id === 'occ')!.allowances).toEqual(expected);
  });

  test('leaves the configuration it was given as it was', () => {
    const before = JSON.stringify(config);
    applyWhatifPolicy(config, whatifPolicySchema.parse({ allowances: { unit: '8h' }, indicators: { load: { detectors: ['spc'] } } }));
    expect(JSON.stringify(config)).toBe(before);
  });
});
