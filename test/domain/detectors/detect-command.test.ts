import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { noise } from './random';

const repo = path.resolve(__dirname, '../../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'detect-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function detect(csv: string | null, ...args: string[]) {
  const file = path.join(dir, `series-${Math.random().toString(36).slice(2)}.csv`);
  if (csv !== null) writeFileSync(file, csv);
  const result = spawnSync('npx', ['tsx', 'scripts/detect.ts', ...args, csv === null ? path.join(dir, 'missing.csv') : file], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, file };
}

const step = noise(7, 80, 0, 1).map((e, i) => (500 + 10 * (e + (i >= 40 ? 6 : 0))).toFixed(2));

describe('npm run detect', () => {
  test('one column: change points, outliers and every period with its forecast', () => {
    const { status, stdout } = detect(`value\n${step.join('\n')}\n`);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(['changePoints', 'outliers', 'periods']);
    expect(out.changePoints).toEqual([40]);
    expect(out.periods).toHaveLength(80);
    expect(Object.keys(out.periods[50]).sort()).toEqual(['forecast', 'index', 'lower', 'pOutlier', 'pSlope', 'pStandard', 'pStep', 'upper', 'value'].sort());
    expect(out.periods[50].value).toBeCloseTo(Number(step[50]), 6);
  });

  test('several columns (the last is the value), quoted fields, CRLF and an empty cell', () => {
    const rows = step.map((v, i) => (i === 10 ? `2020-01-${i},"ward, north",` : `2020-01-${i},"ward, north",${v}`));
    const { status, stdout } = detect(`date,"unit, name",beds\r\n${rows.join('\r\n')}\r\n`);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.periods).toHaveLength(80);
    expect(out.periods[10]).toMatchObject({ index: 10, value: null, pStandard: null });
    expect(out.periods[11].value).toBeCloseTo(Number(step[11]), 6);
    expect(out.changePoints).toEqual([40]);
  });

  test('--detector spc: limits in forecast/lower/upper, no probabilities', () => {
    const { status, stdout } = detect(`value\n${step.join('\n')}\n`, '--detector', 'spc');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    const p = out.periods[60];
    expect(p).toMatchObject({ pStandard: null, pOutlier: null, pStep: null, pSlope: null });
    expect(p.lower).toBeLessThan(p.forecast);
    expect(p.forecast).toBeLessThan(p.upper);
    expect(out.changePoints.some((c: number) => c >= 40 && c <= 41)).toBe(true);
  });

  test.each([
    ['a missing file', null, [], /missing\.csv/],
    ['a value that is not a number', 'value\n1\n2\nabc\n', [], /:4: "abc" is not a number/],
    ['an unknown detector', 'value\n1\n', ['--detector', 'psychic'], /unknown detector "psychic"/],
    ['a header with no values', 'value\n', [], /at least one value row/],
  ] as const)('%s: a message naming it on stderr, exit code 2', (_name, csv, args, message) => {
    const { status, stdout, stderr } = detect(csv, ...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
