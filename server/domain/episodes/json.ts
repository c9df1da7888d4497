import type { Episode, PathEntry } from '../../../shared/api';
import { toIso } from '../time';
import type { EpisodePathEntry, EpisodeRecord } from './episode';

const entryJson = (entry: EpisodePathEntry): PathEntry =>
  entry.type === 'revised' ? { ...entry, at: toIso(entry.at), period: toIso(entry.period) } : { ...entry, at: toIso(entry.at) };

/** A path only grows and its entries never change: each entry's JSON is made once (an episode that flaps has thousands). Read-only. */
const entryCache = new WeakMap<EpisodePathEntry, PathEntry>();
const pathEntryJson = (entry: EpisodePathEntry): PathEntry => {
  let json = entryCache.get(entry);
  if (!json) entryCache.set(entry, (json = entryJson(entry)));
  return json;
};

/** What the card says beyond the record, gathered from the series (see episode-facts.ts). */
export type EpisodeFactsJson = Pick<Episode, 'opening' | 'now' | 'cause' | 'spark'>;

/** The episode as the API, the socket and the client see it. */
export function episodeJson(episode: EpisodeRecord, levelOf: (node: string) => string, facts?: EpisodeFactsJson): Episode {
  const { state } = episode;
  return {
    id: episode.id,
    node: episode.node,
    indicator: episode.indicator,
    direction: episode.direction,
    kind: episode.kind,
    severity: episode.severity,
    period: toIso(episode.period),
    value: episode.value,
    status: state.status,
    holder: state.holder,
    holderLevel: levelOf(state.holder),
    openedAt: toIso(episode.openedAt),
    deadline: state.status === 'open' && state.deadline !== null ? toIso(state.deadline) : null,
    overdue: state.overdue,
    resolvedAt: state.status === 'resolved' ? toIso(state.resolvedAt) : null,
    resolvedLevel: state.status === 'resolved' ? state.resolvedLevel : null,
    acknowledgedBy: episode.acknowledgedBy,
    policyVersion: episode.policyVersion,
    reached: [...episode.reached],
    inhibits: episode.inhibits.map((breach) => ({ ...breach, level: levelOf(breach.node), period: toIso(breach.period), since: toIso(breach.since) })),
    inhibitedBy: [...episode.inhibitedBy],
    path: episode.path.map(pathEntryJson),
    ...facts,
  };
}
