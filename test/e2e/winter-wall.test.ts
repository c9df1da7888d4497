/**
 * The room on an NHS-shaped network (7 regions, 42 districts, 150 units) after a bad winter day
 * played hour by hour into a real server on its own clock: signals at every stage of their climb.
 * Checks what a coordinator across the room must see, and saves the screenshots the README shows.
 * Also draws a 2,000-unit network to check the map stays usable at that size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { parseConfig } from '../../shared/config';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { nhsShapedNetwork, nhsShapedNodes, WINTER_INDICATORS } from './networks';
import { STORY } from './story';
import { playWinterDay, postReadings } from './winter';

jest.setTimeout(180_000);

const ADMIN = 'e2e-admin-token-0123456789';
const MINUTE = 60_000;
let dir: string;
let browser: Browser;
const running: Running[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-winter-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of running) await server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function coordinatorNote(url: string, node: string, name: string, episodeNode: string, note: string) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` };
  const issued = await fetch(`${url}/api/tokens`, { method: 'POST', headers, body: JSON.stringify({ role: 'coordinator', node, name }) });
  const { token } = (await issued.json()) as { token: string };
  const listed = await fetch(`${url}/api/episodes?status=open&node=${episodeNode}`);
  const { episodes } = (await listed.json()) as { episodes: Array<{ id: string; node: string }> };
  const episode = episodes.find((e) => e.node === episodeNode);
  if (!episode) throw new Error(`no open episode at ${episodeNode}`);
  const acknowledged = await fetch(`${url}/api/episodes/${episode.id}/acknowledge`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ note }),
  });
  if (!acknowledged.ok) throw new Error(`acknowledge refused: ${await acknowledged.text()}`);
}

describe('a winter afternoon on the wall', () => {
  let server: Running;

  beforeAll(async () => {
    const config = nhsShapedNetwork();
    // The server's clock starts a day back and is moved on hour by hour; it ends at real time.
    let shift = -(24 * 60 + STORY.minutesPastTheHour) * MINUTE;
    const clock = () => Date.now() + shift;
    server = await start({ config, dbPath: join(dir, 'winter.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock });
    running.push(server);
    const advance = (ms: number) => {
      shift += ms;
      server.room.tick();
    };
    await playWinterDay({
      units: config.nodes.filter((node) => node.level === 'unit').map((node) => node.id),
      hours: 24,
      troubles: STORY.troubles,
      advance,
      post: (readings) => postReadings(server.url, ADMIN, readings),
      now: clock,
    });
    advance(STORY.minutesPastTheHour * MINUTE);
    const leeds = nhsShapedNodes().find((node) => node.name === 'Leeds Royal')!;
    await coordinatorNote(server.url, 'NEY', 'A. Okafor, NEY', leeds.id, 'Two escalation wards open at 18:00; discharge team on site');
  });

  test('at 1080p: what is told first (the crisis passing through), what stands at the top last; every lit node on the map', async () => {
    // Lamps steady for the picture (the room honours reduced motion), so no blink is caught half-dark.
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await page.goto(server.url);
    const wall = page.getByTestId('algedonic-wall');
    await wall.locator('li[data-episode]').nth(1).waitFor();
    const cards = await wall.locator('li[data-episode] .episode-title').allTextContents();
    expect([cards[0], cards.at(-1)]).toEqual(['Ambulance handovers over 60 minutes', 'Ambulance handovers over 60 minutes']);
    await expect(wall.locator('.section-told li[data-episode]').first().textContent()).resolves.toContain('Manchester General');
    await expect(wall.locator('.section-standing li[data-episode]').first().textContent()).resolves.toContain('overdue at the top');
    // Quiet trusts are painted on the map's canvas; England, its regions and ICBs, and every lit node are in SVG.
    await expect(page.getByTestId('recursion-map').locator('g[data-node]').count()).resolves.toBeGreaterThanOrEqual(1 + 7 + 42);
    await expect(page.getByTestId('recursion-map').locator('canvas').count()).resolves.toBe(1);
    await expect(page.locator('[data-state="crisis"]').count()).resolves.toBeGreaterThan(0);
    await page.waitForTimeout(600);
    await page.screenshot({ path: artifact('wall-1080p.png') });
    await page.goto(`${server.url}/node/NEY`);
    await wall.getByText('A. Okafor, NEY is on it').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: artifact('wall-region-1080p.png') });
    await page.close();
  });

  test('on a laptop screen the same room still fits and reads', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}/node/ICB06`);
    await page.getByTestId('algedonic-wall').locator('li[data-episode]').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.waitForTimeout(600);
    await page.screenshot({ path: artifact('wall-laptop-district.png') });
    await page.close();
  });
});

describe('a network of 2,000 units', () => {
  test('is drawn whole (quiet units on the canvas), and a unit in crisis lights up in SVG', async () => {
    const nodes = nhsShapedNodes().filter((node) => node.level !== 'unit');
    const districts = nodes.filter((node) => node.level === 'district');
    for (let u = 0; u < 2000; u += 1) nodes.push({ id: `U${u}`, name: `Unit ${u}`, level: 'unit', parent: districts[u % districts.length]!.id });
    const config = parseConfig({ name: '2,000 units', levels: ['national', 'region', 'district', 'unit'], publicRead: true, indicators: WINTER_INDICATORS, nodes });
    const server = await start({ config, dbPath: join(dir, 'large.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
    running.push(server);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const opened = Date.now();
    await page.goto(server.url);
    await page.getByTestId('recursion-map').locator('canvas').waitFor();
    await page.locator('g[data-node]').first().waitFor();
    expect(Date.now() - opened).toBeLessThan(5000);
    await postReadings(server.url, ADMIN, [{ unit: 'U7', indicator: 'handover_over_60', ts: new Date().toISOString(), value: 30 }]);
    await page.locator('g[data-node="U7"][data-state="crisis"]').waitFor({ timeout: 2000 });
    await page.screenshot({ path: artifact('map-2000-units.png') });
    await page.close();
  });
});
