/**
 * The ops room in a real browser against a real server: a bad reading appears on the wall, climbs
 * level by level, is followed with the keyboard and acknowledged; the room rides out a server
 * restart. The steps run in order and share one page, as a coordinator's session would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { start, type Running } from '../../server/main';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { smallNetwork } from './networks';
import { postReadings, unitReadings } from './winter';

jest.setTimeout(120_000);

const ADMIN = 'e2e-admin-token-0123456789';
const UNITS = ['MAN', 'SAL', 'LIV', 'CAM', 'BAR'];
const config = smallNetwork();

let dir: string;
let server: Running;
let browser: Browser;
let page: Page;
let episodeId: string;

const map = () => page.getByTestId('recursion-map');
const wall = () => page.getByTestId('algedonic-wall');
const card = (): Locator => wall().locator('li[data-episode]').first();
const cell = (id: string) => map().locator(`g[data-node="${id}"]`);
const connection = () => page.getByTestId('connection');
const cursorOn = (id: string) => page.locator(`[data-testid="recursion-map"][aria-activedescendant="cell-${id}"]`).waitFor({ timeout: 2000 });
const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const issueToken = async (role: 'coordinator' | 'reporter', node: string, name: string) =>
  (await api('/api/tokens', { method: 'POST', token: ADMIN, body: JSON.stringify({ role, node, name }) })).body.token as string;
const startServer = (port = 0) => start({ config, dbPath: join(dir, 'opsroom.db'), port, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
const signIn = async (token: string) => {
  await page.getByRole('button', { name: 'Sign in to act' }).click();
  await page.locator('#token').fill(token);
  await page.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();
};

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-e2e-'));
  server = await startServer();
  await postReadings(server.url, ADMIN, UNITS.flatMap((unit) => unitReadings(unit, new Date().toISOString())));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a signal, live, from a unit to the top', () => {
  test('the whole hierarchy is drawn and the feed is live', async () => {
    await page.goto(server.url);
    await connection().and(page.locator('[data-status="live"]')).waitFor();
    for (const node of config.nodes) await expect(cell(node.id).count()).resolves.toBe(1);
    await expect(page.title()).resolves.toBe('England · Opsroom');
    await expect(wall().textContent()).resolves.toContain('All quiet at England');
    await page.screenshot({ path: artifact('e2e-1-hierarchy.png') });
  });

  test('a bad reading posted over REST is on the wall within a second', async () => {
    await page.goto(`${server.url}/node/MAN`);
    await wall().getByText('All quiet at Manchester Royal').waitFor();
    const posted = Date.now();
    await postReadings(server.url, ADMIN, [{ unit: 'MAN', indicator: 'handover_over_60', ts: new Date().toISOString(), value: 9 }]);
    await card().waitFor({ timeout: 1000 });
    expect(Date.now() - posted).toBeLessThan(1000);
    episodeId = (await card().getAttribute('data-episode'))!;
    await expect(card().textContent()).resolves.toMatch(/Alert.*Ambulance handovers over 60 minutes/);
    await expect(card().getByTestId('time-left').textContent()).resolves.toMatch(/^\d s left$/);
    await expect(cell('MAN').getAttribute('data-state')).resolves.toBe('held');
    await page.screenshot({ path: artifact('e2e-2-opened.png') });
  });

  test('it climbs: district, region, then the top with no window left', async () => {
    const where = card().locator('.episode-where');
    await where.getByText('Greater Manchester').waitFor({ timeout: 4000 });
    await where.getByText('North West').waitFor({ timeout: 4000 });
    await where.getByText('England').waitFor({ timeout: 4000 });
    await card().getByTestId('time-left').getByText('overdue at the top').waitFor({ timeout: 4000 });
    // Standing at the top it is a compact card; its whole path is on its page.
    const path = await page.evaluate(async (id) => (await (await fetch(`/api/episodes/${id}`)).json()).path, episodeId);
    expect(path.filter((entry: { type: string }) => entry.type === 'escalated').map((entry: { to: string }) => entry.to)).toEqual(['GM', 'NW', 'ENG']);
    await expect(cell('MAN').getAttribute('data-state')).resolves.toBe('passed');
    await page.screenshot({ path: artifact('e2e-3-climbed.png') });
  });

  test('Escape goes up; the signal is on the wall of every level it reached', async () => {
    for (const [path, name] of [['/node/GM', 'Greater Manchester'], ['/node/NW', 'North West'], ['/', 'England']]) {
      await page.keyboard.press('Escape');
      await page.waitForURL(`${server.url}${path}`);
      await wall().getByRole('heading', { name: `Signals reaching ${name}` }).waitFor();
      await wall().locator(`li[data-episode="${episodeId}"]`).waitFor();
    }
    await expect(cell('NW').getAttribute('data-state')).resolves.toBe('passed');
    await expect(cell('ENG').getAttribute('data-state')).resolves.toBe('held');
    await expect(cell('LON').getAttribute('data-state')).resolves.toBe('normal');
  });

  test('arrows and Enter drill down; the URL names the node; arrows at a unit walk its siblings', async () => {
    // Coming up from North West left the cursor on it.
    await cursorOn('NW');
    const steps: Array<[string, string | null]> = [
      ['Enter', '/node/NW'],
      ['ArrowRight', null], // Cheshire and Merseyside → Greater Manchester
      ['Enter', '/node/GM'],
      ['Enter', '/node/MAN'], // Manchester Royal is first
      ['ArrowRight', '/node/SAL'],
      ['ArrowLeft', '/node/MAN'],
    ];
    for (const [key, path] of steps) {
      await page.keyboard.press(key);
      if (path) await page.waitForURL(`${server.url}${path}`);
    }
    await expect(page.locator('.crumbs').textContent()).resolves.toBe('EnglandNorth WestGreater ManchesterManchester Royal');
    await page.goto(`${server.url}/node/NW`);
    await cursorOn('CM');
    await page.keyboard.press('ArrowDown');
    await cursorOn('GM');
    // Worst first: the district the signal passed through heads the table once the snapshot is in.
    await page.getByTestId('children-table').locator('tbody tr').first().getByText('Greater Manchester').waitFor({ timeout: 2000 });
  });

  test('a token the server does not know is refused in its own words', async () => {
    await page.goto(server.url);
    await signIn('not-a-real-token');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unknown token');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  test('buttons follow the scope: a London coordinator sees none, the national coordinator acknowledges', async () => {
    await signIn(await issueToken('coordinator', 'LON', 'London coordinator'));
    await page.getByTestId('who').getByText('London coordinator').waitFor();
    await card().waitFor();
    await expect(card().getByRole('button').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(await issueToken('coordinator', 'ENG', 'National coordinator'));
    await card().getByRole('button', { name: 'Acknowledge' }).click();
    await card().getByRole('textbox').fill('Mutual aid from Cheshire; HALO on site at Manchester Royal');
    await card().getByRole('button', { name: 'Acknowledge' }).click();
    await card().getByText('National coordinator is on it').waitFor();
    await card().getByText('HALO on site').waitFor();
    const stored = await api(`/api/episodes/${episodeId}`);
    expect(stored.body.acknowledgedBy).toBe('National coordinator');
    await page.screenshot({ path: artifact('e2e-4-acknowledged.png') });
  });

  test('after the server drops, the room says so and resyncs without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const port = server.port;
    await server.close();
    await connection().and(page.locator('[data-status="reconnecting"], [data-status="offline"]')).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifact('e2e-5-dropped.png') });
    server = await startServer(port);
    await connection().and(page.locator('[data-status="live"]')).waitFor({ timeout: 15_000 });
    await api(`/api/episodes/${episodeId}/notes`, { method: 'POST', token: ADMIN, body: JSON.stringify({ note: 'Back after the restart' }) });
    await card().getByText('Back after the restart').waitFor({ timeout: 2000 });
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
    await page.screenshot({ path: artifact('e2e-6-resynced.png') });
  });
});

describe('a network that is not public', () => {
  test('asks for a token, then opens the room with it', async () => {
    const closed = await start({ config: smallNetwork({ publicRead: false }), dbPath: join(dir, 'closed.db'), port: 0, host: '127.0.0.1', adminToken: ADMIN, quiet: true });
    const closedPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await closedPage.goto(`${closed.url}/node/GM`);
      await closedPage.getByText('This ops room is not public').waitFor();
      const issued = await fetch(`${closed.url}/api/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ role: 'coordinator', node: 'NW', name: 'North West coordinator' }),
      });
      const { token } = (await issued.json()) as { token: string };
      await closedPage.getByRole('button', { name: 'Sign in to act' }).click();
      await closedPage.locator('#token').fill(token);
      await closedPage.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();
      await closedPage.locator('[data-testid="connection"][data-status="live"]').waitFor();
      await closedPage.getByTestId('algedonic-wall').getByText('All quiet at Greater Manchester').waitFor();
      expect(new URL(closedPage.url()).pathname).toBe('/node/GM');
    } finally {
      await closedPage.close();
      await closed.close();
    }
  });
});
