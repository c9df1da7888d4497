/**
 * The wall on the imported 2022-23 NHS winter, served with the clock frozen where the log ends (as
 * the README says to review it), in Debian's Chromium at 1920×1080: the national wall groups what
 * stands at the top into lines with their counts, a region's own work comes first, the past says
 * HISTORY and its countdowns stand still, Tab reaches the top bar, an unknown node says so, and the
 * filters live in the URL. Then a generated 5,000-unit network with 330 crises told to the top:
 * the wall is one line, not 330 cards. Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { parseConfig } from '../../shared/config';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { serveImportedWinter, type ImportedRoom } from './imported-room';
import { nhsShapedNodes, WINTER_INDICATORS } from './networks';
import { postReadings } from './winter';

jest.setTimeout(300_000);

const NORTH_WEST = 'Y62';
let imported: ImportedRoom | undefined;
let dir: string;
let browser: Browser;
let server: Running;
let large: Running | undefined;
const ADMIN = 'e2e-wall-admin-token-0123456789';

beforeAll(async () => {
  await ensureClientBuilt();
  imported = await serveImportedWinter({ seasons: ['2022-23'], ae: false });
  ({ server, dir } = imported);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await large?.close();
  await imported?.close();
});

async function room(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Running animations whose element is standing state (marked steady): there must be none. */
const standingAnimations = (page: Page) =>
  page.evaluate(() => document.getAnimations().filter((animation) => (animation.effect as KeyframeEffect | null)?.target?.closest('.steady')).length);

describe('the imported 2022-23 winter, frozen where it ends', () => {
  test('the national wall shows what stands at the top as grouped lines with their counts, calm', async () => {
    const page = await room('/');
    const wall = page.getByTestId('algedonic-wall');
    const occupancy = wall.locator('.section-standing .wall-group', { hasText: 'G&A bed occupancy:' });
    await occupancy.waitFor();
    const line = (await occupancy.locator('.group-line').textContent()) ?? '';
    expect(line).toMatch(/^G&A bed occupancy: \d+ units in crisis(, \d+ units? on alert)?, longest \d+ d( \d+ h)?, in \d regions$/);
    // The count in the words is the count of the group.
    const [crisis = 0, alert = 0] = [/(\d+) units in crisis/, /(\d+) units? on alert/].map((pattern) => Number(pattern.exec(line)?.[1] ?? 0));
    expect(crisis + alert).toBe(Number(await occupancy.getAttribute('data-count')));
    expect(crisis).toBeGreaterThan(20);
    // Closed until asked: the wall reads as lines, not 50 cards.
    await expect(occupancy.locator('button.group-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await wall.locator('li[data-episode]').count()).toBeLessThan(12);
    expect(await standingAnimations(page)).toBe(0);
    await page.screenshot({ path: artifact('nhs-wall-national-1080p.png') });

    // Opened in place: the cards, under the region each sits in, a page at a time.
    await occupancy.locator('button.group-toggle').click();
    await expect(occupancy.locator('button.group-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(occupancy.locator('.branch-head').first().textContent()).resolves.toMatch(/London|North West|Midlands|East of England|South East|South West|North East and Yorkshire/);
    expect(await occupancy.locator('li[data-episode]').count()).toBe(8);
    await occupancy.getByRole('button', { name: /Show 8 more/ }).click();
    expect(await occupancy.locator('li[data-episode]').count()).toBe(16);
    await page.close();
  });

  test('the national node view counts the signals from below and points to the wall, not a second copy of it', async () => {
    const page = await room('/');
    const node = page.getByTestId('node-view');
    const pointer = node.locator('.indicator-slot', { has: page.locator('[data-indicator="ga_occupancy"]') }).getByTestId('from-below');
    await pointer.waitFor();
    const count = Number(await pointer.getAttribute('data-count'));
    expect(count).toBeGreaterThan(20);
    await expect(pointer.textContent()).resolves.toMatch(new RegExp(`^${count} (more )?signals from below on the wall, \\d+ in crisis`));
    // England's own figure's rows at most: the dozens of trusts' episodes are the wall's to list.
    expect(await node.locator('li.episode-row').count()).toBeLessThan(5);
    await pointer.getByRole('button').click();
    await page.waitForURL(/indicator=ga_occupancy/);
    const lines = await page.getByTestId('algedonic-wall').locator('.wall-group .group-line').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const text of lines) expect(text).toMatch(/^G&A bed occupancy:/);
    await page.close();
  });

  test('at North West the region’s own episodes come first, before what England holds', async () => {
    const page = await room(`/node/${NORTH_WEST}`);
    const wall = page.getByTestId('algedonic-wall');
    await wall.locator('li[data-episode]').first().waitFor();
    const sections = await wall.locator('.wall-section').evaluateAll((nodes) => nodes.map((node) => node.className));
    expect(sections[0]).toContain('section-own');
    const first = wall.locator('.section-own li[data-episode]').first();
    await expect(first.textContent()).resolves.toContain('held by North West');
    await expect(wall.locator('.section-own .section-head').textContent()).resolves.toMatch(/^Held at North West, window running/);
    await page.screenshot({ path: artifact('nhs-wall-region-1080p.png') });
    await page.close();
  });

  test('a frozen clock says HISTORY with its date, and its countdowns do not run', async () => {
    const page = await room(`/node/${NORTH_WEST}`);
    const timeLeft = page.getByTestId('algedonic-wall').getByTestId('time-left').filter({ hasText: /left|due now/ }).first();
    await timeLeft.waitFor();
    await expect(page.getByTestId('connection').textContent()).resolves.toMatch(/History/i);
    await expect(page.getByTestId('wall-clock').textContent()).resolves.toMatch(/12 Mar 2023 09:00/);
    const before = { left: await timeLeft.textContent(), clock: await page.getByTestId('wall-clock').textContent() };
    await page.waitForTimeout(3500);
    expect({ left: await timeLeft.textContent(), clock: await page.getByTestId('wall-clock').textContent() }).toEqual(before);
    await page.close();
  });

  test('Tab reaches the top bar first, in visual order: the breadcrumb, Replay, then “Sign in to act”', async () => {
    const page = await room(`/node/${NORTH_WEST}`);
    await page.getByTestId('algedonic-wall').locator('li[data-episode]').first().waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('England');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Replay');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Sign in to act');
    await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('Replay');
    await page.close();
  });

  test('an unknown node says so, with the way to the top', async () => {
    const page = await room('/node/NOPE');
    await page.getByRole('heading', { name: 'No node NOPE in this hierarchy' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/node/NOPE');
    await page.getByRole('link', { name: /Go to the top: England/ }).click();
    await page.getByTestId('algedonic-wall').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  test('the filters are the URL: a wall screen’s address reproduces its view', async () => {
    const page = await room(`/?severity=crisis&indicator=ga_occupancy&q=${encodeURIComponent('north west')}`);
    const wall = page.getByTestId('algedonic-wall');
    await wall.locator('li[data-episode], .wall-group').first().waitFor();
    await expect(wall.getByRole('combobox').first().inputValue()).resolves.toBe('crisis');
    await expect(wall.getByRole('searchbox').inputValue()).resolves.toBe('north west');
    const text = (await wall.locator('.wall-scroll').textContent()) ?? '';
    expect(text).not.toMatch(/on alert|Adult critical-care/);
    await expect(wall.locator('.pane-sub').textContent()).resolves.toMatch(/\d+ open · showing \d+/);
    await wall.getByRole('checkbox', { name: 'Held here' }).check();
    expect(new URL(page.url()).search).toBe('?severity=crisis&indicator=ga_occupancy&here=1&q=north+west');
    await wall.getByRole('button', { name: 'Show everything' }).first().click();
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });
});

describe('a generated network of 5,000 units with 330 crises told to the top', () => {
  test('the national wall is one line with its count, not 330 cards, and opens a page at a time', async () => {
    const nodes = nhsShapedNodes().filter((node) => node.level !== 'unit');
    const districts = nodes.filter((node) => node.level === 'district');
    for (let u = 0; u < 5000; u += 1) nodes.push({ id: `U${u}`, name: `Unit ${u}`, level: 'unit', parent: districts[u % districts.length]!.id });
    const config = parseConfig({ name: '5,000 units', levels: ['national', 'region', 'district', 'unit'], publicRead: true, indicators: WINTER_INDICATORS, nodes });
    large = await start({ config, dbPath: join(dir, 'large.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
    const ts = new Date().toISOString();
    // Crisis handovers (≥ 15 an hour) at 330 units: each told to every ancestor at once.
    await postReadings(large.url, ADMIN, Array.from({ length: 330 }, (_, i) => ({ unit: `U${i * 15}`, indicator: 'handover_over_60', ts, value: 20 + (i % 7) })));
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(large.url);
    const wall = page.getByTestId('algedonic-wall');
    const line = wall.locator('.wall-group .group-line');
    await line.first().waitFor();
    await expect(line.allTextContents()).resolves.toEqual([expect.stringMatching(/^Ambulance handovers over 60 minutes: 330 units in crisis, longest \d+ (s|m), in 7 regions$/)]);
    await expect(wall.locator('.pane-sub').textContent()).resolves.toMatch(/^330 open/);
    expect(await wall.locator('li[data-episode]').count()).toBe(0);
    expect(await wall.evaluate((element) => element.querySelectorAll('*').length)).toBeLessThan(80);
    await page.screenshot({ path: artifact('wall-5000-units-national.png') });

    // One more arrives: marked NEW for someone across the room, framed, and steady (no blink: it is news, not a window running out).
    await postReadings(large.url, ADMIN, [{ unit: 'U7', indicator: 'handover_over_60', ts: new Date().toISOString(), value: 30 }]);
    await wall.locator('.group-line', { hasText: '331 units in crisis' }).waitFor();
    await expect(wall.locator('.wall-group .new-badge').textContent()).resolves.toBe('NEW');
    await expect(wall.locator('.pane-sub').textContent()).resolves.toContain('1 new');
    const group = wall.locator('.wall-group.fresh');
    await expect(group.evaluate((element) => getComputedStyle(element).outlineStyle)).resolves.toBe('solid');
    await expect(group.evaluate((element) => element.getAnimations({ subtree: true }).length)).resolves.toBe(0);
    await page.screenshot({ path: artifact('wall-5000-units-new-arrival.png') });

    // Opened, the group leads with the arrival, framed and badged on its own among the eight cards shown.
    await wall.locator('button.group-toggle').click();
    expect(await wall.locator('li[data-episode]').count()).toBe(8);
    const first = wall.locator('li[data-episode]').first();
    await expect(first.getAttribute('class')).resolves.toContain('fresh');
    await expect(first.locator('.new-badge').textContent()).resolves.toBe('NEW');
    await expect(first.locator('.episode-where').textContent()).resolves.toContain('Unit 7');
    expect(await wall.locator('li[data-episode].fresh').count()).toBe(1);
    await page.screenshot({ path: artifact('wall-5000-units-new-arrival-opened.png') });
    await page.close();
  });
});
