import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HYPOTHESES, runCyberstride, westHarrisonSettings } from '../../../server/domain/detectors/cyberstride';

// CI keeps shared/ beside the clone: <repo>/../shared/data.
const csv = readFileSync(path.resolve(__dirname, '../../../../shared/data/cp6.csv'), 'utf8');
const rows = csv.trim().split('\n').slice(1).map((line) => line.split(','));
const months = rows.map(([month]) => month!);
const sales = rows.map(([, value]) => Number(value));

const flaggedMonths = (run: ReturnType<typeof runCyberstride>) =>
  run.periods.filter((p) => p.pStandard !== null && p.pStandard < 0.5).map((p) => months[p.index]);

/** The hypothesis with the highest probability one period back (given the next month). */
const lookingBack = (run: ReturnType<typeof runCyberstride>, month: string) => {
  const back = run.periods[months.indexOf(month)]!.retrospective!;
  return HYPOTHESES[back.indexOf(Math.max(...back))];
};

describe('CP6 sales (West & Harrison, table 11.1)', () => {
  test('has the 60 months', () => {
    expect(sales).toHaveLength(60);
    expect(sales.every(Number.isFinite)).toBe(true);
  });

  describe("with West & Harrison's settings", () => {
    const run = runCyberstride(sales, westHarrisonSettings);

    test('flags Dec 1955, Jan 1957 and Jan 1958 and no other month', () => {
      expect(flaggedMonths(run)).toEqual(['1955-12', '1957-01', '1958-01']);
    });

    test('one month back: Dec 1955 and Jan 1957 were outliers, Jan 1958 a change in level', () => {
      expect(lookingBack(run, '1955-12')).toBe('outlier');
      expect(lookingBack(run, '1957-01')).toBe('outlier');
      expect(lookingBack(run, '1958-01')).toBe('step');
    });

    test('at least 50 of the 60 months are normal, now and one month on', () => {
      const normal = run.periods.filter((p) => {
        const back = p.retrospective;
        return p.pStandard! >= 0.5 && (back === null || back[0] === Math.max(...back));
      });
      expect(normal.length).toBeGreaterThanOrEqual(50);
    });

    test('forecasts every month, the value inside its 90 % interval in most months', () => {
      const inside = run.periods.filter((p) => p.lower! <= p.value! && p.value! <= p.upper!);
      expect(run.periods.every((p) => p.forecast !== null && p.lower! < p.forecast! && p.forecast! < p.upper!)).toBe(true);
      expect(inside.length).toBeGreaterThanOrEqual(48);
    });
  });

  describe('with the default settings (no tuning to this series)', () => {
    const run = runCyberstride(sales);

    test('flags the same three months', () => {
      expect(flaggedMonths(run)).toEqual(['1955-12', '1957-01', '1958-01']);
    });

    test('calls Dec 1955 an outlier and finds the level rises of Jan 1957 and Jan 1958', () => {
      expect(run.outliers.map((i) => months[i])).toEqual(['1955-12']);
      expect(run.changePoints.map((i) => months[i])).toEqual(['1957-01', '1958-01']);
    });
  });
});
