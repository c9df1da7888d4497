/**
 * The live wall in Chromium on an NHS-shaped network: an episode card names the value now and the
 * bound it crossed and follows the live figure without a reload; and the node view's sparklines
 * fetch their history once and then follow the live values, so a stream of readings brings no
 * /api/series requests. The count, per minute per client, is written to test-artifacts/series-requests.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { nhsShapedNetwork } from './networks';
import { postReadings, unitReadings } from './winter';

jest.setTimeout(120_000);

const ADMIN = 'e2e-admin-token-0123456789';
const WINDOW_MS = 20_000;
let dir: string;
let browser: Browser;
let server: Running;

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-series-'));
  browser = await launchBrowser();
  server = await start({ config: nhsShapedNetwork(), dbPath: join(dir, 'series.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the national wall\'s card names the value now and the bound it crossed, and follows the live figure', async () => {
  const config = nhsShapedNetwork();
  const units = config.nodes.filter((node) => node.level === 'unit').map((node) => node.id);
  const unit = units[3]!;
  const name = config.nodes.find((node) => node.id === unit)!.name;
  const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
  await postReadings(server.url, ADMIN, units.flatMap((id) => unitReadings(id, earlier)));
  // 19 handovers over an hour is past a unit's crisis bound (15): a crisis is told to England at once.
  const lastHour = new Date(Date.now() - 3_600_000).toISOString();
  await postReadings(server.url, ADMIN, units.flatMap((id) => unitReadings(id, lastHour, id === unit ? { handovers: 19 } : {})));

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  await page.goto(server.url);
  const card = page.getByTestId('algedonic-wall').locator('li[data-episode]', { hasText: name });
  await card.waitFor();
  await expect(card.locator('.episode-now').textContent()).resolves.toBe('19 handovers');
  await expect(card.locator('.episode-cause').textContent()).resolves.toBe('over the 15 handovers crisis bound');
  await expect(card.locator('svg.episode-spark').count()).resolves.toBe(1);

  // A newer figure for the unit: the card moves on, over the socket, and says what it opened at.
  await postReadings(server.url, ADMIN, unitReadings(unit, new Date().toISOString(), { handovers: 23 }));
  await card.locator('.episode-now', { hasText: '23 handovers' }).waitFor();
  await expect(card.locator('.episode-cause').textContent()).resolves.toBe('over the 15 handovers crisis bound (opened at 19 handovers)');
  await page.screenshot({ path: artifact('card-national-1080p.png') });
  await page.close();
});

test('while values stream in, the node view\'s sparklines follow them without asking for the series again', async () => {
  const config = nhsShapedNetwork();
  const units = config.nodes.filter((node) => node.level === 'unit').map((node) => node.id);
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  await postReadings(server.url, ADMIN, units.flatMap((unit) => unitReadings(unit, hourAgo)));
  await postReadings(server.url, ADMIN, units.flatMap((unit) => unitReadings(unit, new Date().toISOString())));

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  let seriesRequests = 0;
  let valuesEvents = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/series') seriesRequests++;
  });
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => {
    if (typeof frame.payload === 'string' && frame.payload.startsWith('42["values"')) valuesEvents++;
  }));
  await page.goto(server.url);
  const handovers = page.locator('[data-indicator="handover_over_60"] svg.spark');
  await handovers.waitFor();
  const charts = await page.locator('svg.spark').count();
  const before = await handovers.getAttribute('aria-label');
  const atStart = seriesRequests;
  valuesEvents = 0;

  // About 100 readings a second: every 100 ms two units post their five figures again, with new handover counts.
  const started = Date.now();
  let round = 0;
  while (Date.now() - started < WINDOW_MS) {
    const batch = [0, 1].flatMap((k) => {
      const unit = units[(round * 2 + k) % units.length]!;
      return unitReadings(unit, new Date().toISOString(), { handovers: 5 + ((round + k) % 4) });
    });
    await postReadings(server.url, ADMIN, batch);
    round++;
    await new Promise((done) => setTimeout(done, 100));
  }
  await page.waitForTimeout(300);
  const during = seriesRequests - atStart;
  const elapsed = Date.now() - started;
  const perMinute = Math.round((during * 60_000) / elapsed);
  writeFileSync(artifact('series-requests.json'), JSON.stringify({ charts, initialRequests: atStart, requestsWhileLive: during, seconds: elapsed / 1000, perMinute, valuesEvents }, null, 2));

  expect(valuesEvents).toBeGreaterThan(20); // the room really was live
  expect(await handovers.getAttribute('aria-label')).not.toBe(before); // and the sparkline followed it
  expect(atStart).toBe(charts); // one history fetch per sparkline
  expect(during).toBe(0);
  await page.close();
});
