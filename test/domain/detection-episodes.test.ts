import { Engine } from '../../server/domain/engine';
import { listEpisodes, seriesView } from '../../server/domain/views';
import { at, reading, testConfig } from '../helpers/network';
import { gaussian, mulberry32 } from './detectors/random';

/** U4 is alone under D3 and R2, so only look at what opens at U4 itself. */
function run(values: number[], indicator: Record<string, unknown>, seed = 7) {
  const engine = new Engine(testConfig({}, { load: { thresholds: undefined, detectors: ['cyberstride'], ...indicator } }));
  const noise = mulberry32(seed);
  values.forEach((value, hour) => engine.step({ type: 'readings', readings: [reading('U4', 'load', hour, value + 2 * gaussian(noise))] }, at(hour) + 60_000));
  return { engine, episodes: listEpisodes(engine).filter((e) => e.node === 'U4') };
}
const level = (n: number, value: number) => Array.from({ length: n }, () => value);

describe('Cyberstride inside the engine', () => {
  test('a lasting adverse step opens a step episode at the unit, within a few periods of the change', () => {
    const { episodes } = run([...level(40, 100), ...level(15, 120)], {});
    expect(episodes).toHaveLength(1);
    const [episode] = episodes;
    expect(episode).toMatchObject({ direction: 'pain', kind: 'step' });
    expect(episode!.path[0]).toMatchObject({ type: 'opened', holder: 'U4' }); // and, unsettled, it climbs
    const hours = (Date.parse(episode!.openedAt) - at(0)) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(40);
    expect(hours).toBeLessThanOrEqual(45);
    expect(episode!.status).toBe('open'); // the model got used to the new level; the trouble has not gone
  });

  test('a step episode resolves when the level comes back, not when the model has adapted', () => {
    const { episodes } = run([...level(40, 100), ...level(15, 120), ...level(10, 100)], {});
    const pain = episodes.filter((e) => e.direction === 'pain');
    expect(pain).toHaveLength(1);
    expect(pain[0]!.status).toBe('resolved');
    const resolvedHour = (Date.parse(pain[0]!.resolvedAt!) - at(0)) / 3_600_000;
    expect(resolvedHour).toBeGreaterThanOrEqual(55);
    expect(resolvedHour).toBeLessThanOrEqual(57);
  });

  test('a single spike is an outlier and opens nothing', () => {
    const { episodes, engine } = run([...level(40, 100), 130, ...level(15, 100)], {});
    expect(episodes).toHaveLength(0);
    const points = seriesView(engine, 'U4', 'load').points;
    expect(points[45]!.forecast).toMatchObject({ forecast: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number), pStandard: expect.any(Number) });
    expect(points[45]!.forecast!.lower).toBeLessThan(points[45]!.forecast!.forecast);
  });

  test('an outlier that also breaks a threshold opens a threshold episode', () => {
    const { episodes } = run([...level(40, 100), 130, ...level(15, 100)], { detectors: ['threshold', 'cyberstride'], thresholds: { alert: 125 } });
    expect(episodes.map((e) => [e.kind, e.status])).toEqual([['threshold', 'resolved']]);
  });

  test('a lasting improvement is a bright spot: no window, told to every ancestor at once', () => {
    const { episodes } = run([...level(40, 100), ...level(15, 80)], {});
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ direction: 'pleasure', deadline: null, holder: 'U4', reached: ['U4', 'D3', 'R2', 'ENG'] });
  });

  test.each([
    { better: 'lower', change: +20, direction: 'pain' },
    { better: 'lower', change: -20, direction: 'pleasure' },
    { better: 'higher', change: +20, direction: 'pleasure' },
    { better: 'higher', change: -20, direction: 'pain' },
  ] as const)('better $better, a step of $change is $direction', ({ better, change, direction }) => {
    const { episodes } = run([...level(40, 100), ...level(15, 100 + change)], { better });
    expect(episodes.map((e) => e.direction)).toEqual([direction]);
  });
});
