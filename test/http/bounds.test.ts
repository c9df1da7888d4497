import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../../server/main';
import { testConfig } from '../helpers/network';
import { ADMIN, startTestServer } from '../helpers/server';

describe('bounds at start and on readings', () => {
  test('a bad detector setting stops the start with the field named, and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsroom-bounds-'));
    try {
      const config = { ...testConfig(), indicators: testConfig().indicators.map((indicator, i) => (i === 0 ? { ...indicator, detectors: ['cyberstride'], cyberstride: { lookBack: 0 } } : indicator)) };
      await expect(start({ config, dbPath: join(dir, 'o.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true })).rejects.toThrow(/indicators\.0\.cyberstride\.lookBack/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a reading dated 2000 is accepted when the network\'s horizon reaches back that far', async () => {
    const server = await startTestServer(testConfig({ historyHorizon: '3650d' }), { now: Date.parse('2005-01-01T00:00:00Z') });
    try {
      const res = await request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ unit: 'U1', indicator: 'load', ts: '2000-06-01T00:00:00Z', value: 1 });
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
      const old = await request(server.url).post('/api/readings').set('Authorization', `Bearer ${ADMIN}`).send({ unit: 'U1', indicator: 'load', ts: '1994-06-01T00:00:00Z', value: 1 });
      expect(old.status).toBe(422);
      expect(old.body.error.issues).toEqual([{ path: 'ts', message: 'before the history horizon' }]);
    } finally {
      await server.stop();
    }
  });
});
