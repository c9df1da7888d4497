import type { Episode } from '../../shared/api';
import type { RunSummary, WhatifResult } from '../../shared/contract/planning';
import { holdings } from './report';

/** What the comparison needs of the tree: the levels from the top down, and each holder's level. */
export interface CompareTree {
  levels: readonly string[];
  levelOf(node: string): string;
}

/** The differences listed in an answer; the count says how many there were in all. */
export const MAX_DIFFERENCES = 500;

/** The q-quantile by nearest rank (the smallest value with at least q of them at or below it); null when there are none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/** The level an episode was settled at by the end of the run, or null while it is open. */
export const settledLevel = (episode: Episode): string | null => (episode.status === 'resolved' ? episode.resolvedLevel ?? episode.holderLevel : null);

/** Every level whose node held the episode at some time (not those only told of it). */
export function levelsHeld(episode: Episode, tree: CompareTree): Set<string> {
  const held = new Set(holdings(episode.path, Date.parse(episode.resolvedAt ?? episode.openedAt)).map((holding) => tree.levelOf(holding.holder)));
  held.add(episode.holderLevel);
  return held;
}

/** One run's outcome: how many opened, where they were settled and how fast, how many climbed to each level. */
export function summariseRun(episodes: readonly Episode[], tree: CompareTree): RunSummary {
  const settledAt: Record<string, number> = {};
  const reachedLevel: Record<string, number> = {};
  const times: Record<string, number[]> = {};
  let open = 0;
  for (const episode of episodes) {
    const level = settledLevel(episode);
    if (level === null) open += 1;
    else {
      settledAt[level] = (settledAt[level] ?? 0) + 1;
      (times[level] ??= []).push(Date.parse(episode.resolvedAt!) - Date.parse(episode.openedAt));
    }
    for (const held of levelsHeld(episode, tree)) reachedLevel[held] = (reachedLevel[held] ?? 0) + 1;
  }
  const inOrder = <T>(record: Record<string, T>) => Object.fromEntries(tree.levels.filter((name) => name in record).map((name) => [name, record[name]!]));
  const timeToSettle = Object.fromEntries(
    Object.entries(inOrder(times)).map(([level, values]) => [level, { count: values.length, medianMs: quantile(values, 0.5), p90Ms: quantile(values, 0.9) }]),
  );
  return { opened: episodes.length, settledAt: inOrder(settledAt), open, reachedTop: reachedLevel[tree.levels[0]!] ?? 0, reachedLevel: inOrder(reachedLevel), timeToSettle };
}

/** The same problem in both runs: the node, indicator and direction, and when it opened. */
export const episodeKey = (episode: Episode): string => `${episode.node}|${episode.indicator}|${episode.direction}|${episode.openedAt}`;

/** Episodes by key; a second one with the same key (never seen, but cheap to keep apart) gets `#2`. */
function byKey(episodes: readonly Episode[]): Map<string, Episode> {
  const out = new Map<string, Episode>();
  for (const episode of episodes) {
    const key = episodeKey(episode);
    let unique = key;
    for (let n = 2; out.has(unique); n++) unique = `${key}#${n}`;
    out.set(unique, episode);
  }
  return out;
}

/**
 * The episodes that differ: opened in one run only, or settled at another level (still open counts
 * as a level of its own). In order of opening; at most MAX_DIFFERENCES listed.
 */
export function episodeDifferences(live: readonly Episode[], whatif: readonly Episode[]): Pick<WhatifResult, 'differences' | 'differenceCount'> {
  const left = byKey(live);
  const right = byKey(whatif);
  const out: WhatifResult['differences'] = [];
  for (const [key, episode] of left) {
    const other = right.get(key) ?? null;
    if (other === null) out.push({ key, kind: 'live-only', live: episode, whatif: null });
    else if (settledLevel(episode) !== settledLevel(other)) out.push({ key, kind: 'settled-elsewhere', live: episode, whatif: other });
  }
  for (const [key, episode] of right) if (!left.has(key)) out.push({ key, kind: 'whatif-only', live: null, whatif: episode });
  const openedAt = (difference: (typeof out)[number]) => (difference.live ?? difference.whatif)!.openedAt;
  out.sort((a, b) => Date.parse(openedAt(a)) - Date.parse(openedAt(b)) || a.key.localeCompare(b.key));
  return { differences: out.slice(0, MAX_DIFFERENCES), differenceCount: out.length };
}
