import { parseConfig } from '../../shared/config';
import { replayLive } from '../../scripts/nhs/live';
import { planImport } from '../../scripts/nhs/plan';
import { startSimulator } from '../../scripts/sim/index';
import { ADMIN, startTestServer } from '../helpers/server';
import { demoConfig } from './demo-config';
import { DATA_DIR, sitrepTable } from './nhs-data';

const SPEED = 60;

describe('import:nhs --live', () => {
  // The live configuration: a day lasts SPEED seconds, windows N + ½ of those days.
  const plan = planImport({
    dir: DATA_DIR, seasons: ['2018-19'], from: '2018-12-03', to: '2018-12-04', ae: false,
    allowanceDays: { unit: 1.5, district: 2.5, region: 3.5 }, dayMs: SPEED * 1000,
  });

  it('posts each real day through the REST API as the trusts would, one period per day', async () => {
    const server = await startTestServer(plan.built.config, { now: Date.parse('2026-01-05T10:00:10Z') });
    const lines: string[] = [];
    try {
      const result = await replayLive({
        url: server.url, tokens: [ADMIN], speedSeconds: SPEED, config: plan.built.config, days: plan.days,
        log: (line) => lines.push(line),
        now: () => server.clock.now,
        sleep: async (ms) => void (server.clock.now += Math.max(0, ms)),
      });
      expect(result).toMatchObject({ days: 2, failedPosts: 0, notPosted: 0, duplicates: 0 });
      expect(result.accepted).toBe(plan.readingCount);
      const points = server.room.series('ENG', 'ga_beds_occupied').points;
      expect(points.map((p) => p.period)).toEqual(['2026-01-05T10:01:00.000Z', '2026-01-05T10:02:00.000Z']);
      const published = sitrepTable().filter((row) => row.org_code === 'ENG' && row.date! >= '2018-12-03' && row.date! <= '2018-12-04');
      expect(points.map((p) => p.value)).toEqual(published.map((row) => Number(row.ga_beds_occupied)));
      expect(lines.some((line) => /issued \d+ reporter tokens/.test(line))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("posts the day's data-quality findings with the admin token, in the period the day's figures landed in", async () => {
    const day = planImport({
      dir: DATA_DIR, seasons: ['2016-17'], from: '2017-01-01', to: '2017-01-01', ae: false,
      allowanceDays: { unit: 1.5, district: 2.5, region: 3.5 }, dayMs: SPEED * 1000,
    });
    expect(day.findings).toHaveLength(3);
    const server = await startTestServer(day.built.config, { now: Date.parse('2026-01-05T10:00:10Z') });
    try {
      const result = await replayLive({
        url: server.url, tokens: [ADMIN], speedSeconds: SPEED, config: day.built.config, days: day.days, log: () => undefined,
        now: () => server.clock.now,
        sleep: async (ms) => void (server.clock.now += Math.max(0, ms)),
      });
      expect(result).toMatchObject({ days: 1, failedPosts: 0, findingsPosted: 3, findingsNotPosted: 0 });
      const findings = server.room.dataQuality({ node: 'ENG', indicator: 'cc_adult_beds_open' });
      expect(findings.map((f) => [f.period, f.published, f.summed])).toEqual([['2026-01-05T10:01:00.000Z', 3661, 3728]]);
      expect(server.room.series('ENG', 'cc_adult_beds_open').points.map((p) => p.value)).toEqual([3728]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a server running another configuration', async () => {
    const server = await startTestServer(demoConfig());
    try {
      await expect(replayLive({ url: server.url, tokens: [ADMIN], speedSeconds: SPEED, config: plan.built.config, days: plan.days, log: () => undefined }))
        .rejects.toThrow(/has no indicator "ga_beds_open".*--config-only/);
    } finally {
      await server.stop();
    }
  });
});

describe('startSimulator', () => {
  it('issues a reporter token per unit and posts every unit each tick', async () => {
    const base = demoConfig();
    const config = parseConfig({ ...JSON.parse(JSON.stringify({ ...base, indicators: undefined, allowances: undefined })), allowances: { unit: '5s' },
      indicators: base.indicators.map(({ period: _period, allowances: _a, ...rest }) => ({ ...rest, period: '1s' })) });
    const server = await startTestServer(config);
    const lines: string[] = [];
    const simulator = startSimulator({ url: server.url, adminToken: ADMIN, config, seed: 5, intervalMs: 1000, log: (line) => lines.push(line) });
    try {
      const units = config.nodes.filter((n) => n.level === 'unit').map((n) => n.id);
      const reported = () => units.filter((unit) => server.room.series(unit, 'beds_open').points.length >= 2);
      for (let waited = 0; reported().length < units.length && waited < 8000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(reported()).toEqual(units);
      expect(lines[0]).toMatch(/simulator: 8 units, 3 signals each, a tick every 1000 ms \(seed 5\)/);
      expect(lines.filter((line) => /failed|cannot/.test(line))).toEqual([]);
    } finally {
      simulator.stop();
      await server.stop();
    }
  });

  it('does not start with a token that cannot issue tokens', async () => {
    const server = await startTestServer(demoConfig());
    const lines: string[] = [];
    const simulator = startSimulator({ url: server.url, adminToken: 'not-a-token', config: demoConfig(), log: (line) => lines.push(line) });
    try {
      for (let waited = 0; lines.length === 0 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(lines[0]).toMatch(/cannot issue reporter tokens \(POST \/api\/tokens → 401/);
    } finally {
      simulator.stop();
      await server.stop();
    }
  });
});
