import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Episode } from '../../shared/api';
import { testConfig } from '../helpers/network';
import { ADMIN } from '../helpers/server';
import { killHard, launch } from '../helpers/process';

test('after kill -9 and a restart, every acknowledged reading is there and open episodes keep holder and deadline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-restart-'));
  const config = testConfig({ allowances: { unit: '2s', district: '1h', region: '1h' } }, { occ: { allowances: { unit: '1h' } } });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  let { child, url } = await launch(dir);
  try {
    const token = async (node: string) => (await request(url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN}`).send({ role: 'reporter', node }).expect(201)).body.token as string;
    const [u1, u4] = [await token('U1'), await token('U4')];
    const now = Date.now();
    const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
    const history = Array.from({ length: 50 }, (_, i) => ({ unit: 'U4', indicator: 'load', ts: hoursAgo(50 - i), value: i % 7 }));
    await request(url).post('/api/readings').set('Authorization', `Bearer ${u4}`).send({ readings: history }).expect(200);
    await request(url).post('/api/readings').set('Authorization', `Bearer ${u4}`).send({ readings: [
      { unit: 'U4', indicator: 'occupied', ts: hoursAgo(0), value: 97 }, { unit: 'U4', indicator: 'open', ts: hoursAgo(0), value: 100 }] }).expect(200);
    await request(url).post('/api/readings').set('Authorization', `Bearer ${u1}`).send({ unit: 'U1', indicator: 'load', ts: hoursAgo(0), value: 12 }).expect(200);
    const before = (await request(url).get('/api/episodes?status=open')).body.episodes as Episode[];
    // D3 and R2 have U4 alone below them, so their final aggregates breach too: one problem, one episode,
    // and their own figures are recorded as held back by it.
    expect(before.map((e) => [e.node, e.indicator, e.holder])).toEqual([['U4', 'occ', 'U4'], ['U1', 'load', 'U1']]);
    expect(before[0]!.inhibits.map((breach) => [breach.node, breach.level])).toEqual([['D3', 'district'], ['R2', 'region']]);

    await killHard(child);
    await new Promise((r) => setTimeout(r, 2500)); // U1's 2-second window runs out while the server is down
    ({ child, url } = await launch(dir));

    const after = (await request(url).get('/api/episodes?status=open')).body.episodes as Episode[];
    expect(after.filter((e) => e.indicator === 'occ')).toEqual(before.filter((e) => e.indicator === 'occ'));
    const load = after.find((e) => e.indicator === 'load')!;
    const deadline = before.find((e) => e.indicator === 'load')!.deadline!;
    expect(load).toMatchObject({ holder: 'D1', holderLevel: 'district' });
    expect(load.path[1]).toEqual({ type: 'escalated', at: deadline, from: 'U1', to: 'D1', reason: 'deadline' }); // stamped at its own deadline
    const points = (await request(url).get('/api/series?node=U4&indicator=load')).body.points as Array<{ value: number }>;
    expect(points.map((p) => p.value)).toEqual(history.map((r) => r.value));
  } finally {
    await killHard(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
