import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const REPO = resolve(__dirname, '../..');
export const ARTIFACTS = join(REPO, 'test-artifacts');
export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing phoning home. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsFresh(): boolean {
  const index = join(REPO, 'client/dist/index.html');
  const sources = Math.max(newestChange(join(REPO, 'client')), newestChange(join(REPO, 'shared')), statSync(join(REPO, 'vite.config.mts')).mtimeMs);
  return existsSync(index) && statSync(index).mtimeMs >= sources;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Builds client/dist if it is missing or older than the client's sources (`npm run build` has
 * normally done it). Test files run in parallel, so one builds while the others wait on a lock.
 */
export async function ensureClientBuilt(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const lock = join(ARTIFACTS, '.client-build-lock');
  for (let waited = 0; !builtIsFresh(); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 120_000) throw new Error(`client build lock ${lock} held for two minutes; remove it if no build is running`);
      await sleep(200);
      continue;
    }
    try {
      execSync('npx vite build', { cwd: REPO, stdio: 'pipe', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
