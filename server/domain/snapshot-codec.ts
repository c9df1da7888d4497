import type { Forecast } from '../../shared/api';
import type { Engine } from './engine';
import { engineFromParts, SNAPSHOT_FORMAT, snapshotWith, type EngineSnapshot } from './snapshot';
import type { Point, SeriesState } from './state';

/**
 * The compact checkpoint: the engine's state as one byte string. A series' points and forecasts (three
 * quarters of a winter's state, 400 k small objects) are written as columns of float64 with a flag byte
 * each, so loading them parses no text; the rest is JSON. Exact: every double, null and absent field
 * comes back as it was (JSON would turn -0 into 0; these columns do not).
 *
 * Layout, little-endian: "OPSC", format, JSON byte length, point count, forecast count, 0 (six u32);
 * the JSON, padded to 8 bytes; points × 6 float64 (period, value, coverage, ts, num, den); forecasts ×
 * 8 float64 (period, forecast, lower, upper, pStandard, pOutlier, pStep, pSlope); a flag byte per point;
 * one per forecast.
 */
const MAGIC = 0x4353504f; // "OPSC" read as a little-endian u32
const HEADER_BYTES = 24;
const POINT_WORDS = 6;
const FORECAST_WORDS = 8;

const VALUE_NULL = 1;
const FINAL = 2;
const HAS_TS = 4;
const HAS_NUM = 8;
const HAS_DEN = 16;
const HAS_PROBABILITIES = 1;

type CompactSeries = Omit<SeriesState, 'points' | 'forecasts' | 'findings' | 'keys'> & {
  points: number;
  forecasts: number;
  findings: Array<[number, SeriesState['findings'] extends Map<number, infer F> ? F : never]>;
};

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the compact checkpoint is written little-endian; this machine is not');

export function encodeEngine(engine: Engine): Uint8Array {
  const { state } = engine;
  let pointCount = 0;
  let forecastCount = 0;
  const series: CompactSeries[] = [];
  for (const one of state.series.values()) {
    // Spread then overwritten in place, so each field keeps its order and a restored engine writes the same JSON.
    const { keys: _keys, ...copy } = one as SeriesState;
    series.push(Object.assign(copy, { points: one.points.size, forecasts: one.forecasts.size, findings: [...one.findings] }));
    pointCount += one.points.size;
    forecastCount += one.forecasts.size;
  }
  const meta = snapshotWith(engine, series);
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const jsonEnd = HEADER_BYTES + json.length;
  const pointsAt = Math.ceil(jsonEnd / 8) * 8;
  const forecastsAt = pointsAt + pointCount * POINT_WORDS * 8;
  const flagsAt = forecastsAt + forecastCount * FORECAST_WORDS * 8;
  const bytes = new Uint8Array(flagsAt + pointCount + forecastCount);
  new Uint32Array(bytes.buffer, 0, 6).set([MAGIC, SNAPSHOT_FORMAT, json.length, pointCount, forecastCount, 0]);
  bytes.set(json, HEADER_BYTES);
  const pointWords = new Float64Array(bytes.buffer, pointsAt, pointCount * POINT_WORDS);
  const forecastWords = new Float64Array(bytes.buffer, forecastsAt, forecastCount * FORECAST_WORDS);
  const flags = bytes.subarray(flagsAt);
  let p = 0;
  let f = 0;
  let flag = 0;
  for (const one of state.series.values()) {
    for (const [period, point] of one.points) {
      pointWords[p] = period;
      pointWords[p + 1] = point.value ?? 0;
      pointWords[p + 2] = point.coverage;
      pointWords[p + 3] = point.ts ?? 0;
      pointWords[p + 4] = point.num ?? 0;
      pointWords[p + 5] = point.den ?? 0;
      p += POINT_WORDS;
      flags[flag++] = (point.value === null ? VALUE_NULL : 0) | (point.final ? FINAL : 0) | (point.ts !== undefined ? HAS_TS : 0) | (point.num !== undefined ? HAS_NUM : 0) | (point.den !== undefined ? HAS_DEN : 0);
    }
  }
  for (const one of state.series.values()) {
    for (const [period, forecast] of one.forecasts) {
      const probabilities = forecast.pStandard !== undefined;
      forecastWords[f] = period;
      forecastWords[f + 1] = forecast.forecast;
      forecastWords[f + 2] = forecast.lower;
      forecastWords[f + 3] = forecast.upper;
      forecastWords[f + 4] = forecast.pStandard ?? 0;
      forecastWords[f + 5] = forecast.pOutlier ?? 0;
      forecastWords[f + 6] = forecast.pStep ?? 0;
      forecastWords[f + 7] = forecast.pSlope ?? 0;
      f += FORECAST_WORDS;
      flags[flag++] = probabilities ? HAS_PROBABILITIES : 0;
    }
  }
  return bytes;
}

/** Whether these bytes are a compact checkpoint of the current format (an older or foreign one is not loaded). */
export function isCompactCheckpoint(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return header.getUint32(0, true) === MAGIC && header.getUint32(4, true) === SNAPSHOT_FORMAT;
}

/** Node's Buffer decodes UTF-8 several times faster than its TextDecoder (18 MB of a winter: about 40 ms against 100). */
const utf8 = (bytes: Uint8Array): string =>
  typeof Buffer === 'undefined' ? new TextDecoder().decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');

export function decodeEngine(input: Uint8Array): Engine {
  if (!isCompactCheckpoint(input)) throw new Error(`not a compact checkpoint of format ${SNAPSHOT_FORMAT}`);
  // Float64Array needs an 8-byte-aligned offset; a blob read from SQLite may sit anywhere in its buffer.
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  const [, , jsonLength, pointCount, forecastCount] = new Uint32Array(bytes.buffer, bytes.byteOffset, 6) as unknown as number[];
  const meta = JSON.parse(utf8(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength!))) as Omit<EngineSnapshot, 'state'> & { state: Omit<EngineSnapshot['state'], 'series'> & { series: CompactSeries[] } };
  const pointsAt = bytes.byteOffset + Math.ceil((HEADER_BYTES + jsonLength!) / 8) * 8;
  const forecastsAt = pointsAt + pointCount! * POINT_WORDS * 8;
  const pointWords = new Float64Array(bytes.buffer, pointsAt, pointCount! * POINT_WORDS);
  const forecastWords = new Float64Array(bytes.buffer, forecastsAt, forecastCount! * FORECAST_WORDS);
  const flags = new Uint8Array(bytes.buffer, forecastsAt + forecastCount! * FORECAST_WORDS * 8, pointCount! + forecastCount!);
  let p = 0;
  let flag = 0;
  const points = meta.state.series.map((one) => {
    const map = new Map<number, Point>();
    for (let i = 0; i < one.points; i++, p += POINT_WORDS) map.set(pointWords[p]!, pointOf(pointWords, p, flags[flag++]!));
    return map;
  });
  let f = 0;
  const series = meta.state.series.map((one, i): SeriesState => {
    const forecasts = new Map<number, Forecast>();
    for (let k = 0; k < one.forecasts; k++, f += FORECAST_WORDS) forecasts.set(forecastWords[f]!, forecastOf(forecastWords, f, flags[flag++]!));
    return { ...one, points: points[i]!, forecasts, findings: new Map(one.findings) };
  });
  return engineFromParts(meta, series);
}

function pointOf(words: Float64Array, at: number, flags: number): Point {
  const point: Point = { value: flags & VALUE_NULL ? null : words[at + 1]!, coverage: words[at + 2]!, final: (flags & FINAL) !== 0 };
  if (flags & HAS_TS) point.ts = words[at + 3]!;
  if (flags & HAS_NUM) point.num = words[at + 4]!;
  if (flags & HAS_DEN) point.den = words[at + 5]!;
  return point;
}

function forecastOf(words: Float64Array, at: number, flags: number): Forecast {
  const forecast: Forecast = { forecast: words[at + 1]!, lower: words[at + 2]!, upper: words[at + 3]! };
  if (flags & HAS_PROBABILITIES) {
    forecast.pStandard = words[at + 4]!;
    forecast.pOutlier = words[at + 5]!;
    forecast.pStep = words[at + 6]!;
    forecast.pSlope = words[at + 7]!;
  }
  return forecast;
}
