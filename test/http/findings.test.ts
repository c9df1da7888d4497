import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { at, iso, testConfig } from '../helpers/network';
import { ADMIN, startTestServer } from '../helpers/server';

const finding = { node: 'ENG', indicator: 'load', period: iso(at(3) + 20 * 60_000), published: 40, summed: 43, source: 'England row' };

test('data-quality findings: the admin records them, anyone who reads sees them beside the sums, and they survive a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-findings-'));
  let server = await startTestServer(testConfig(), { now: at(5), dir });
  try {
    const post = (token: string, body: unknown) => request(server.url).post('/api/findings').set('Authorization', `Bearer ${token}`).send(body as object);
    const reporter = await server.token('reporter', 'U1');
    expect((await post(reporter, { findings: [finding] })).status).toBe(403); // only the admin
    const unknown = await post(ADMIN, { findings: [finding, { ...finding, node: 'NOPE' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: 'findings.1.node', message: 'unknown node "NOPE"' }]);
    const bad = await post(ADMIN, { findings: [{ ...finding, published: 'lots' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('findings.0.published');
    expect((await request(server.url).get('/api/findings').expect(200)).body.findings).toEqual([]); // all or nothing: nothing kept
    expect((await post(ADMIN, { findings: [finding] }).expect(200)).body).toEqual({ accepted: 1 });

    const expected = [{ ...finding, period: iso(at(3)), difference: 3 }];
    expect((await request(server.url).get('/api/findings?node=ENG').expect(200)).body.findings).toEqual(expected);
    expect((await request(server.url).get('/api/findings?node=R1').expect(200)).body.findings).toEqual([]);
    expect((await request(server.url).get('/api/nodes/ENG').expect(200)).body.dataQuality).toEqual(expected);
    await server.stop();
    server = await startTestServer(testConfig(), { now: at(6), dir });
    expect((await request(server.url).get('/api/findings').expect(200)).body.findings).toEqual(expected);
    // The sum stays the sum: a finding never writes a value.
    expect((await request(server.url).get('/api/series?node=ENG&indicator=load').expect(200)).body.points).toEqual([]);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
