/**
 * npm run --silent detect -- [--detector cyberstride|spc] FILE
 *
 * FILE: CSV with a header row and one value per row (with several columns the last is the value;
 * an empty cell is a missing value). Prints one JSON object:
 * {"changePoints": [...], "outliers": [...], "periods": [{index, value, pStandard, pOutlier, pStep, pSlope, forecast, lower, upper}]}
 * Bad arguments or a bad file: a message on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { runCyberstride } from '../server/domain/detectors/cyberstride';
import { spcChart } from '../server/domain/detectors/spc';

const USAGE = 'usage: detect [--detector cyberstride|spc] FILE';

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { detector: 'cyberstride' | 'spc'; file: string } {
  let detector = 'cyberstride';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--detector') {
      const next = argv[++i];
      if (next === undefined) throw new UsageError('--detector needs a value: cyberstride or spc');
      detector = next;
    } else if (arg.startsWith('--detector=')) detector = arg.slice('--detector='.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (detector !== 'cyberstride' && detector !== 'spc') throw new UsageError(`unknown detector "${detector}": use cyberstride or spc`);
  if (files.length !== 1) throw new UsageError(files.length ? `one FILE only, got ${files.length}` : 'FILE is missing');
  return { detector, file: files[0]! };
}

/** Fields of one CSV line: commas separate, double quotes quote, "" is a quote inside quotes. */
function fieldsOf(line: string, where: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new UsageError(`${where}: unclosed quote`);
  fields.push(field);
  return fields;
}

function readValues(file: string): (number | null)[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) throw new UsageError(`${file}: expected a header row and at least one value row`);
  return lines.slice(1).map((line, i) => {
    const where = `${file}:${i + 2}`;
    const cell = fieldsOf(line, where).pop()!.trim();
    if (cell === '') return null;
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new UsageError(`${where}: "${cell}" is not a number`);
    return value;
  });
}

function detect(detector: 'cyberstride' | 'spc', values: (number | null)[]) {
  if (detector === 'cyberstride') {
    const run = runCyberstride(values);
    const periods = run.periods.map(({ index, value, pStandard, pOutlier, pStep, pSlope, forecast, lower, upper }) => ({
      index, value, pStandard, pOutlier, pStep, pSlope, forecast, lower, upper,
    }));
    return { changePoints: run.changePoints, outliers: run.outliers, periods };
  }
  // Direction does not matter for where the patterns are; 'higher' is arbitrary here.
  const chart = spcChart(values, 'higher');
  // A new regime starts where a run or trend pattern starts, or where a run changes side.
  const inShift = (i: number) => chart.points[i]?.rules.run !== undefined || chart.points[i]?.rules.trend !== undefined;
  const changePoints = chart.points
    .filter((p) => inShift(p.index) && (!inShift(p.index - 1) || chart.points[p.index - 1]!.rules.run !== p.rules.run))
    .map((p) => p.index);
  const outliers = chart.points.filter((p) => p.rules.beyondLimits !== undefined && !inShift(p.index)).map((p) => p.index);
  const periods = chart.points.map(({ index, value, limits }) => ({
    index, value, pStandard: null, pOutlier: null, pStep: null, pSlope: null,
    forecast: limits?.mean ?? null, lower: limits?.lower ?? null, upper: limits?.upper ?? null,
  }));
  return { changePoints, outliers, periods };
}

try {
  const { detector, file } = parseArgs(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(detect(detector, readValues(file)))}\n`);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`detect: ${error.message}\n${USAGE}\n`);
  process.exit(2);
}
