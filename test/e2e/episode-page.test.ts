/**
 * The episode page in a real browser against a real server: a signal at Manchester Royal turns to a
 * crisis, climbs to the top and is acknowledged; the card's link opens /episode/ID with its whole
 * path; once settled, the node view counts it among what was settled recently, by level.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { smallNetwork } from './networks';
import { postReadings, unitReadings } from './winter';

jest.setTimeout(120_000);

const ADMIN = 'e2e-admin-token-0123456789';
const UNITS = ['MAN', 'SAL', 'LIV', 'CAM', 'BAR'];

let dir: string;
let server: Running;
let browser: Browser;
let page: Page;
let episodeId: string;

const handovers = (unit: string, value: number, offsetMs = 0) => ({ unit, indicator: 'handover_over_60', ts: new Date(Date.now() + offsetMs).toISOString(), value });
const episodeOf = async (id: string) => (await (await fetch(`${server.url}/api/episodes/${id}`)).json()) as { holder: string; status: string; path: Array<{ type: string }> };
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-e2e-episode-'));
  server = await start({ config: smallNetwork(), dbPath: join(dir, 'opsroom.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
  await postReadings(server.url, ADMIN, UNITS.flatMap((unit) => unitReadings(unit, new Date().toISOString())));
  // Salford goes over and comes back within its own window: settled by the unit itself.
  await postReadings(server.url, ADMIN, [handovers('SAL', 9)]);
  await postReadings(server.url, ADMIN, [handovers('SAL', 1, 1)]);
  // Manchester Royal goes over, then into crisis: the crisis skips the rest of its window.
  await postReadings(server.url, ADMIN, [handovers('MAN', 9)]);
  await postReadings(server.url, ADMIN, [handovers('MAN', 20, 1)]);
  const { episodes } = (await (await fetch(`${server.url}/api/episodes?node=MAN&status=open`)).json()) as { episodes: Array<{ id: string }> };
  episodeId = episodes[0]!.id;
  await until('it is held at the top', async () => (await episodeOf(episodeId)).holder === 'ENG');
  await fetch(`${server.url}/api/episodes/${episodeId}/acknowledge`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ note: 'Mutual aid from Salford; HALO on site' }),
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const path = () => page.getByTestId('episode-path');

describe('the episode page', () => {
  test('the card\'s title opens /episode/ID with its whole path, and Back returns to the room', async () => {
    await page.goto(server.url);
    const card = page.getByTestId('algedonic-wall').locator(`li[data-episode="${episodeId}"]`);
    await card.getByRole('link').first().click();
    await page.waitForURL(`${server.url}/episode/${episodeId}`);
    await path().waitFor();
    const kinds = await path().locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds.filter((kind) => kind !== 'inhibits')).toEqual(['opened', 'severity', 'escalated', 'escalated', 'escalated', 'acknowledged']);
    const told = await path().textContent();
    expect(told).toContain('Opened at Manchester Royal (unit)');
    expect(told).toContain('Escalated from Manchester Royal (unit) to Greater Manchester (district)a crisis skips the rest of the local window');
    expect(told).toContain("the district's window ran out before it was settled");
    expect(told).toContain('Escalated from North West (region) to England (national)');
    expect(told).toContain('Mutual aid from Salford; HALO on site');
    await expect(page.getByTestId('episode-status').textContent()).resolves.toContain('held by England');
    await page.getByTestId('episode-readings').waitFor();
    await page.screenshot({ path: artifact('episode-1-open.png') });

    await page.goBack();
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('algedonic-wall').locator(`li[data-episode="${episodeId}"]`).waitFor();
  });

  test('settled, the page says where and why, and the node view counts it by level', async () => {
    // A corrected figure for the same hour: the cause is gone, so the episode is withdrawn where it stands.
    await postReadings(server.url, ADMIN, [handovers('MAN', 1, 2)]);
    await until('it is settled', async () => (await episodeOf(episodeId)).status === 'resolved');
    await page.goto(`${server.url}/episode/${episodeId}`);
    await path().getByText('Withdrawn at the top, England').waitFor();
    await expect(path().textContent()).resolves.toMatch(/Revised: late data re-ran detection from \d\d:00/);
    await page.screenshot({ path: artifact('episode-2-settled.png') });

    await page.getByRole('navigation', { name: 'Where this episode arose' }).getByRole('link', { name: 'England' }).click();
    await page.waitForURL(`${server.url}/`);
    const settled = page.getByTestId('settled-recently');
    await settled.getByText('Settled recently: 2 in the last 7 days — 1 settled by the unit itself, 1 by England').waitFor();
    await page.screenshot({ path: artifact('episode-3-settled-recently.png') });
    await settled.getByRole('link', { name: 'Ambulance handovers over 60 minutes at Manchester Royal' }).click();
    await page.waitForURL(`${server.url}/episode/${episodeId}`);
    await path().waitFor();
  });

  test('an ID the room does not know says so', async () => {
    await page.goto(`${server.url}/episode/NOPE`);
    await page.getByRole('alert').getByText('No episode “NOPE”').waitFor();
    expect(new URL(page.url()).pathname).toBe('/episode/NOPE');
  });
});
