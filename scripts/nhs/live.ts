import { MAX_FINDINGS_PER_REQUEST, type DataQualityFinding, type Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import { periodClock } from '../../server/domain/periods';
import { fetchCatalogue, inParallel, issueReporterToken, postReadings, whoami } from '../sim/client';
import { byUnit } from '../sim/index';
import { DAY_MS } from './catalogue';
import type { DayReadings } from './sitrep-readings';

export interface LiveOptions {
  url: string;
  /** Admin tokens (reporter tokens are issued for every unit) and/or reporter tokens (that unit only). */
  tokens: readonly string[];
  /** Wall-clock seconds for one reported day. */
  speedSeconds: number;
  /** The configuration generated for this speed: the server must be running it. */
  config: Config;
  days: readonly DayReadings[];
  log: (line: string) => void;
  /** For tests: the clock and the wait. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LiveResult {
  days: number;
  posted: number;
  accepted: number;
  duplicates: number;
  failedPosts: number;
  /** Readings of units no token could post for. */
  notPosted: number;
  /** Data-quality findings posted with the admin token, and those left unposted (no admin token, or a failed post). */
  findingsPosted: number;
  findingsNotPosted: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Checks the server runs the configuration of this replay: same units, same indicators, same speed. */
async function checkServer(options: LiveOptions, token: string): Promise<void> {
  const { nodes, indicators } = await fetchCatalogue(options.url, token);
  const periods = new Map(indicators.map((i) => [i.id, i.periodMs]));
  const ids = new Set(nodes.map((n) => n.id));
  const hint = `start the server with the configuration written by: npm run import:nhs -- <same options> --speed ${options.speedSeconds} --config-out <file> --config-only`;
  for (const indicator of options.config.indicators) {
    const period = periods.get(indicator.id);
    if (period === undefined) throw new Error(`the server at ${options.url} has no indicator "${indicator.id}"; ${hint}`);
    if (period !== indicator.period) {
      throw new Error(`the server's "${indicator.id}" has a period of ${period} ms, this replay needs ${indicator.period} ms (${options.speedSeconds} s per day); ${hint}`);
    }
  }
  const missing = options.config.nodes.filter((n) => !ids.has(n.id)).map((n) => n.id);
  if (missing.length > 0) throw new Error(`the server at ${options.url} does not know ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; ${hint}`);
}

/** A reporter token for every unit it can post for: reporters for their own unit, admins for the rest; and the admin token, if given. */
async function reporterTokens(options: LiveOptions, units: readonly string[]): Promise<{ tokens: Map<string, string>; admin: string | null }> {
  const tokens = new Map<string, string>();
  let admin: string | null = null;
  for (const token of options.tokens) {
    const who = await whoami(options.url, token);
    if (who.role === 'admin') admin = token;
    else if (who.role === 'reporter' && who.node !== null) tokens.set(who.node, token);
    else options.log(`live: a ${who.role} token for ${who.node ?? '(none)'} cannot post readings; ignored`);
  }
  if (admin !== null) {
    const adminToken = admin;
    const missing = units.filter((unit) => !tokens.has(unit));
    await inParallel(missing, 8, async (unit) => tokens.set(unit, await issueReporterToken(options.url, adminToken, unit)));
    options.log(`live: issued ${missing.length} reporter tokens`);
  }
  return { tokens, admin };
}

/** Records published totals that differ from the sums (`POST /api/findings`, admin only). */
async function postFindings(url: string, adminToken: string, findings: readonly DataQualityFinding[]): Promise<number> {
  let accepted = 0;
  for (let at = 0; at < findings.length; at += MAX_FINDINGS_PER_REQUEST) {
    const response = await fetch(new URL('/api/findings', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ findings: findings.slice(at, at + MAX_FINDINGS_PER_REQUEST) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST /api/findings → ${response.status} ${text.slice(0, 200)}`);
    accepted += (JSON.parse(text) as { accepted: number }).accepted;
  }
  return accepted;
}

/**
 * Replays the real figures through the REST API as the trusts would post them. Each reported day
 * gets its own `speed`-second slot, aligned to the server's period boundaries; its readings are
 * posted a moment into the slot and stamped with that moment, so the server (whose clock is the
 * engine's) sees one period per day, in order, never ahead of its clock.
 */
export async function replayLive(options: LiveOptions): Promise<LiveResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  // Whole milliseconds, as the generated configuration has it.
  const periodMs = Math.round(options.speedSeconds * 1000);
  if (options.tokens.length === 0) throw new Error('a live replay needs --token (an admin token, or reporter tokens)');
  await checkServer(options, options.tokens[0]!);
  const units = [...new Set(options.days.flatMap((day) => day.readings.map((r) => r.unit)))].sort();
  const { tokens, admin } = await reporterTokens(options, units);
  const result: LiveResult = { days: 0, posted: 0, accepted: 0, duplicates: 0, failedPosts: 0, notPosted: 0, findingsPosted: 0, findingsNotPosted: 0 };
  const withFindings = options.days.reduce((n, day) => n + (day.findings?.length ?? 0), 0);
  if (withFindings > 0 && admin === null) options.log(`live: ${withFindings} data-quality findings need an admin token to be posted; none was given`);

  // The server's periods: epoch multiples for a few seconds a day, local days of its time zone for whole days.
  const clock = periodClock(periodMs, options.config.timeZone);
  const firstDay = Date.parse(`${options.days[0]!.date}T00:00:00Z`);
  const soonest = now() + 1000;
  let slot = clock.start(soonest) === soonest ? soonest : clock.next(clock.start(soonest));
  let slotDay = 0;
  const into = Math.min(1000, periodMs / 10);
  for (const day of options.days) {
    const dayNumber = Math.round((Date.parse(`${day.date}T00:00:00Z`) - firstDay) / DAY_MS);
    for (; slotDay < dayNumber; slotDay++) slot = clock.next(slot);
    await sleep(slot + into - now());
    if (now() >= clock.next(slot)) options.log(`live: ${day.date} is late (the posts of a day took longer than ${options.speedSeconds} s); its figures land in a later period`);
    const ts = new Date(Math.max(now(), slot + into)).toISOString();
    const groups = [...byUnit(day.readings.map((r): Reading => ({ ...r, ts })))];
    let accepted = 0;
    await inParallel(groups, 8, async ([unit, readings]) => {
      const token = tokens.get(unit);
      if (token === undefined) {
        result.notPosted += readings.length;
        return;
      }
      try {
        const answer = await postReadings(options.url, token, readings);
        accepted += answer.accepted;
        result.duplicates += answer.duplicates;
        result.posted += readings.length;
      } catch (error) {
        result.failedPosts++;
        options.log(`live: ${day.date} ${unit}: ${(error as Error).message}`);
      }
    });
    result.accepted += accepted;
    const findings = day.findings ?? [];
    if (findings.length > 0) {
      // Restamped like the readings: the finding is about the period this day's figures landed in.
      const restamped = findings.map((finding) => ({ ...finding, period: ts }));
      if (admin === null) result.findingsNotPosted += findings.length;
      else {
        try {
          result.findingsPosted += await postFindings(options.url, admin, restamped);
        } catch (error) {
          result.findingsNotPosted += findings.length;
          options.log(`live: ${day.date} findings: ${(error as Error).message}`);
        }
      }
    }
    result.days++;
    options.log(`live: ${day.date} posted at ${ts}: ${groups.length} units, ${accepted} readings accepted`);
  }
  return result;
}
