import { settledBy, settledLine } from '../../client/state/settled-words';

const LEVELS = ['national', 'region', 'district', 'unit'];

describe('"Settled recently" in words', () => {
  test.each<{ total: number; byLevel: Record<string, number>; days: number; line: string }>([
    // The issue's own example: lowest level first, the units' share named as their own work.
    { total: 12, byLevel: { unit: 9, district: 2, region: 1 }, days: 7, line: 'Settled recently: 12 in the last 7 days — 9 settled by the units themselves, 2 by districts, 1 by a region' },
    // Nothing settled is said plainly, not left blank.
    { total: 0, byLevel: {}, days: 7, line: 'Settled recently: none in the last 7 days' },
    // One unit: singular, "itself".
    { total: 1, byLevel: { unit: 1 }, days: 1, line: 'Settled recently: 1 in the last day — 1 settled by the unit itself' },
    // Nothing by the units: "settled" moves to the first level that did settle some.
    { total: 3, byLevel: { district: 2, region: 1 }, days: 7, line: 'Settled recently: 3 in the last 7 days — 2 settled by districts, 1 by a region' },
    // The top is one node: it is named, not counted as "a national".
    { total: 2, byLevel: { unit: 1, national: 1 }, days: 7, line: 'Settled recently: 2 in the last 7 days — 1 settled by the unit itself, 1 by England' },
    // A level the hierarchy no longer has (settled under an older configuration) is still counted, last.
    { total: 2, byLevel: { unit: 1, icb: 1 }, days: 7, line: 'Settled recently: 2 in the last 7 days — 1 settled by the unit itself, 1 by an icb' },
  ])('$line', ({ total, byLevel, days, line }) => {
    expect(settledLine({ total, byLevel }, LEVELS, 'England', days)).toBe(line);
  });
});

describe('who settled one episode', () => {
  test.each([
    { level: 'unit', holder: 'Salford Royal', words: 'settled by Salford Royal itself' }, // the unit's own work
    { level: 'region', holder: 'North West', words: 'settled at the region, by North West' },
    { level: 'national', holder: 'England', words: 'settled at the top, by England' }, // the top is the top
    { level: null, holder: 'North West', words: 'settled' }, // an older record with no level
  ])('$words', ({ level, holder, words }) => {
    expect(settledBy(level, LEVELS, holder)).toBe(words);
  });
});
