import type { Episode } from '../../shared/api';
import { perEpisode, timesOf } from './per-episode';

/** How much of the holder's window is used: the lamp blinks faster as this nears 1. */
export interface Allowance {
  /** When the current holder got the episode (opened, or the last escalation). */
  start: number;
  deadline: number | null;
  /** 0..1; 1 when the window is spent or the episode sits at the top with no window left. */
  used: number;
  /** Milliseconds to the deadline; 0 when due; null when there is no deadline. */
  leftMs: number | null;
  overdue: boolean;
  /** 0 calm, 1 half used, 2 three quarters, 3 nine tenths, 4 spent or overdue. */
  urgency: Urgency;
}
export type Urgency = 0 | 1 | 2 | 3 | 4;

export const windowStart = perEpisode((episode: Episode): number => {
  let start = Date.parse(episode.openedAt);
  for (const entry of episode.path) {
    if (entry.type === 'opened' || entry.type === 'escalated') start = Date.parse(entry.at);
  }
  return start;
});

export function allowanceOf(episode: Episode, now: number): Allowance {
  const start = windowStart(episode);
  const deadline = episode.deadline === null ? null : Date.parse(episode.deadline);
  if (episode.status === 'resolved') return { start, deadline, used: 0, leftMs: null, overdue: false, urgency: 0 };
  if (episode.overdue) return { start, deadline, used: 1, leftMs: deadline === null ? null : 0, overdue: true, urgency: 4 };
  if (deadline === null) return { start, deadline, used: 0, leftMs: null, overdue: false, urgency: 0 };
  const span = Math.max(1, deadline - start);
  const used = Math.min(1, Math.max(0, (now - start) / span));
  return { start, deadline, used, leftMs: Math.max(0, deadline - now), overdue: false, urgency: urgencyOf(used) };
}

export function urgencyOf(used: number): Urgency {
  if (used >= 1) return 4;
  if (used >= 0.9) return 3;
  if (used >= 0.75) return 2;
  if (used >= 0.5) return 1;
  return 0;
}

/** One stretch of time an episode spent with one holder. `to` is null while it is still held there. */
export interface Leg {
  holder: string;
  from: number;
  to: number | null;
}

/** The path travelled, holder by holder; a stretch with the same holder after a reopen counts as one. */
export function holderLegs(episode: Episode): Leg[] {
  const legs: Leg[] = [];
  const close = (at: number) => {
    const last = legs[legs.length - 1];
    if (last && last.to === null) last.to = at;
  };
  const begin = (holder: string, at: number) => {
    close(at);
    legs.push({ holder, from: at, to: null });
  };
  for (const entry of episode.path) {
    const at = Date.parse(entry.at);
    if (entry.type === 'opened' || entry.type === 'reopened') begin(entry.holder, at);
    else if (entry.type === 'escalated') begin(entry.to, at);
    else if (entry.type === 'resolved') close(at);
  }
  if (legs.length === 0) legs.push({ holder: episode.holder, from: Date.parse(episode.openedAt), to: null });
  return mergeRepeats(legs);
}

function mergeRepeats(legs: Leg[]): Leg[] {
  const merged: Leg[] = [];
  for (const leg of legs) {
    const last = merged[merged.length - 1];
    if (last && last.holder === leg.holder) {
      // Time spent resolved between the two is not time with the holder.
      const before = last.to === null ? 0 : last.to - last.from;
      merged[merged.length - 1] = { holder: leg.holder, from: leg.from - before, to: leg.to };
    } else merged.push({ ...leg });
  }
  return merged;
}

export const legDuration = (leg: Leg, now: number) => Math.max(0, (leg.to ?? now) - leg.from);

/** Holders in order, the origin first even when a crisis skipped its window. */
export const holderChain = perEpisode((episode: Episode): readonly string[] => {
  const chain = [episode.node];
  for (const leg of holderLegs(episode)) if (!chain.includes(leg.holder)) chain.push(leg.holder);
  if (!chain.includes(episode.holder)) chain.push(episode.holder);
  return chain;
});

export type NodeState = 'crisis' | 'held' | 'passed' | 'bright' | 'normal';
const RANK: Record<NodeState, number> = { crisis: 4, held: 3, passed: 2, bright: 1, normal: 0 };

export interface NodeMark {
  state: NodeState;
  /** Open episodes this node holds now, most urgent first. */
  held: Episode[];
  /** The node itself has an open missing report (see noReportOf in no-report.ts). */
  noReport?: boolean;
}

/**
 * How one open episode lights one node on its way (see nodeMarks), for a node on its holder chain.
 * Crisis is painted only where the crisis arose: on the 2022-23 winter England itself is in crisis
 * and every trust's crisis climbs through its ICB and region, so painting the whole way up turned
 * every box orange and hid where the trouble is. The node that holds it is "held" (yellow, with
 * its time left) and the nodes between are "passed", as for an alert.
 */
export function wayState(episode: Pick<Episode, 'severity' | 'node' | 'holder'>, id: string): NodeState {
  if (episode.severity === 'crisis' && id === episode.node) return 'crisis';
  return id === episode.holder ? 'held' : 'passed';
}

/**
 * What the map shows on each node: crisis where a crisis arose; held where a signal sits now;
 * passed where it started or went through; bright where good news began.
 */
export function nodeMarks(episodes: Iterable<Episode>): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>();
  const mark = (id: string, state: NodeState) => {
    const known = marks.get(id) ?? { state: 'normal' as NodeState, held: [] };
    if (RANK[state] > RANK[known.state]) known.state = state;
    marks.set(id, known);
    return known;
  };
  for (const episode of episodes) {
    if (episode.status !== 'open') continue;
    if (episode.direction === 'pleasure') {
      mark(episode.node, 'bright');
      continue;
    }
    for (const id of holderChain(episode)) {
      const known = mark(id, wayState(episode, id));
      if (id === episode.holder) known.held.push(episode);
    }
    if (episode.kind === 'no-report') mark(episode.node, 'normal').noReport = true;
  }
  for (const known of marks.values()) known.held.sort(byUrgency);
  return marks;
}

/** Most urgent first: crisis, then overdue, then the nearest deadline, then the oldest. */
export function byUrgency(a: Episode, b: Episode): number {
  const crisis = Number(b.severity === 'crisis') - Number(a.severity === 'crisis');
  if (crisis !== 0) return crisis;
  const overdue = Number(b.overdue) - Number(a.overdue);
  if (overdue !== 0) return overdue;
  const timesA = timesOf(a);
  const timesB = timesOf(b);
  if (timesA.deadline !== timesB.deadline) return timesA.deadline < timesB.deadline ? -1 : 1;
  return timesA.opened - timesB.opened || a.id.localeCompare(b.id);
}

const sameMark = (a: NodeMark, b: NodeMark) =>
  a.state === b.state && Boolean(a.noReport) === Boolean(b.noReport) && a.held.length === b.held.length && a.held.every((episode, index) => episode === b.held[index]);

/**
 * `next` with every mark that says the same as in `previous` replaced by the previous object, so a
 * map cell whose mark did not change is not drawn again (the cells compare marks by identity): news
 * of one episode redraws the cells it touches, not every lit cell on the map.
 */
export function keepUnchangedMarks(previous: ReadonlyMap<string, NodeMark> | null, next: Map<string, NodeMark>): Map<string, NodeMark> {
  if (!previous) return next;
  for (const [id, mark] of next) {
    const before = previous.get(id);
    if (before && before !== mark && sameMark(before, mark)) next.set(id, before);
  }
  return next;
}
