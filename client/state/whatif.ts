import type { Episode } from '../../shared/api';
import type { z } from 'zod';
import type { whatifPolicySchema, WhatifResult } from '../../shared/contract/planning';
import { formatDuration, parseDuration } from '../../shared/duration';

/**
 * The what-if panel's rules (issue #10): from what a planner typed to the policy sent, and from the
 * two runs to the chart's bars and the differences in words. Pure; the panel is WhatifPanel.
 */

/** The windows a planner typed per level ('' keeps the live one). */
export type AllowanceDraft = Record<string, string>;

/** The policy as it is sent (windows as typed). */
export type WhatifPolicyInput = z.input<typeof whatifPolicySchema>;

export type DraftCheck = { ok: true; policy: WhatifPolicyInput; changed: string[] } | { ok: false; level: string; message: string };

/**
 * The policy to send: only the levels whose window differs from the live one, so the answer says
 * plainly what was changed. A window that is not a duration is refused naming its level.
 */
export function policyFromDraft(
  draft: AllowanceDraft,
  live: Record<string, number>,
  levels: readonly string[],
  thresholds?: { indicator: string; bounds: { alert?: number; crisis?: number } | null },
): DraftCheck {
  const allowances: Record<string, string> = {};
  for (const level of levels) {
    const text = (draft[level] ?? '').trim();
    if (text === '') continue;
    const ms = parseDuration(text);
    if (ms === null) return { ok: false, level, message: `"${text}" is not a window: write a number and one of m, h, d (4h, 2d)` };
    if (ms !== live[level]) allowances[level] = text;
  }
  const changed = Object.keys(allowances);
  const policy: WhatifPolicyInput = changed.length === 0 ? {} : { allowances };
  if (thresholds?.bounds) {
    policy.indicators = { [thresholds.indicator]: { thresholds: thresholds.bounds } };
    changed.push(`${thresholds.indicator} thresholds`);
  }
  return { ok: true, policy, changed };
}

/** Thresholds a planner typed for one indicator, for every level ('' keeps the live bound). */
export interface ThresholdDraft {
  indicator: string;
  alert: string;
  crisis: string;
}

export type ThresholdCheck = { ok: true; thresholds: { alert?: number; crisis?: number } | null } | { ok: false; field: 'alert' | 'crisis'; message: string };

/**
 * One indicator's thresholds for every level, as typed: blank is no change; each must be a number;
 * with both, the crisis bound lies beyond the alert bound on the bad side (above it where lower is better).
 */
export function thresholdsFromDraft(draft: ThresholdDraft, better: 'higher' | 'lower'): ThresholdCheck {
  const read = (field: 'alert' | 'crisis') => {
    const text = draft[field].trim();
    if (text === '') return { field, value: undefined };
    const value = Number(text);
    return { field, value: Number.isFinite(value) ? value : NaN };
  };
  const [alert, crisis] = [read('alert'), read('crisis')];
  for (const bound of [alert, crisis]) if (Number.isNaN(bound.value)) return { ok: false, field: bound.field, message: `"${draft[bound.field].trim()}" is not a number` };
  if (alert.value === undefined && crisis.value === undefined) return { ok: true, thresholds: null };
  if (alert.value !== undefined && crisis.value !== undefined) {
    const beyond = better === 'lower' ? crisis.value >= alert.value : crisis.value <= alert.value;
    if (!beyond) return { ok: false, field: 'crisis', message: `the crisis bound must be ${better === 'lower' ? 'at or above' : 'at or below'} the alert bound (${better} is better)` };
  }
  return { ok: true, thresholds: { ...(alert.value === undefined ? {} : { alert: alert.value }), ...(crisis.value === undefined ? {} : { crisis: crisis.value }) } };
}

/** The live windows from a logged configuration (durations as milliseconds or text). */
export function liveAllowances(config: Record<string, unknown>): Record<string, number> {
  const raw = (config.allowances ?? {}) as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [level, value] of Object.entries(raw)) {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : null;
    if (ms !== null) out[level] = ms;
  }
  return out;
}

export interface LevelBar {
  /** A level's name, or "still open" for what neither settled by the end of the span. */
  label: string;
  live: number;
  whatif: number;
}

/** Episodes by the level they were settled at, in the tree's order from the units up, then those still open. */
export function levelBars(result: Pick<WhatifResult, 'live' | 'whatif'>, levels: readonly string[]): LevelBar[] {
  const upwards = [...levels].reverse();
  const bars = upwards.map((level) => ({ label: level, live: result.live.settledAt[level] ?? 0, whatif: result.whatif.settledAt[level] ?? 0 }));
  bars.push({ label: 'still open', live: result.live.open, whatif: result.whatif.open });
  return bars;
}

/** Where an episode ended up in one run, in words: "settled by the unit", "still open at the region". */
export function outcomeWords(episode: Episode | null, levelOf: (node: string) => string): string {
  if (episode === null) return 'not opened';
  if (episode.status === 'resolved') return `settled by the ${episode.resolvedLevel ?? levelOf(episode.holder)}`;
  return `still open, held by the ${episode.holderLevel}`;
}

/** The highest level an episode was held at in one run. */
export function highestHeld(episode: Episode, levels: readonly string[], levelOf: (node: string) => string): string {
  const held = new Set([levelOf(episode.node), ...episode.path.flatMap((step) => (step.type === 'escalated' ? [levelOf(step.to)] : step.type === 'reopened' ? [levelOf(step.holder)] : []))]);
  return levels.find((level) => held.has(level)) ?? levelOf(episode.node);
}

export interface DifferenceLine {
  key: string;
  title: string;
  live: string;
  whatif: string;
}

/** One difference between the runs in words, the same problem named once with its outcome in each. */
export function differenceLine(
  difference: WhatifResult['differences'][number],
  words: { nameOf(node: string): string; labelOf(indicator: string): string; levelOf(node: string): string; levels: readonly string[] },
): DifferenceLine {
  const either = (difference.live ?? difference.whatif)!;
  const outcome = (episode: Episode | null) => {
    if (episode === null) return 'not opened';
    const top = highestHeld(episode, words.levels, words.levelOf);
    const ended = episode.status === 'resolved' ? (episode.resolvedLevel ?? episode.holderLevel) : episode.holderLevel;
    // Only when it climbed higher than where it ended (settled lower after a reopening, say).
    const climbed = top === ended ? '' : `, having climbed to the ${top}`;
    return `${outcomeWords(episode, words.levelOf)}${climbed}`;
  };
  return {
    key: difference.key,
    title: `${words.labelOf(either.indicator)} at ${words.nameOf(either.node)}, from ${new Date(either.openedAt).toISOString().slice(0, 16).replace('T', ' ')}`,
    live: outcome(difference.live),
    whatif: outcome(difference.whatif),
  };
}

/** "12 of 40 fewer reached the district" style summary of the top-most change, or that nothing changed. */
export function headline(result: Pick<WhatifResult, 'live' | 'whatif' | 'differenceCount'>, levels: readonly string[]): string {
  if (result.differenceCount === 0) return 'The same episodes, settled at the same levels: the change makes no difference in this span.';
  for (const level of levels.slice(0, -1)) {
    const live = result.live.reachedLevel[level] ?? 0;
    const whatif = result.whatif.reachedLevel[level] ?? 0;
    if (live !== whatif) return `${Math.abs(live - whatif)} ${live > whatif ? 'fewer' : 'more'} reached the ${level} (${live} live, ${whatif} in the what-if).`;
  }
  return result.differenceCount === 1 ? '1 episode differs, not in how high it climbed.' : `${result.differenceCount} episodes differ, none in how high they climbed.`;
}

/** A window as the form writes it, one unit that parseDuration reads back: 2d, 36h, 90m. */
export function windowText(ms: number | undefined): string {
  if (ms === undefined) return '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** A span's length in words, for the form: "7 d". */
export const spanWords = (from: number, to: number) => formatDuration(Math.max(0, to - from));

/** An indicator's live thresholds in words, from a logged configuration: "alert 0.95, crisis 1", or per level. */
export function liveThresholdWords(config: Record<string, unknown>, indicator: string): string | null {
  const found = ((config.indicators ?? []) as Array<{ id?: unknown; thresholds?: unknown }>).find((entry) => entry.id === indicator);
  const thresholds = found?.thresholds as Record<string, unknown> | undefined;
  if (!thresholds) return null;
  const one = (bounds: Record<string, unknown>) => (['alert', 'crisis'] as const).filter((k) => typeof bounds[k] === 'number').map((k) => `${k} ${String(bounds[k])}`).join(', ');
  if ('alert' in thresholds || 'crisis' in thresholds || 'clear' in thresholds) return one(thresholds) || null;
  const levels = Object.entries(thresholds).map(([level, bounds]) => `${level}: ${one((bounds ?? {}) as Record<string, unknown>)}`);
  return levels.length === 0 ? null : levels.join('; ');
}
