import type { Episode, PathEntry } from '../../shared/api';
import type { Report } from '../../shared/contract/planning';

/** What the report needs of the tree: whether a node is in a subtree, and each node's level. */
export interface ReportTree {
  inSubtree(node: string, root: string): boolean;
  levelOf(node: string): string;
  /** Levels from the top down, so the report lists them in that order. */
  levels: readonly string[];
}

/** A stretch of time an episode was held by one node. */
export interface Holding {
  holder: string;
  start: number;
  end: number;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * Who held the episode from when to when, read off its path: opened or reopened starts a holding,
 * an escalation hands it on, the resolution ends it. An open episode's last holding runs to `until`.
 */
export function holdings(path: readonly PathEntry[], until: number): Holding[] {
  const out: Holding[] = [];
  let current: { holder: string; start: number } | null = null;
  const close = (at: number) => {
    if (current) out.push({ holder: current.holder, start: current.start, end: Math.max(current.start, at) });
    current = null;
  };
  for (const entry of path) {
    const at = ms(entry.at);
    if (entry.type === 'opened' || entry.type === 'reopened') {
      close(at);
      current = { holder: entry.holder, start: at };
    } else if (entry.type === 'escalated') {
      close(at);
      current = { holder: entry.to, start: at };
    } else if (entry.type === 'resolved') close(at);
  }
  close(until);
  return out;
}

/** Whether the episode was open at some time in [from, to], read off its path: a stretch between a resolution and a reopening does not count. */
export const openInSpan = (episode: Pick<Episode, 'path'>, from: number, to: number): boolean =>
  holdings(episode.path, Number.POSITIVE_INFINITY).some((holding) => holding.start <= to && holding.end >= from);

/**
 * How the episode stood at `to`: the level of its last resolution by then, or null while it was open
 * then (never resolved, or reopened after it). A December report counts an episode settled in December
 * as settled, even if it was reopened in January.
 */
export function settledLevelAt(path: readonly PathEntry[], to: number): string | null {
  let level: string | null = null;
  for (const entry of path) {
    if (ms(entry.at) > to) break;
    if (entry.type === 'resolved') level = entry.level;
    else if (entry.type === 'reopened') level = null;
  }
  return level;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const TOP = 20;

/** The report of a span for a node's subtree, from the episodes with their whole paths. */
export function spanReport(episodes: readonly Episode[], tree: ReportTree, root: string, from: number, to: number): Report {
  const inScope = episodes.filter((episode) => tree.inSubtree(episode.node, root) && openInSpan(episode, from, to));
  const settledAt: Record<string, number> = {};
  const held: Record<string, number[]> = {};
  const units = new Map<string, { escalations: number; episodes: number; highest: number }>();
  const indicators = new Map<string, { escalations: number; episodes: number }>();
  const noReport = new Map<string, number>();
  let open = 0;
  for (const episode of inScope) {
    const settled = settledLevelAt(episode.path, to);
    if (settled !== null) settledAt[settled] = (settledAt[settled] ?? 0) + 1;
    else open += 1;
    // Time held is counted within the span only, per level, once per episode and level.
    const perLevel = new Map<string, number>();
    let highest = Number.POSITIVE_INFINITY;
    for (const holding of holdings(episode.path, to)) {
      const start = Math.max(from, holding.start);
      const end = Math.min(to, holding.end);
      const level = tree.levelOf(holding.holder);
      highest = Math.min(highest, tree.levels.indexOf(level));
      if (end >= start) perLevel.set(level, (perLevel.get(level) ?? 0) + (end - start));
    }
    for (const [level, time] of perLevel) (held[level] ??= []).push(time);
    const escalations = episode.path.filter((entry) => entry.type === 'escalated' && ms(entry.at) >= from && ms(entry.at) <= to).length;
    const unit = units.get(episode.node) ?? { escalations: 0, episodes: 0, highest: tree.levels.indexOf(tree.levelOf(episode.node)) };
    unit.escalations += escalations;
    unit.episodes += 1;
    if (Number.isFinite(highest)) unit.highest = Math.min(unit.highest, highest);
    units.set(episode.node, unit);
    const indicator = indicators.get(episode.indicator) ?? { escalations: 0, episodes: 0 };
    indicator.escalations += escalations;
    indicator.episodes += 1;
    indicators.set(episode.indicator, indicator);
    if (episode.kind === 'no-report' && ms(episode.openedAt) >= from) noReport.set(episode.node, (noReport.get(episode.node) ?? 0) + 1);
  }
  const byEscalations = <T extends { escalations: number; episodes: number }>(a: [string, T], b: [string, T]) =>
    b[1].escalations - a[1].escalations || b[1].episodes - a[1].episodes || a[0].localeCompare(b[0]);
  const heldAt: Report['heldAt'] = {};
  for (const level of tree.levels) {
    const times = held[level];
    if (times) heldAt[level] = { totalMs: times.reduce((sum, time) => sum + time, 0), medianMs: median(times), episodes: times.length };
  }
  return {
    node: root,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    episodes: inScope.length,
    settledAt,
    open,
    heldAt,
    climbedUnits: [...units].sort(byEscalations).slice(0, TOP)
      .map(([node, unit]) => ({ node, escalations: unit.escalations, episodes: unit.episodes, highestLevel: tree.levels[unit.highest] ?? tree.levelOf(node) })),
    climbedIndicators: [...indicators].sort(byEscalations).slice(0, TOP).map(([indicator, counts]) => ({ indicator, ...counts })),
    noReport: [...noReport].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP).map(([node, episodes]) => ({ node, episodes })),
  };
}

/** The report as flat CSV rows, one per measure (a section and its key), so a spreadsheet can pivot it. */
export const REPORT_CSV_COLUMNS = ['section', 'key', 'level', 'count', 'escalations', 'total_ms', 'median_ms'] as const;
type Cell = string | number | null;
export function reportCsvRows(report: Report): Cell[][] {
  const row = (section: string, key: string, level: string | null, count: number | null, escalations: number | null = null, total: number | null = null, median: number | null = null): Cell[] =>
    [section, key, level, count, escalations, total, median];
  return [
    row('span', `${report.from}/${report.to}`, null, report.episodes),
    ...Object.entries(report.settledAt).map(([level, count]) => row('settled_at', level, level, count)),
    row('open', report.node, null, report.open),
    ...Object.entries(report.heldAt).map(([level, held]) => row('held_at', level, level, held.episodes, null, held.totalMs, held.medianMs)),
    ...report.climbedUnits.map((unit) => row('climbed_node', unit.node, unit.highestLevel, unit.episodes, unit.escalations)),
    ...report.climbedIndicators.map((indicator) => row('climbed_indicator', indicator.indicator, null, indicator.episodes, indicator.escalations)),
    ...report.noReport.map((unit) => row('no_report', unit.node, null, unit.episodes)),
  ];
}
