import type { EpisodeRecord } from '../domain/episodes/episode';
import type { Hierarchy } from '../domain/hierarchy';

/** Where a resolved episode was settled: where it arose (never escalated), or higher up. */
export type Settled = 'locally' | 'escalated';

/** Settled locally: it resolved while the node it arose at still held it, so no one above had to act. */
export function settledWhere(episode: { node: string; path: readonly { type: string }[]; state: { holder: string } }): Settled {
  const escalated = episode.state.holder !== episode.node || episode.path.some((entry) => entry.type === 'escalated');
  return escalated ? 'escalated' : 'locally';
}

export interface EpisodeFigures {
  /** Open episodes by `${level}\u0000${severity}` of the node holding them. */
  open: Map<string, number>;
  resolved: Record<Settled, number>;
  /** Units with an open no-report episode. */
  noReportUnits: number;
}

/** What /metrics shows of the episodes, read from the engine's state at scrape time (nothing kept beside it). */
export function episodeFigures(episodes: Iterable<EpisodeRecord>, hierarchy: Pick<Hierarchy, 'has' | 'node'>): EpisodeFigures {
  const open = new Map<string, number>();
  const resolved: Record<Settled, number> = { locally: 0, escalated: 0 };
  const silent = new Set<string>();
  for (const episode of episodes) {
    if (episode.state.status === 'resolved') {
      resolved[settledWhere(episode)]++;
      continue;
    }
    // A holder the configuration no longer has still counts, under an honest label.
    const level = hierarchy.has(episode.state.holder) ? hierarchy.node(episode.state.holder).level : 'unknown';
    const key = `${level}\u0000${episode.severity}`;
    open.set(key, (open.get(key) ?? 0) + 1);
    if (episode.kind === 'no-report') silent.add(episode.node);
  }
  return { open, resolved, noReportUnits: silent.size };
}
