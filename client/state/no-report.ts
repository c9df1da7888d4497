import type { Episode } from '../../shared/api';
import { figureLine, type Wording } from './episode-words';

/**
 * Units with an open missing report, among the episodes this room holds (what reached it): the map
 * and the tables mark them. A unit settling its own silence is counted below, not named here.
 */
export function noReportOf(episodes: Iterable<Episode>): Set<string> {
  const silent = new Set<string>();
  for (const episode of episodes) if (episode.kind === 'no-report' && episode.status === 'open') silent.add(episode.node);
  return silent;
}

/**
 * What the node view of a silent unit says: "No report since 14:00: A&E 4-hour, G&A beds", one line
 * per missing period (a unit that missed its whole return has one line), the longest silence first.
 */
export function noReportLines(episodes: Iterable<Episode>, unit: string, wordingOf: (indicator: string) => Wording): string[] {
  const byFigure = new Map<string, { period: number; labels: string[] }>();
  for (const episode of episodes) {
    if (episode.kind !== 'no-report' || episode.status !== 'open' || episode.node !== unit) continue;
    const words = wordingOf(episode.indicator);
    const figure = figureLine(episode, words) ?? 'No report';
    const known = byFigure.get(figure) ?? { period: Date.parse(episode.period), labels: [] };
    known.labels.push(words.label);
    byFigure.set(figure, known);
  }
  return [...byFigure.entries()]
    .sort(([a, x], [b, y]) => x.period - y.period || a.localeCompare(b))
    .map(([figure, { labels }]) => `${figure}: ${labels.sort((a, b) => a.localeCompare(b)).join(', ')}`);
}

/** How many of `silent` lie in `node`'s subtree (the node itself included). */
export function silentWithin(silent: ReadonlySet<string>, node: string, isWithin: (id: string, ancestor: string) => boolean): number {
  let count = 0;
  for (const unit of silent) if (isWithin(unit, node)) count += 1;
  return count;
}

/** The tag beside a row's name: "no report" on a silent unit, "2 units not reporting" on a node above them. */
export function silentTag(count: number, isUnit: boolean, unitLevel: string): string | null {
  if (count === 0) return null;
  if (isUnit) return 'no report';
  return `${count} ${unitLevel}${count === 1 ? '' : 's'} not reporting`;
}
