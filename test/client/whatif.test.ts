import type { Episode } from '../../shared/api';
import { liveThresholdWords, differenceLine, headline, highestHeld, levelBars, liveAllowances, outcomeWords, policyFromDraft, thresholdsFromDraft, windowText } from '../../client/state/whatif';

const LEVELS = ['national', 'region', 'district', 'unit'];
const H = 3_600_000;
const LIVE = { unit: 4 * H, district: 24 * H, region: 48 * H };
const levelOf = (id: string) => ({ ENG: 'national', R1: 'region', D1: 'district' })[id] ?? 'unit';

describe('the policy a planner typed', () => {
  it.each<[string, Record<string, string>, ReturnType<typeof policyFromDraft>]>([
    ['nothing typed: the live policy itself', {}, { ok: true, policy: {}, changed: [] }],
    ['a longer unit window', { unit: '8h' }, { ok: true, policy: { allowances: { unit: '8h' } }, changed: ['unit'] }],
    // Typing the live value again changes nothing, so the answer does not claim a change.
    ['the live value again is no change', { unit: '4h', district: ' 2d ' }, { ok: true, policy: { allowances: { district: '2d' } }, changed: ['district'] }],
    ['blank is the live window', { unit: '  ' }, { ok: true, policy: {}, changed: [] }],
    // A window that is not a duration is refused naming its level, and nothing is sent.
    ['not a duration', { region: 'two days' }, { ok: false, level: 'region', message: '"two days" is not a window: write a number and one of m, h, d (4h, 2d)' }],
  ])('%s', (_why, draft, expected) => {
    expect(policyFromDraft(draft, LIVE, LEVELS)).toEqual(expected);
  });

  it.each<[string, { alert: string; crisis: string }, 'higher' | 'lower', ReturnType<typeof thresholdsFromDraft>]>([
    ['nothing typed: no change', { alert: '', crisis: ' ' }, 'lower', { ok: true, thresholds: null }],
    ['both bounds, lower is better', { alert: '0.97', crisis: '0.99' }, 'lower', { ok: true, thresholds: { alert: 0.97, crisis: 0.99 } }],
    // Only the bound typed is sent: the other stays as the live policy has it.
    ['the alert bound alone', { alert: '0.9', crisis: '' }, 'lower', { ok: true, thresholds: { alert: 0.9 } }],
    ['higher is better', { alert: '0.8', crisis: '0.7' }, 'higher', { ok: true, thresholds: { alert: 0.8, crisis: 0.7 } }],
    // A crisis bound on the good side of the alert bound could never be reached before the alert: refused, naming it.
    ['crisis on the wrong side', { alert: '0.97', crisis: '0.9' }, 'lower', { ok: false, field: 'crisis', message: 'the crisis bound must be at or above the alert bound (lower is better)' }],
    ['not a number', { alert: 'high', crisis: '' }, 'lower', { ok: false, field: 'alert', message: '"high" is not a number' }],
  ])('thresholds: %s', (_why, typed, better, expected) => {
    expect(thresholdsFromDraft({ indicator: 'beds', ...typed }, better)).toEqual(expected);
  });

  test('the live thresholds in words, one set or per level', () => {
    expect(liveThresholdWords({ indicators: [{ id: 'beds', thresholds: { alert: 0.95, crisis: 1 } }] }, 'beds')).toBe('alert 0.95, crisis 1');
    expect(liveThresholdWords({ indicators: [{ id: 'beds', thresholds: { unit: { alert: 0.95 }, district: { alert: 0.9, crisis: 0.97 } } }] }, 'beds')).toBe('unit: alert 0.95; district: alert 0.9, crisis 0.97');
    expect(liveThresholdWords({ indicators: [{ id: 'beds' }] }, 'beds')).toBeNull();
  });

  test('thresholds go into the policy beside the windows', () => {
    expect(policyFromDraft({ unit: '8h' }, LIVE, LEVELS, { indicator: 'beds', bounds: { alert: 0.97 } })).toEqual({
      ok: true, policy: { allowances: { unit: '8h' }, indicators: { beds: { thresholds: { alert: 0.97 } } } }, changed: ['unit', 'beds thresholds'],
    });
  });

  test('the live windows, from a logged configuration in milliseconds or text', () => {
    expect(liveAllowances({ allowances: { unit: 14_400_000, district: '1d', region: 'nonsense' } })).toEqual({ unit: 4 * H, district: 24 * H });
    expect(liveAllowances({})).toEqual({});
  });

  it.each<[number | undefined, string]>([
    [4 * H, '4h'],
    [48 * H, '2d'],
    [90 * 60_000, '90m'],
    [undefined, ''],
  ])('a window of %s ms is written %s, which reads back', (ms, text) => {
    expect(windowText(ms)).toBe(text);
  });
});

const run = (settledAt: Record<string, number>, open: number, reachedLevel: Record<string, number>) => ({ opened: 0, settledAt, open, reachedTop: reachedLevel.national ?? 0, reachedLevel, timeToSettle: {} });

describe('the two runs side by side', () => {
  test('bars from the units up, then what is still open', () => {
    const result = { live: run({ unit: 5, district: 3 }, 1, {}), whatif: run({ unit: 8 }, 1, {}) };
    expect(levelBars(result, LEVELS)).toEqual([
      { label: 'unit', live: 5, whatif: 8 },
      { label: 'district', live: 3, whatif: 0 },
      { label: 'region', live: 0, whatif: 0 },
      { label: 'national', live: 0, whatif: 0 },
      { label: 'still open', live: 1, whatif: 1 },
    ]);
  });

  it.each<[string, Record<string, number>, Record<string, number>, number, string]>([
    ['no difference', { district: 2 }, { district: 2 }, 0, 'The same episodes, settled at the same levels: the change makes no difference in this span.'],
    // The highest level that changed is the headline: it is what the level above hears.
    ['fewer reach the district', { district: 3, unit: 9 }, { district: 1, unit: 9 }, 2, '2 fewer reached the district (3 live, 1 in the what-if).'],
    ['more reach the region', { region: 1 }, { region: 4 }, 3, '3 more reached the region (1 live, 4 in the what-if).'],
    ['one difference that does not climb', { unit: 3 }, { unit: 3 }, 1, '1 episode differs, not in how high it climbed.'],
    ['several', { unit: 3 }, { unit: 3 }, 4, '4 episodes differ, none in how high they climbed.'],
  ])('%s', (_why, live, whatif, count, words) => {
    expect(headline({ live: run({}, 0, live), whatif: run({}, 0, whatif), differenceCount: count }, LEVELS)).toBe(words);
  });
});

const episode = (over: Partial<Episode>): Episode =>
  ({ id: 'E1', node: 'U1', indicator: 'beds', openedAt: '2023-01-10T09:00:00.000Z', status: 'resolved', holder: 'U1', holderLevel: 'unit', resolvedLevel: 'unit', path: [{ type: 'opened', at: '2023-01-10T09:00:00.000Z', holder: 'U1' }], ...over }) as Episode;
const climbed = episode({
  holder: 'D1', holderLevel: 'district', resolvedLevel: 'district',
  path: [{ type: 'opened', at: '2023-01-10T09:00:00.000Z', holder: 'U1' }, { type: 'escalated', at: '2023-01-10T13:00:00.000Z', from: 'U1', to: 'D1', reason: 'deadline' }],
});

describe('a difference in words', () => {
  it.each<[string, Episode | null, string]>([
    ['settled where it arose', episode({}), 'settled by the unit'],
    ['settled after climbing', climbed, 'settled by the district'],
    ['still open', episode({ status: 'open', resolvedLevel: null, holder: 'D1', holderLevel: 'district' }), 'still open, held by the district'],
    ['absent from the run', null, 'not opened'],
  ])('%s', (_why, ep, words) => {
    expect(outcomeWords(ep, levelOf)).toBe(words);
  });

  test('the highest level held, from the path', () => {
    expect(highestHeld(episode({}), LEVELS, levelOf)).toBe('unit');
    expect(highestHeld(climbed, LEVELS, levelOf)).toBe('district');
  });

  test('one line: the problem once, its outcome in each run', () => {
    const line = differenceLine(
      { key: 'U1|beds|pain|x', kind: 'settled-elsewhere', live: climbed, whatif: episode({}) },
      { nameOf: (id) => (id === 'U1' ? 'Leeds' : id), labelOf: () => 'G&A beds', levelOf, levels: LEVELS },
    );
    expect(line).toEqual({ key: 'U1|beds|pain|x', title: 'G&A beds at Leeds, from 2023-01-10 09:00', live: 'settled by the district', whatif: 'settled by the unit' });
  });
});
