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

/** "A&E 4-hour: no report since 14:00", one line per indicator the unit in focus has not reported. */
export function noReportLines(episodes: Iterable<Episode>, unit: string, wordingOf: (indicator: string) => Wording): string[] {
  const lines: Array<{ period: string; line: string }> = [];
  for (const episode of episodes) {
    if (episode.kind !== 'no-report' || episode.status !== 'open' || episode.node !== unit) continue;
    const words = wordingOf(episode.indicator);
    const figure = figureLine(episode, words) ?? 'No report';
    lines.push({ period: episode.period, line: `${words.label}: ${figure.charAt(0).toLowerCase()}${figure.slice(1)}` });
  }
  // The longest silence first.
  return lines.sort((a, b) => Date.parse(a.period) - Date.parse(b.period) || a.line.localeCompare(b.line)).map((entry) => entry.line);
}
