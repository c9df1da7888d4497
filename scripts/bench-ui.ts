/**
 * npm run bench:ui — is the national view smooth at scale? For each network size (2,000 and 5,000
 * units by default): the server in its own process on a generated NHS-shaped network, a few of its
 * units in trouble so signals climb to the top; a load generator in another process posting
 * ~100 readings/s over keep-alive HTTP; then headless Chromium opens the national view at
 * 1920×1080, three times, and reports medians of: first render, frames per second over 10 s
 * (requestAnimationFrame count), long tasks > 50 ms after first render, DOM elements and running
 * animations. Beside them the ceiling, measured in the same browser under the same load: the
 * frame rate of an empty page counting frames for as long.
 *
 *   npm run bench:ui -- [--units 2000,5000] [--runs 3] [--seconds 10] [--rate 100] [--root <checkout>] [--profile] [--no-build]
 *
 * --root measures another checkout's server and client (e.g. a worktree of an older commit) with
 * this bench; --profile builds the client unminified, records a CPU profile of the last run of
 * each size (Chrome DevTools Profiler over CDP), saves it to test-artifacts/ and prints where the time went; --profile --trace
 * records a timeline trace instead and prints the main thread's time by event (Layout, Paint…);
 * --css adds a style sheet to the page, to see what one part costs (--css '.wall { display: none }').
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildModel, readingsAt } from './sim/index';
import { largeNetwork, troubled } from './bench-ui/network';
import { installCeiling, installProbe, type ProbeResult, type ProbeWindow } from './bench-ui/probe';
import { BENCH_ROOT, buildClient, postAll, startLoad, startServer, stop } from './bench-ui/processes';
import { heaviestTotals, hotSpots, mainThreadTime, type CpuProfile } from './bench-ui/profile';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN = 'bench-ui-admin-token-0123456789';
/** Short windows, so the warm-up's signals have climbed to the top before the page opens. */
const ALLOWANCES = { unit: '2s', district: '2s', region: '2s' };

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '2000,5000' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    root: { type: 'string', default: BENCH_ROOT },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    css: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const SIZES = values.units.split(',').map(Number);
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const ROOT = resolve(values.root);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** tsx (esbuild, keeping names) wraps functions in `__name(...)`; a function sent to the page needs it there too. */
const KEEP_NAMES = { content: 'globalThis.__name = (fn) => fn;' };

async function resultOf(page: Page, timeoutMs: number): Promise<ProbeResult> {
  const handle = await page.waitForFunction(() => (window as unknown as ProbeWindow).__bench?.result, undefined, { polling: 250, timeout: timeoutMs });
  return (await handle.jsonValue()) as ProbeResult;
}

/** One visit to the national view, measured; with a CPU profile of the measured window when asked. */
async function visit(browser: Browser, url: string, profileTo: string | null): Promise<ProbeResult> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(KEEP_NAMES);
  await page.addInitScript(installProbe, SECONDS);
  if (values.css) await page.addInitScript((css: string) => document.addEventListener('DOMContentLoaded', () => document.head.append(Object.assign(document.createElement('style'), { textContent: css }))), values.css);
  const cdp = profileTo ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  }
  await page.goto(url, { waitUntil: 'commit' });
  if (cdp || (profileTo && values.trace)) {
    await page.waitForFunction(() => (window as unknown as ProbeWindow).__bench?.firstRenderMs !== undefined, undefined, { polling: 50, timeout: 60_000 });
    if (values.trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    else await cdp!.send('Profiler.start');
  }
  const result = await resultOf(page, 120_000);
  if (profileTo && values.trace) {
    const trace = JSON.parse((await browser.stopTracing()).toString()) as Parameters<typeof mainThreadTime>[0];
    console.log('  main thread, by trace event:');
    for (const event of mainThreadTime(trace, 20)) console.log(`    ${event.ms.toFixed(0).padStart(7)} ms ${String(event.count).padStart(6)}×  ${event.name}`);
  }
  if (cdp && profileTo && !values.trace) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(profileTo, JSON.stringify(profile));
    const line = (spot: { name: string; selfMs: number; totalMs: number }) => `    ${spot.selfMs.toFixed(0).padStart(7)} ms self ${spot.totalMs.toFixed(0).padStart(7)} ms total  ${spot.name}`;
    console.log(`  CPU profile of the measured window → ${profileTo}\n  by self time:`);
    for (const spot of hotSpots(profile, 18)) console.log(line(spot));
    console.log('  by total time:');
    for (const spot of heaviestTotals(profile, 24)) console.log(line(spot));
  }
  await page.close();
  return result;
}

async function ceiling(browser: Browser): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto('about:blank');
  await page.addScriptTag(KEEP_NAMES);
  await page.evaluate(installCeiling, SECONDS);
  const result = await resultOf(page, SECONDS * 1000 + 30_000);
  await page.close();
  return result.frames / result.seconds;
}

interface Row {
  name: string;
  unit: string;
  values: number[];
  digits?: number;
}

function report(units: number, rows: Row[]): void {
  console.log(`\n${units.toLocaleString('en-GB')} units, national view at 1920×1080, ~${RATE} readings/s arriving — median of ${RUNS} (each run)`);
  for (const row of rows) {
    const digits = row.digits ?? 0;
    const each = row.values.map((value) => value.toFixed(digits)).join(', ');
    console.log(`  ${row.name.padEnd(40)} ${median(row.values).toFixed(digits).padStart(8)} ${row.unit.padEnd(10)} (${each})`);
  }
}

async function benchSize(browser: Browser, units: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-bench-ui-'));
  const config = largeNetwork(units, { allowances: ALLOWANCES });
  const server = await startServer(ROOT, dir, config, ADMIN);
  let load: ReturnType<typeof startLoad> | null = null;
  try {
    // Every unit reports once, the troubled ones in trouble; their signals climb while we wait.
    const model = buildModel(config, { seed: 1971, tickMs: 3_600_000 });
    await postAll(server.url, ADMIN, troubled(readingsAt(model, 399, new Date().toISOString())));
    load = startLoad(server.url, ADMIN, units, RATE);
    await sleep(12_000);
    const results: ProbeResult[] = [];
    const ceilings: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const profileTo = values.profile && run === RUNS - 1 ? join(BENCH_ROOT, 'test-artifacts', `bench-ui-${units}.cpuprofile`) : null;
      if (profileTo) mkdirSync(join(BENCH_ROOT, 'test-artifacts'), { recursive: true });
      results.push(await visit(browser, server.url, profileTo));
      ceilings.push(await ceiling(browser));
    }
    const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
    report(units, [
      { name: 'first render', unit: 'ms', values: results.map((r) => r.firstRenderMs) },
      { name: 'frames per second', unit: 'fps', values: results.map((r) => r.frames / r.seconds), digits: 1 },
      { name: 'ceiling: empty page, same browser', unit: 'fps', values: ceilings, digits: 1 },
      { name: 'long tasks > 50 ms after first render', unit: 'tasks', values: results.map((r) => r.longTasks.length) },
      { name: 'longest of them', unit: 'ms', values: results.map((r) => longest(r.longTasks)) },
      { name: 'time in long tasks', unit: `ms/${SECONDS} s`, values: results.map((r) => r.longTasks.reduce((sum, d) => sum + d, 0)) },
      { name: 'longest task before first render', unit: 'ms', values: results.map((r) => longest(r.longTasksBefore)) },
      { name: 'DOM elements', unit: '', values: results.map((r) => r.domElements) },
      { name: 'running animations', unit: '', values: results.map((r) => r.runningAnimations) },
    ]);
  } finally {
    if (load) await stop(load);
    await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!values['no-build']) buildClient(ROOT, !values.profile);
  console.log(`opsroom bench:ui — server and client from ${ROOT}; ${SIZES.join(' and ')} units; ${RUNS} runs of ${SECONDS} s each`);
  const browser = await launchBrowser();
  try {
    for (const units of SIZES) await benchSize(browser, units);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench-ui: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
