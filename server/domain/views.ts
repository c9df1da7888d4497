import type { BelowCounts, DataQualityView, Episode, HeldBackBreach, NodeValue, NodeView, Series, Triple } from '../../shared/api';
import { hasReached, settlingBelow, type Settling } from '../../shared/reach';
import type { Engine } from './engine';
import { episodeFacts } from './episode-facts';
import type { EpisodeRecord } from './episodes/episode';
import { episodeJson } from './episodes/json';
import type { Point } from './state';
import { seriesKey } from './state';
import { toIso } from './time';

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

/** Beer's triple index; inverted where lower is better, so above 1 always reads as good. */
export function tripleIndex(actuality: number, capability: number | null, potentiality: number | null, better: 'higher' | 'lower'): Triple {
  const lower = better === 'lower';
  return {
    actuality,
    capability,
    potentiality,
    productivity: lower ? ratio(capability, actuality) : ratio(actuality, capability),
    latency: lower ? ratio(potentiality, capability) : ratio(capability, potentiality),
    performance: lower ? ratio(potentiality, actuality) : ratio(actuality, potentiality),
  };
}

export function nodeValue(engine: Engine, node: string, indicator: string, period: number, point: Point): NodeValue {
  const { policy } = engine;
  const level = policy.hierarchy.node(node).level;
  const rule = policy.indicator(indicator);
  const thresholds = policy.thresholds(indicator, level);
  const capability = policy.capability(indicator, level);
  const potentiality = policy.potentiality(indicator, level);
  return {
    node,
    indicator,
    period: toIso(period),
    value: point.value,
    coverage: point.coverage,
    final: point.final,
    triple: point.value === null ? null : tripleIndex(point.value, capability, potentiality, rule.config.better),
    thresholds: thresholds ? { alert: thresholds.alert ?? null, crisis: thresholds.crisis ?? null, clear: thresholds.clear ?? null } : null,
    forecast: engine.state.series.get(seriesKey(node, indicator))?.forecasts.get(period) ?? null,
  };
}

/** The latest value of every indicator of a node. */
export function latestValues(engine: Engine, node: string): NodeValue[] {
  const values: NodeValue[] = [];
  for (const indicator of engine.policy.indicators.keys()) {
    const series = engine.state.series.get(seriesKey(node, indicator));
    if (!series || series.latestPeriod === null) continue;
    values.push(nodeValue(engine, node, indicator, series.latestPeriod, series.points.get(series.latestPeriod)!));
  }
  return values;
}

export const toEpisode = (engine: Engine, episode: EpisodeRecord): Episode =>
  episodeJson(episode, (node) => (engine.policy.hierarchy.has(node) ? engine.policy.hierarchy.node(node).level : 'unknown'), episodeFacts(engine, episode));

/** Each episode effect's JSON, made once and shared by its readers (the journal, the publisher): the state they read it from is the same. */
const effectJson = new WeakMap<object, Episode>();

/**
 * The episode of an `episode` effect as it stands after the step that made it, built once per effect
 * (it carries the whole path, so building it costs as much as the path is long). Read-only for callers.
 */
export function toEpisodeOnce(engine: Engine, effect: { episode: EpisodeRecord }): Episode {
  let json = effectJson.get(effect);
  if (!json) effectJson.set(effect, (json = toEpisode(engine, effect.episode)));
  return json;
}

export interface EpisodeFilter {
  status?: 'open' | 'resolved' | 'all';
  node?: string;
  /** Only episodes that reached `node` (the top when no node is named): what that level's room sees. */
  reached?: boolean;
  direction?: 'pain' | 'pleasure';
  from?: number;
  to?: number;
  /** Only episodes resolved by then (a replayed room's "settled recently"); open ones are left out. */
  resolvedTo?: number;
}

/**
 * Episodes that arose in a node's subtree (wherever they are held now), oldest first; with `reached`,
 * only those that reached the node (held there, passed through it, or told to it).
 */
export function listEpisodes(engine: Engine, filter: EpisodeFilter = {}): Episode[] {
  return matchingEpisodes(engine, filter).map((episode) => toEpisode(engine, episode));
}

export function matchingEpisodes(engine: Engine, filter: EpisodeFilter): EpisodeRecord[] {
  const { hierarchy } = engine.policy;
  const node = filter.node ?? (filter.reached ? hierarchy.root : undefined);
  const out: EpisodeRecord[] = [];
  for (const episode of engine.state.episodes.values()) {
    if (filter.status && filter.status !== 'all' && episode.state.status !== filter.status) continue;
    if (filter.direction && episode.direction !== filter.direction) continue;
    if (node !== undefined && !(hierarchy.has(episode.node) && hierarchy.inSubtree(episode.node, node))) continue;
    if (filter.reached && node !== undefined && !hasReached(episode, node)) continue;
    const end = episode.state.status === 'resolved' ? episode.state.resolvedAt : Infinity;
    if (filter.from !== undefined && end < filter.from) continue;
    if (filter.to !== undefined && episode.openedAt > filter.to) continue;
    if (filter.resolvedTo !== undefined && !(end <= filter.resolvedTo)) continue;
    out.push(episode);
  }
  return out;
}

/** What "newest" needs of an episode. */
export interface Dated {
  id: string;
  openedAt: number;
  state: { status: 'open' } | { status: 'resolved'; resolvedAt: number };
}

/** When an episode last changed status: its resolution, or its opening while it is open. */
export const lastChange = (episode: Dated) => (episode.state.status === 'resolved' ? episode.state.resolvedAt : episode.openedAt);

/** Older first by when each last changed status, ties by id: the one order of every bounded list of episodes. */
export const byLastChange = (a: Dated, b: Dated) => lastChange(a) - lastChange(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The newest `limit` of `episodes` by when each last changed status (ties by id), oldest first. */
export function newestOf<T extends Dated>(episodes: readonly T[], limit: number): T[] {
  const sorted = [...episodes].sort(byLastChange);
  return sorted.slice(Math.max(0, sorted.length - limit));
}

/** The open episodes, as the count of what is being settled below needs them (shared/reach.ts). */
export function openSettling(engine: Engine): Settling[] {
  const { hierarchy } = engine.policy;
  const open: Settling[] = [];
  for (const episode of engine.state.episodes.values()) {
    if (episode.state.status !== 'open' || !hierarchy.has(episode.node)) continue;
    open.push({ node: episode.node, reached: episode.reached, status: episode.state.status, severity: episode.severity, direction: episode.direction });
  }
  return open;
}

/**
 * Per child of `node`, the open trouble that arose in the child's subtree and has not reached `node`.
 * `open` lets a caller counting for many nodes at once gather the open episodes only once.
 */
export function settlingBelowOf(engine: Engine, node: string, open: readonly Settling[] = openSettling(engine)): Record<string, BelowCounts> {
  const { hierarchy } = engine.policy;
  return settlingBelow(open, node, hierarchy.children(node), (id, ancestor) => hierarchy.inSubtree(id, ancestor));
}

/**
 * A node as its level sees it: its children, the latest values of both, the episodes that reached
 * it, and per child the count of what is being settled below (attenuation, as its room gets it).
 */
export function nodeView(
  engine: Engine,
  id: string,
  status: EpisodeFilter['status'] = 'all',
  /** Which of the episodes that reached it to send (all, by default); `episodesTotal` counts them all. */
  select: (reached: EpisodeRecord[]) => EpisodeRecord[] = (reached) => reached,
): NodeView {
  const { hierarchy } = engine.policy;
  const children = hierarchy.children(id);
  const reached = matchingEpisodes(engine, { node: id, status, reached: true });
  return {
    node: hierarchy.node(id),
    children: children.map((child) => hierarchy.node(child)),
    values: [id, ...children].flatMap((node) => latestValues(engine, node)),
    episodes: select(reached).map((episode) => toEpisode(engine, episode)),
    episodesTotal: reached.length,
    settlingBelow: settlingBelowOf(engine, id),
    heldBack: heldBack(engine, [id, ...children]),
    dataQuality: dataQuality(engine, { node: id }),
  };
}

/** Published totals that differ from the sums, oldest period first. */
export function dataQuality(engine: Engine, filter: { node?: string; indicator?: string } = {}): DataQualityView[] {
  return [...engine.state.dataQuality.values()]
    .filter((finding) => (filter.node === undefined || finding.node === filter.node) && (filter.indicator === undefined || finding.indicator === filter.indicator))
    .map((finding) => ({ ...finding, difference: finding.summed - finding.published }))
    .sort((a, b) => a.period.localeCompare(b.period) || a.node.localeCompare(b.node) || a.indicator.localeCompare(b.indicator));
}

/** The nodes' own breaches held back by episodes below them, oldest first. */
export function heldBack(engine: Engine, nodes: readonly string[]): HeldBackBreach[] {
  const wanted = new Set(nodes);
  return [...engine.state.heldBack.values()]
    .filter((held) => wanted.has(held.node))
    .sort((a, b) => a.since - b.since || a.node.localeCompare(b.node))
    .map((held) => ({ ...held, period: toIso(held.period), since: toIso(held.since), by: [...held.by] }));
}

export function seriesView(engine: Engine, node: string, indicator: string, from?: number, to?: number): Series {
  const series = engine.state.series.get(seriesKey(node, indicator));
  const periods = series ? [...series.points.keys()].filter((p) => (from === undefined || p >= from) && (to === undefined || p <= to)).sort((a, b) => a - b) : [];
  return {
    node,
    indicator,
    points: periods.map((period) => {
      const point = series!.points.get(period)!;
      const paused = engine.policy.pausedUnits(node, period, indicator);
      return {
        period: toIso(period), value: point.value, coverage: point.coverage, final: point.final, forecast: series!.forecasts.get(period) ?? null,
        ...(paused.length === 0 ? {} : { paused: { units: paused.length, since: paused.length === 1 ? toIso(paused[0]!) : null } }),
      };
    }),
  };
}
