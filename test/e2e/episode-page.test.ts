/**
 * The episode page in a real browser against a real server on its own clock, moved on hour by hour:
 * a signal at Manchester Royal turns to a crisis, climbs, is acknowledged and is settled at the
 * region; the card's link opens /episode/ID with its whole path; the node view counts what was
 * settled recently, by level; a unit that stops reporting is marked on the map and in the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Reading } from '../../shared/api';
import { start, type Running } from '../../server/main';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { smallNetwork } from './networks';
import { postReadings, unitReadings } from './winter';

jest.setTimeout(120_000);

const ADMIN = 'e2e-admin-token-0123456789';
const HOUR = 3_600_000;
const UNITS = ['MAN', 'SAL', 'LIV', 'CAM', 'BAR'];

let dir: string;
let server: Running;
let browser: Browser;
let page: Page;
let episodeId: string;
let shift = 0;
const clock = () => Date.now() + shift;

/** Every unit's ordinary hour, but for `figures` (handovers per unit) and the units left `silent`. */
async function hour(handovers: Record<string, number> = {}, silent: string[] = []): Promise<void> {
  const ts = new Date(clock()).toISOString();
  const readings: Reading[] = UNITS.filter((unit) => !silent.includes(unit)).flatMap((unit) => unitReadings(unit, ts, { handovers: handovers[unit] }));
  await postReadings(server.url, ADMIN, readings);
}
/** The server's clock moves on; every deadline passed falls due, stamped at its own time. */
const advance = (ms: number) => {
  shift += ms;
  server.room.tick();
};
const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`)).json()) as T;

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-e2e-episode-'));
  // Six hours back, ten minutes into an hour; two-hour windows at every level.
  shift = -6 * HOUR - (Date.now() % HOUR) + 10 * 60_000;
  const config = smallNetwork({ allowances: { unit: '2h', district: '2h', region: '2h' } });
  server = await start({ config, dbPath: join(dir, 'opsroom.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true, clock });
  // H0: Manchester Royal and Salford General go over.
  await hour({ MAN: 9, SAL: 9 });
  const { episodes } = await api<{ episodes: Array<{ id: string }> }>('/api/episodes?node=MAN&status=open');
  episodeId = episodes[0]!.id;
  // H1: Salford is back (settled by the unit itself); Manchester is in crisis, which skips its window.
  advance(HOUR);
  await hour({ MAN: 20 });
  await fetch(`${server.url}/api/episodes/${episodeId}/acknowledge`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ note: 'Mutual aid from Salford; HALO on site' }),
  });
  // H2, H3: still in crisis; Greater Manchester's window runs out at H3, and North West holds it. Barnet falls silent.
  advance(HOUR);
  await hour({ MAN: 20 });
  advance(HOUR);
  await hour({ MAN: 20 }, ['BAR']);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
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
    expect((await api<{ holder: string }>(`/api/episodes/${episodeId}`)).holder).toBe('NW');
    await page.goto(server.url);
    const card = page.getByTestId('algedonic-wall').locator(`li[data-episode="${episodeId}"]`);
    await card.getByRole('link').first().click();
    await page.waitForURL(`${server.url}/episode/${episodeId}`);
    await path().waitFor();
    const kinds = await path().locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds.filter((kind) => kind !== 'inhibits')).toEqual(['opened', 'severity', 'escalated', 'acknowledged', 'escalated']);
    const told = await path().textContent();
    expect(told).toContain('Opened at Manchester Royal (unit)');
    expect(told).toContain('Escalated from Manchester Royal (unit) to Greater Manchester (district)a crisis skips the rest of the local window');
    expect(told).toContain("Escalated from Greater Manchester (district) to North West (region)the district's window ran out before it was settled");
    expect(told).toContain('Mutual aid from Salford; HALO on site');
    await expect(page.getByTestId('episode-status').textContent()).resolves.toContain('held by North West');
    await page.getByTestId('episode-readings').waitFor();
    await page.locator('.ep-chart').waitFor();
    await page.screenshot({ path: artifact('episode-1-open.png') });

    await page.goBack();
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('algedonic-wall').locator(`li[data-episode="${episodeId}"]`).waitFor();
  });

  test('settled, the page says where, and the node view counts it by level', async () => {
    // H4: Manchester is back to normal while North West holds it.
    advance(HOUR);
    await hour({}, ['BAR']);
    expect(await api<{ status: string; resolvedLevel: string }>(`/api/episodes/${episodeId}`)).toMatchObject({ status: 'resolved', resolvedLevel: 'region' });
    await page.goto(`${server.url}/episode/${episodeId}`);
    await path().getByText('Settled at the region by North West (region)').waitFor();
    await page.screenshot({ path: artifact('episode-2-settled.png') });

    await page.getByRole('navigation', { name: 'Where this episode arose' }).getByRole('link', { name: 'England' }).click();
    await page.waitForURL(`${server.url}/`);
    const settled = page.getByTestId('settled-recently');
    await settled.getByText('Settled recently: 2 in the last 7 days — 1 settled by the unit itself, 1 by a region').waitFor();
    await page.screenshot({ path: artifact('episode-3-settled-recently.png') });
    await settled.getByRole('link', { name: 'Ambulance handovers over 60 minutes at Manchester Royal' }).click();
    await page.waitForURL(`${server.url}/episode/${episodeId}`);
    await path().waitFor();
  });

  test('a unit that stops reporting is marked on the map and in the table, and its own view says since when', async () => {
    // H5: Barnet's figures for H3 are an hour past due; at H7 its own window has run out and its district holds it.
    advance(HOUR);
    await hour({}, ['BAR']);
    advance(2 * HOUR);
    await hour({}, ['BAR']);
    await page.goto(`${server.url}/node/NCL`);
    await page.locator('g[data-node="BAR"][data-no-report="true"]').waitFor();
    const row = page.getByTestId('children-table').locator('tr', { hasText: 'Barnet General' });
    await row.getByText('no report').waitFor();
    await expect(page.getByTestId('children-table').locator('tr', { hasText: 'Camden Royal' }).getByText('no report').count()).resolves.toBe(0);
    await page.screenshot({ path: artifact('episode-4-no-report-district.png') });
    await page.goto(`${server.url}/node/BAR`);
    await expect(page.getByTestId('no-report').textContent()).resolves.toMatch(/^No report since \d\d:00: A&E attendances, .*Ambulance handovers over 60 minutes/);
  });

  test('an ID the room does not know says so', async () => {
    await page.goto(`${server.url}/episode/NOPE`);
    await page.getByRole('alert').getByText('No episode “NOPE”').waitFor();
    expect(new URL(page.url()).pathname).toBe('/episode/NOPE');
  });
});
