/**
 * A past month read on the node view, in Chromium: a small import of late winter 2018-19 with the
 * monthly A&E figures, served with the clock frozen where it ends. Open England, choose March 2019,
 * and the A&E 4-hour figure reads 86.6 %, every provider reported; the month is in the URL, so the
 * address opens the same reading. A trust's page shows its published (ODS capitals) name.
 */
import type { Browser } from 'playwright-core';
import type { Running } from '../../server/main';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { serveImportedWinter, type ImportedRoom } from './imported-room';

jest.setTimeout(180_000);

let imported: ImportedRoom | undefined;
let browser: Browser;
let server: Running;
let trust: { id: string; publishedName: string };

beforeAll(async () => {
  await ensureClientBuilt();
  imported = await serveImportedWinter({ seasons: ['2018-19'], from: '2019-02-15', to: '2019-04-30', ae: true });
  server = imported.server;
  const named = imported.config.nodes.find((node) => node.level === 'unit' && node.publishedName !== undefined)!;
  trust = { id: named.id, publishedName: named.publishedName! };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await imported?.close();
});

const aeRow = '.past-period-table tr[data-indicator="ae_4h_performance"]';

test('England, March 2019: the A&E 4-hour figure reads 86.6 %, wholly reported, and the URL keeps the month', async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${server.url}/`);
  const month = page.getByLabel('Month', { exact: true });
  await month.waitFor();
  // Reached from the keyboard: Tab from the button before it lands on it.
  await page.locator('[data-testid="past-period"]').evaluate((section) => (section.closest('.node-view') as HTMLElement).querySelector<HTMLElement>('.pane-head button')?.focus());
  for (let i = 0; i < 10 && !(await month.evaluate((input) => input === document.activeElement)); i++) await page.keyboard.press('Tab');
  expect(await month.evaluate((input) => input === document.activeElement)).toBe(true);

  await month.fill('2019-03');
  await page.locator(aeRow).waitFor();
  expect(await page.locator('.past-period-table caption').textContent()).toBe('March 2019');
  expect(await page.locator(`${aeRow} .past-figure`).textContent()).toBe('86.6%');
  // The month the figure is for, as published, not the engine's 28-day period holding it.
  expect(await page.locator(`${aeRow} td`).nth(1).textContent()).toBe('March 2019');
  expect(await page.locator(`${aeRow} td`).nth(2).textContent()).toBe('100%');
  expect(new URL(page.url()).searchParams.get('period')).toBe('2019-03');
  await page.screenshot({ path: artifact('past-period-england-march-2019.png') });

  // The address alone opens the same reading.
  const again = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await again.goto(`${server.url}/?period=2019-03`);
  await again.locator(aeRow).waitFor();
  expect(await again.locator(`${aeRow} .past-figure`).textContent()).toBe('86.6%');
  // Back to now clears it.
  await again.getByRole('button', { name: 'Back to now' }).click();
  expect(await again.locator('.past-period-table').count()).toBe(0);
  expect(new URL(again.url()).searchParams.get('period')).toBeNull();
  await page.close();
  await again.close();
});

test("a trust's page shows the name as published beside the name as written", async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${server.url}/node/${trust.id}`);
  await page.locator('[data-testid="published-name"]').waitFor();
  expect(await page.locator('[data-testid="published-name"]').textContent()).toContain(trust.publishedName);
  await page.close();
});
