/**
 * The built client under the server's Content-Security-Policy: the wall, a node and an episode page
 * draw, the feed goes live, and the browser reports no violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { ensureClientBuilt, launchBrowser } from './browser';
import { smallNetwork } from './networks';
import { postReadings, unitReadings } from './winter';

jest.setTimeout(120_000);

const ADMIN = 'e2e-admin-token-0123456789';
let dir: string;
let server: Running;
let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-csp-'));
  server = await start({ config: smallNetwork(), dbPath: join(dir, 'opsroom.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
  const now = new Date().toISOString();
  await postReadings(server.url, ADMIN, [...['MAN', 'SAL', 'LIV', 'CAM', 'BAR'].flatMap((unit) => unitReadings(unit, now)), { unit: 'MAN', indicator: 'handover_over_60', ts: now, value: 9 }]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the wall, a node and an episode page work under the CSP, with no violation', async () => {
  const response = await page.goto(server.url);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByTestId('connection').and(page.locator('[data-status="live"]')).waitFor();
  await page.getByTestId('recursion-map').locator('g[data-node="ENG"]').waitFor();
  // The wall's "Settled recently" reads GET /api/episodes (bounded): it must still parse.
  await page.getByTestId('algedonic-wall').waitFor();
  await page.goto(`${server.url}/node/MAN`);
  const card = page.getByTestId('algedonic-wall').locator('li[data-episode]').first();
  await card.waitFor();
  const id = await card.getAttribute('data-episode');
  await page.goto(`${server.url}/episode/${id}`);
  await page.getByTestId('episode-path').waitFor();
  await page.getByTestId('episode-readings').waitFor();
  expect(violations).toEqual([]);
});
