/**
 * Replay in the ops room, on the imported 2022-23 NHS winter in Debian's Chromium at 1920×1080, as a
 * planner would use it: open replay, drag to an instant and see the room as it stood then (the same
 * episodes the server's state at that instant has), step to the next escalation and see the episode
 * arrive at the node it climbed to, send the moment as a URL, and return to live.
 */
import type { Browser, Page } from 'playwright-core';
import { snapshotEventSchema } from '../../shared/api';
import { timelineSchema, type Timeline } from '../../shared/contract/planning';
import { artifact, ensureClientBuilt, launchBrowser } from './browser';
import { serveImportedWinter, type ImportedRoom } from './imported-room';

jest.setTimeout(300_000);

let imported: ImportedRoom | undefined;
let browser: Browser;
let url: string;
let timeline: Timeline;
const ADMIN = 'e2e-replay-admin-token-0123456789';

beforeAll(async () => {
  await ensureClientBuilt();
  imported = await serveImportedWinter({ seasons: ['2022-23'], ae: false, adminToken: ADMIN });
  url = imported.server.url;
  browser = await launchBrowser();
  timeline = timelineSchema.parse(await (await fetch(`${url}/api/timeline?buckets=300`)).json());
});

afterAll(async () => {
  await browser?.close();
  await imported?.close();
});

async function room(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${url}${path}`);
  return page;
}

const atOf = (page: Page) => new URL(page.url()).searchParams.get('at');
const nodeAt = async (node: string, at: string) => snapshotEventSchema.parse(await (await fetch(`${url}/api/state/nodes/${node}?at=${encodeURIComponent(at)}`)).json());

describe('replay of the imported 2022-23 winter', () => {
  test('the winter has escalations to replay', () => {
    expect(timeline.escalations.length).toBeGreaterThan(5);
  });

  test('opening replay and dragging to an instant shows the room as it stood then, marked as the past; leaving returns to live', async () => {
    const page = await room('/');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const bar = page.getByTestId('replay-bar');
    await bar.waitFor();
    expect(atOf(page)).not.toBeNull();
    await expect(page.getByTestId('connection').textContent()).resolves.toMatch(/Replay/i);

    // Drag along the timeline from a fifth to two fifths of the way.
    const track = page.getByTestId('replay-track');
    const box = (await track.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const at = atOf(page)!;
    await page.locator('[data-testid="replay-bar"][aria-busy="false"]').waitFor({ timeout: 60_000 }); // the moment is rebuilt on the server
    const from = Date.parse(timeline.from!);
    const span = Date.parse(timeline.to!) - from;
    expect((Date.parse(at) - from) / span).toBeCloseTo(0.4, 1);

    // The replayed date is said plainly, and the wall holds what the server's state at that instant holds.
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(at));
    await expect(page.getByTestId('replay-when').textContent()).resolves.toContain(day.replace(/ /g, ' '));
    const then = await nodeAt('ENG', at);
    const sub = page.locator('#wall-title + .pane-sub');
    await page.waitForFunction((count) => (document.querySelector('#wall-title + .pane-sub')?.textContent ?? '').startsWith(count === 0 ? 'none' : `${count} open`), then.episodes.length);
    expect(await sub.textContent()).toMatch(then.episodes.length === 0 ? /^none/ : new RegExp(`^${then.episodes.length} open`));
    // The past does not count down: the clock reads the replayed moment, a second later too.
    const clock = await page.getByTestId('wall-clock').getAttribute('datetime');
    expect(Date.parse(clock!)).toBe(Date.parse(at));
    await page.waitForTimeout(1200);
    await expect(page.getByTestId('wall-clock').getAttribute('datetime')).resolves.toBe(clock);
    await page.screenshot({ path: artifact('replay-nhs-winter.png') });

    await bar.getByRole('button', { name: 'Back to live' }).click();
    await bar.waitFor({ state: 'detached' });
    expect(atOf(page)).toBeNull();
    await expect(page.getByTestId('connection').textContent()).resolves.toMatch(/History/i); // the imported winter is served frozen where it ends
    await page.close();
  });

  test('a sent moment opens on that moment, and the next escalation arrives where it climbed to', async () => {
    // An escalation alone at its instant, to a node below the top (an ICB or a region).
    const counts = new Map<string, number>();
    for (const step of timeline.escalations) counts.set(step.at, (counts.get(step.at) ?? 0) + 1);
    const chosen = timeline.escalations.find((step) => counts.get(step.at) === 1 && step.to !== 'ENG' && Date.parse(step.at) > Date.parse(timeline.from!));
    expect(chosen).toBeDefined();
    const episode = (await (await fetch(`${url}/api/episodes/${chosen!.episode}`)).json()) as { node: string };
    const before = chosen!.at; // at the deadline itself the window has not yet run out
    // Narrowed to the unit, so its episode is a card of its own, not inside a closed group.
    const page = await room(`/node/${chosen!.to}?at=${encodeURIComponent(before)}&q=${encodeURIComponent(episode.node)}`);
    await page.locator('[data-testid="replay-bar"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    const card = page.locator(`.wall li[data-episode="${chosen!.episode}"]`);
    expect(await card.count()).toBe(0); // not yet climbed there

    await page.getByRole('button', { name: /Next escalation/ }).click();
    await card.waitFor({ timeout: 60_000 });
    const landed = atOf(page)!;
    expect(Date.parse(landed) - Date.parse(chosen!.at)).toBe(1); // just after the deadline
    const then = await nodeAt(chosen!.to, landed);
    expect(then.episodes.find((e) => e.id === chosen!.episode)?.holder).toBe(chosen!.to);
    await page.screenshot({ path: artifact('replay-next-escalation.png') });

    // Back steps to the moment before the jump.
    await page.goBack();
    await card.waitFor({ state: 'detached', timeout: 60_000 });
    expect(atOf(page)).toBe(before);
    await page.close();
  });

  test('a what-if with a longer trust window shows the two runs side by side and the episodes that differ, each openable', async () => {
    const at = new Date(Date.parse(timeline.from!) + 14 * 86_400_000).toISOString();
    const page = await room(`/?at=${encodeURIComponent(at)}`);
    await page.getByRole('button', { name: 'Sign in to act' }).click();
    await page.locator('#token').fill(ADMIN);
    await page.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'What if…' }).click();
    const panel = page.getByTestId('whatif-panel');
    // The week up to the moment replayed is offered; a trust (unit) window of a week instead of the live one.
    await panel.getByLabel('Window at the unit').fill('7d');
    await panel.getByRole('button', { name: 'Run what-if' }).click();
    const headline = panel.getByTestId('whatif-headline');
    await headline.waitFor({ timeout: 120_000 });
    expect(await headline.textContent()).toMatch(/fewer reached the (district|region|national)/);
    await panel.getByTestId('whatif-chart').waitFor();
    const first = panel.locator('.whatif-difference.kind-settled-elsewhere').first(); // one in both runs
    expect(await first.textContent()).toMatch(/Live: .*What-if: /);
    await first.getByText('Both paths').click();
    await expect(first.locator('.whatif-path').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: artifact('replay-whatif.png') });
    // The what-if run's episode opens on its page, marked as the rerun; the live run's on its own.
    const whatifLink = first.getByRole('link', { name: "open the what-if run's episode page" });
    const whatifHref = (await whatifLink.getAttribute('href'))!;
    const key = await first.getAttribute('data-key');
    const liveLink = page.locator(`.whatif-difference[data-key="${key}"]`).getByRole('link', { name: 'open its episode page' });
    const liveHref = await liveLink.getAttribute('href');
    await whatifLink.click();
    await page.getByTestId('whatif-episode').waitFor({ timeout: 30_000 });
    await page.getByTestId('episode-page').waitFor();
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(whatifHref);
    await page.goto(`${url}${liveHref}`);
    await page.getByTestId('episode-page').waitFor();
    expect(await page.getByTestId('whatif-episode').count()).toBe(0);
    await page.close();
  });
});
