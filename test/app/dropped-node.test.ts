import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opsroom } from '../../server/app/opsroom';
import { parseConfig } from '../../shared/config';
import { at, reading, testConfig } from '../helpers/network';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsroom-dropped-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const open = (config = testConfig(), now = at(0)) => new Opsroom({ config, dbPath: join(dir, 'o.db'), clock: () => now });
const withoutU1 = () => {
  const config = testConfig();
  return parseConfig({ ...config, nodes: config.nodes.filter((node) => node.id !== 'U1') });
};

test('an episode whose node is dropped keeps its window while the node is away, and escalates once the node is back', () => {
  const first = open(testConfig(), at(0));
  first.ingest([reading('U1', 'load', 0, 12)], at(0)); // a 4-hour window at U1
  first.close();

  const away = open(withoutU1(), at(2));
  away.tick(at(6)); // U1's deadline (4 h) falls due while U1 is not in the configuration
  away.close();

  const back = open(testConfig(), at(8));
  const episode = back.episode('E1');
  expect(episode).toMatchObject({ status: 'open', holder: 'D1' });
  expect(episode.path.find((entry) => entry.type === 'escalated')).toMatchObject({ from: 'U1', to: 'D1', reason: 'deadline' });
  back.close();
});

test('an episode whose holder (a district) is dropped does not climb from a node the tree no longer has, and climbs on once it is back', () => {
  const first = open(testConfig(), at(0));
  first.ingest([reading('U1', 'load', 0, 12)], at(0));
  first.tick(at(5)); // U1's 4 hours ran out: D1 holds it until 12 h
  expect(first.episode('E1')).toMatchObject({ holder: 'D1' });
  first.close();

  const config = testConfig();
  const withoutD1 = parseConfig({ ...config, nodes: config.nodes.filter((node) => node.id !== 'D1').map((node) => (node.parent === 'D1' ? { ...node, parent: 'D2' } : node)) });
  const away = open(withoutD1, at(6));
  away.tick(at(13)); // D1's deadline falls due while D1 is gone
  expect(away.episode('E1')).toMatchObject({ status: 'open', holder: 'D1', deadline: new Date(at(12)).toISOString() });
  away.close();

  const back = open(testConfig(), at(14));
  expect(back.episode('E1')).toMatchObject({ status: 'open', holder: 'R1' });
  back.close();
});
