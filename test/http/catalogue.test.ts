import request from 'supertest';
import { hierarchySchema, indicatorInfoSchema } from '../../shared/api';
import { testConfig } from '../helpers/network';
import { startTestServer } from '../helpers/server';

test('the catalogue tells the room what its search and its judgement need: published names and minimum coverage', async () => {
  const config = testConfig({ minCoverage: 0.75 }, { occ: { minCoverage: 0.9 } });
  config.nodes = config.nodes.map((node) => (node.id === 'U1' ? { ...node, publishedName: 'UNIT ONE NHS TRUST' } : node));
  const server = await startTestServer(config);
  try {
    const hierarchy = hierarchySchema.parse((await request(server.url).get('/api/hierarchy').expect(200)).body);
    expect(hierarchy.nodes.find((node) => node.id === 'U1')).toEqual({ id: 'U1', name: 'Unit one', level: 'unit', parent: 'D1', publishedName: 'UNIT ONE NHS TRUST' });
    // A node whose name was not rewritten carries no published name at all (not an empty one).
    expect(hierarchy.nodes.find((node) => node.id === 'U2')).not.toHaveProperty('publishedName');
    const { indicators } = (await request(server.url).get('/api/indicators').expect(200)).body as { indicators: unknown[] };
    const byId = new Map(indicators.map((raw) => indicatorInfoSchema.parse(raw)).map((indicator) => [indicator.id, indicator]));
    expect(byId.get('occ')?.minCoverage).toBe(0.9); // its own
    expect(byId.get('load')?.minCoverage).toBe(0.75); // the network's default
  } finally {
    await server.stop();
  }
});
