import { engineFromSnapshot, snapshotOf } from '../../server/domain/snapshot';
import { decodeEngine, encodeEngine, isCompactCheckpoint } from '../../server/domain/snapshot-codec';
import { Engine } from '../../server/domain/engine';
import { at, reading, testConfig } from '../helpers/network';

/** An engine whose state holds what the columns must carry exactly: raw readings with their ts, nulls, -0, and forecasts. */
function busyEngine(): Engine {
  // Cyberstride on load writes forecasts with their probabilities; SPC on the ratio writes bands without them.
  const engine = new Engine(testConfig({}, { load: { detectors: ['threshold', 'cyberstride'] }, occ: { detectors: ['threshold', 'spc'] } }), 1);
  for (let hour = 0; hour < 30; hour++) {
    engine.step({ type: 'readings', readings: [
      reading('U1', 'load', hour, hour === 20 ? 40 : 1 + (hour % 3)), reading('U2', 'load', hour, hour % 2 === 0 ? -0 : 2.5),
      reading('U1', 'occupied', hour, 90 + (hour % 5)), reading('U1', 'open', hour, 100),
      reading('U3', 'occupied', hour, hour === 3 ? 0 : 8), reading('U3', 'open', hour, hour === 3 ? 0 : 10), // 0 of 0: a null ratio
    ] }, at(hour) + 60_000);
  }
  engine.advance(at(31));
  return engine;
}

const json = (engine: Engine) => JSON.stringify(snapshotOf(engine));

describe('the compact checkpoint', () => {
  test('an engine written and read back is the same engine: the same snapshot, and the same effects from the same next input', () => {
    const engine = busyEngine();
    const restored = decodeEngine(encodeEngine(engine));
    expect(json(restored)).toBe(json(engine));
    const next = { type: 'readings' as const, readings: [reading('U1', 'load', 31, 50), reading('U2', 'load', 31, 1)] };
    expect(restored.step(next, at(31) + 60_000).effects).toEqual(engine.step(next, at(31) + 60_000).effects);
    expect(json(restored)).toBe(json(engine));
  });

  test('every field of a point and a forecast comes back as it was, absent fields absent, -0 still -0', () => {
    const engine = busyEngine();
    const series = [...engine.state.series.values()];
    const restored = [...decodeEngine(encodeEngine(engine)).state.series.values()];
    // The columns are really exercised: forecasts with and without probabilities, ratio parts, a null value.
    const forecasts = series.flatMap((one) => [...one.forecasts.values()]);
    expect(forecasts.some((forecast) => forecast.pStandard !== undefined) && forecasts.some((forecast) => forecast.pStandard === undefined)).toBe(true);
    const points = series.flatMap((one) => [...one.points.values()]);
    expect(points.some((point) => point.num !== undefined) && points.some((point) => point.value === null) && points.some((point) => point.ts !== undefined)).toBe(true);
    restored.forEach((one, i) => {
      expect([...one.points]).toStrictEqual([...series[i]!.points]);
      expect([...one.forecasts]).toStrictEqual([...series[i]!.forecasts]);
    });
    const zero = [...engine.state.series.values()].flatMap((one) => [...one.points.values()]).find((point) => Object.is(point.value, -0));
    expect(zero).toBeDefined();
    const back = [...decodeEngine(encodeEngine(engine)).state.series.values()].flatMap((one) => [...one.points.values()]).filter((point) => Object.is(point.value, -0));
    expect(back.length).toBeGreaterThan(0);
  });

  test('it reads from a byte string at any offset (SQLite hands blobs back inside larger buffers)', () => {
    const engine = busyEngine();
    const bytes = encodeEngine(engine);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(json(decodeEngine(shifted.subarray(3)))).toBe(json(engine));
  });

  test.each([
    // The JSON text an older version wrote is not a compact checkpoint: it is ignored and the log replayed.
    { name: 'an old JSON snapshot', bytes: new TextEncoder().encode(JSON.stringify(snapshotOf(busyEngine()))) },
    // Too short to hold a header.
    { name: 'a few bytes', bytes: new Uint8Array([79, 80]) },
  ])('$name is refused, not misread', ({ bytes }) => {
    expect(isCompactCheckpoint(bytes)).toBe(false);
    expect(() => decodeEngine(bytes)).toThrow('not a compact checkpoint');
  });

  test('the JSON snapshot and the compact one restore the same engine', () => {
    const engine = busyEngine();
    expect(json(engineFromSnapshot(JSON.parse(json(engine))))).toBe(json(decodeEngine(encodeEngine(engine))));
  });
});
