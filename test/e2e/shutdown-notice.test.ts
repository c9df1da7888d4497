/**
 * The room is told why the feed went: a server shutting down with a reason closes each socket after
 * saying it, and the wall's connection lamp shows those words (not "connection lost").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { start } from '../../server/main';
import { testConfig } from '../helpers/network';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';

jest.setTimeout(120_000);

let dir: string;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  dir = mkdtempSync(join(tmpdir(), 'opsroom-shutdown-notice-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the wall says the server is shutting down, in the server\'s words, and that it waits for it to come back', async () => {
  const server = await start({ config: testConfig(), dbPath: join(dir, 'notice.db'), port: 0, host: '127.0.0.1', adminToken: 'e2e-admin-token-0123456789', quiet: true });
  let closed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await page.goto(server.url);
    const lamp = page.getByTestId('connection');
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor();
    await server.close('the server is shutting down (SIGTERM)');
    closed = true;
    await page.locator('[data-testid="connection"][data-status="reconnecting"]').waitFor();
    await expect(lamp.locator('.connection-detail').textContent()).resolves.toContain('the server is shutting down (SIGTERM); waiting for it to come back');
    await expect(lamp.locator('.connection-word').textContent()).resolves.toBe('Reconnecting');
    await page.screenshot({ path: artifact('shutdown-notice.png') });
  } finally {
    if (!closed) await server.close();
  }
});
