import type { DataQualityView, Episode, EpisodeFigures, NodeInfo, NodeValue, SettlingBelow, SnapshotEvent } from '../../shared/api';
import { applyEpisodeFigures } from './episode-figures';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** What the room knows about the node in focus: its snapshot, then every delta since. */
export interface LiveState {
  /** `since`: client time the status last changed, for "reconnecting for 12 s". */
  connection: { status: ConnectionStatus; message: string | null; since: number | null };
  /** The node the live data is for (the last subscription). */
  focus: string | null;
  /** A snapshot for `focus` has arrived; deltas before it belong to an older focus and are dropped. */
  synced: boolean;
  /** The connection dropped since the last snapshot: what is shown may be out of date. */
  stale: boolean;
  node: NodeInfo | null;
  children: NodeInfo[];
  /** Latest period per (node, indicator), keyed by `valueKey`. */
  values: Record<string, NodeValue>;
  /**
   * Episodes that reached the focus (the server sends no others): all open ones, and the most
   * recently resolved.
   */
  episodes: Record<string, Episode>;
  /** Per child of the focus, open trouble being settled below that has not reached the focus: counts only, from the server. */
  settlingBelow: SettlingBelow;
  /** Where a published total for the focus differs from opsroom's sum, from the last snapshot (shown beside the sum, never in its place). */
  dataQuality: DataQualityView[];
  /** Server clock minus client clock, from the last snapshot, so time in state matches the server. */
  clockOffsetMs: number;
  /** Where the server's clock is held (a frozen history), from the last snapshot; null while it runs. */
  clockHeldAt: number | null;
  /** A payload the client could not read, or a server-side error on the socket. */
  problem: string | null;
}

export type LiveEvent =
  | { type: 'connection'; status: ConnectionStatus; message?: string | null; at: number }
  | { type: 'focus'; node: string }
  | { type: 'snapshot'; snapshot: SnapshotEvent; receivedAt: number }
  | { type: 'episode'; episode: Episode }
  | { type: 'episode-figures'; episodes: EpisodeFigures[] }
  | { type: 'values'; values: NodeValue[] }
  | { type: 'below'; node: string; settlingBelow: SettlingBelow }
  | { type: 'finding'; finding: DataQualityView }
  | { type: 'problem'; message: string | null };

/** Resolved episodes kept for "recently settled"; older ones are forgotten so a long winter does not leak memory. */
export const RESOLVED_KEPT = 50;

export const initialLiveState: LiveState = {
  connection: { status: 'connecting', message: null, since: null },
  focus: null,
  synced: false,
  stale: false,
  node: null,
  children: [],
  values: {},
  episodes: {},
  settlingBelow: {},
  dataQuality: [],
  clockOffsetMs: 0,
  clockHeldAt: null,
  problem: null,
};

export const valueKey = (node: string, indicator: string) => `${node}\u0000${indicator}`;

/** The one reducer for live and replay: pure, no clock, no I/O. */
export function liveReducer(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'connection': {
      const since = event.status === state.connection.status ? state.connection.since : event.at;
      const connection = { status: event.status, message: event.message ?? null, since };
      return { ...state, connection, stale: state.stale || (event.status !== 'live' && state.synced) };
    }
    case 'focus':
      if (event.node === state.focus) return state;
      return { ...state, focus: event.node, synced: false, node: null, children: [], values: {}, episodes: {}, settlingBelow: {}, dataQuality: [] };
    case 'snapshot':
      return applySnapshot(state, event.snapshot, event.receivedAt);
    case 'episode':
      if (!state.synced) return state;
      return { ...state, episodes: upsertEpisode(state.episodes, event.episode) };
    case 'episode-figures':
      if (!state.synced) return state;
      return { ...state, episodes: applyEpisodeFigures(state.episodes, event.episodes) };
    case 'values':
      if (!state.synced) return state;
      return { ...state, values: upsertValues(state.values, event.values, shownNodes(state)) };
    case 'below':
      // The counts are sent whole; those for another node belong to an older focus.
      if (!state.synced || event.node !== state.focus) return state;
      return { ...state, settlingBelow: event.settlingBelow };
    case 'finding':
      // A finding for another node belongs to an older focus.
      if (!state.synced || event.finding.node !== state.focus) return state;
      return { ...state, dataQuality: upsertFinding(state.dataQuality, event.finding) };
    case 'problem':
      return { ...state, problem: event.message };
  }
}

function applySnapshot(state: LiveState, snapshot: SnapshotEvent, receivedAt: number): LiveState {
  // A snapshot for a node we have since moved away from: the next one is on its way.
  if (state.focus !== null && snapshot.node.id !== state.focus) return state;
  const shown = new Set([snapshot.node.id, ...snapshot.children.map((child) => child.id)]);
  const episodes: Record<string, Episode> = {};
  // Keep what we knew of recently resolved episodes: the snapshot carries open ones only.
  if (state.synced) {
    for (const episode of Object.values(state.episodes)) if (episode.status === 'resolved') episodes[episode.id] = episode;
  }
  for (const episode of snapshot.episodes) episodes[episode.id] = episode;
  return {
    ...state,
    focus: snapshot.node.id,
    synced: true,
    stale: false,
    node: snapshot.node,
    children: snapshot.children,
    values: upsertValues({}, snapshot.values, shown),
    episodes,
    settlingBelow: snapshot.settlingBelow,
    dataQuality: snapshot.dataQuality,
    clockOffsetMs: Date.parse(snapshot.at) - receivedAt,
    clockHeldAt: snapshot.clock === 'frozen' ? Date.parse(snapshot.at) : null,
    problem: null,
  };
}

function shownNodes(state: LiveState): Set<string> {
  const ids = state.children.map((child) => child.id);
  if (state.node) ids.push(state.node.id);
  return new Set(ids);
}

function upsertValues(values: Record<string, NodeValue>, incoming: NodeValue[], shown: Set<string>): Record<string, NodeValue> {
  let next = values;
  for (const value of incoming) {
    if (!shown.has(value.node)) continue;
    const key = valueKey(value.node, value.indicator);
    const known = next[key];
    // A late reading can revise an earlier period; the room shows the latest period only.
    if (known && Date.parse(known.period) > Date.parse(value.period)) continue;
    if (next === values) next = { ...values };
    next[key] = value;
  }
  return next;
}

/** One finding per (indicator, period): a newer one for the same period replaces it. */
function upsertFinding(findings: DataQualityView[], finding: DataQualityView): DataQualityView[] {
  const same = (known: DataQualityView) => known.indicator === finding.indicator && Date.parse(known.period) === Date.parse(finding.period);
  return [...findings.filter((known) => !same(known)), finding];
}

function upsertEpisode(episodes: Record<string, Episode>, episode: Episode): Record<string, Episode> {
  const known = episodes[episode.id];
  // Every change appends to the path, so a shorter path is an older copy.
  if (known && known.path.length > episode.path.length) return episodes;
  const next = { ...episodes, [episode.id]: episode };
  return episode.status === 'resolved' ? forgetOldResolved(next) : next;
}

function forgetOldResolved(episodes: Record<string, Episode>): Record<string, Episode> {
  const resolved = Object.values(episodes).filter((episode) => episode.status === 'resolved');
  if (resolved.length <= RESOLVED_KEPT) return episodes;
  resolved.sort((a, b) => Date.parse(b.resolvedAt ?? b.openedAt) - Date.parse(a.resolvedAt ?? a.openedAt));
  const next = { ...episodes };
  for (const old of resolved.slice(RESOLVED_KEPT)) delete next[old.id];
  return next;
}
