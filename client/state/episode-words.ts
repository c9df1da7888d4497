import type { Episode, EpisodeKind, IndicatorInfo, InhibitedBreachJson, PathEntry } from '../../shared/api';
import { nameOf, type Hierarchy } from './hierarchy';
import { formatValue } from './time-words';
import { periodLabel } from './values';

/** What the words about one episode need to know, gathered once per card. */
export interface Wording {
  nameOf(id: string): string;
  /** Level names, top first, to list ancestors nearest first. */
  levels: string[];
  /** The indicator's label, or its id when the catalogue does not know it. */
  label: string;
  /** The indicator's values as the room shows them; null when its unit is not known (values are left out rather than misread). */
  value: ((value: number) => string) | null;
  /** A period as the room labels it, and the period's length; null when the indicator is not known. */
  period: ((iso: string) => string) | null;
  periodMs: number | null;
}

export function wordingFor(tree: Hierarchy, indicatorId: string, indicator?: IndicatorInfo): Wording {
  return {
    nameOf: (id) => nameOf(tree, id),
    levels: tree.levels,
    label: indicator?.label ?? indicatorId,
    value: indicator ? (value) => formatValue(value, indicator.unit) : null,
    period: indicator ? (iso) => periodLabel(iso, indicator.periodMs) : null,
    periodMs: indicator?.periodMs ?? null,
  };
}

const KIND_WORDS: Record<EpisodeKind, string> = {
  threshold: 'threshold',
  outlier: 'outlier',
  step: 'step',
  slope: 'slope',
  spc: 'spc',
  'no-report': 'no report',
};

/** The word for what opened an episode: the detector's name, or "no report" for a silent unit. */
export const kindWord = (kind: EpisodeKind): string => KIND_WORDS[kind];

const DAY_MS = 86_400_000;

/**
 * A figure is late when the episode opened after the period that followed it had ended too: by
 * then an on-time report would have been in and judged (the default grace is one period). Only the
 * late data or correction that re-ran detection opens an episode that far behind its period. A
 * missing report is always about an earlier period, so it is never called late.
 */
export function isLateFigure(episode: Episode, periodMs: number): boolean {
  if (episode.kind === 'no-report') return false;
  return Date.parse(episode.openedAt) - Date.parse(episode.period) > 2 * periodMs;
}

/** "Manchester University has not reported A&E 4-hour" */
export const noReportSentence = (episode: Episode, words: Wording): string => `${words.nameOf(episode.node)} has not reported ${words.label}`;

/**
 * The figure that opened it, in one line: "Opened on 97.1%", "Late figure for Mon 5 Jan: 97.1%",
 * or for a silent unit "No report since 14:00" (the missing period's start) or, for periods of a
 * day or more, "No report for Mon 5 Jan or since". Null when there is nothing sure to say.
 */
export function figureLine(episode: Episode, words: Wording): string | null {
  const { period, periodMs } = words;
  if (episode.kind === 'no-report') {
    if (!period || periodMs === null) return 'No report';
    const when = period(episode.period);
    return periodMs >= DAY_MS ? `No report for ${when} or since` : `No report since ${when}`;
  }
  const value = episode.value !== null && words.value ? words.value(episode.value) : null;
  if (period && periodMs !== null && isLateFigure(episode, periodMs)) {
    const late = `Late figure for ${period(episode.period)}`;
    return value === null ? late : `${late}: ${value}`;
  }
  return value === null ? null : `Opened on ${value}`;
}

/**
 * Ancestors whose own figures are out on the same problem, nearest first, in one line:
 * "The district figure is out too: Greater Manchester 97.1%", or "Also out: North West 95.2%, England 93.8%".
 */
export function inhibitsLine(episode: Episode, words: Wording): string | null {
  if (episode.inhibits.length === 0) return null;
  const depth = (breach: InhibitedBreachJson) => {
    const at = words.levels.indexOf(breach.level);
    return at < 0 ? -1 : at;
  };
  const nearestFirst = [...episode.inhibits].sort((a, b) => depth(b) - depth(a));
  const item = (breach: InhibitedBreachJson) => {
    const name = words.nameOf(breach.node);
    return breach.value === null || !words.value ? name : `${name} ${words.value(breach.value)}`;
  };
  const out = episode.direction === 'pleasure' ? 'bright' : 'out';
  const [only] = nearestFirst;
  if (nearestFirst.length === 1 && only && only.level) return `The ${only.level} figure is ${out} too: ${item(only)}`;
  return `Also ${out}: ${nearestFirst.map(item).join(', ')}`;
}

/** "Systemic: held back at first by the episode below": its breach waited on episodes lower down, and is now its own. */
export function systemicLine(episode: Episode): string | null {
  const count = episode.inhibitedBy.length;
  if (count === 0) return null;
  return `Systemic: held back at first by ${count === 1 ? 'the episode below' : `${count} episodes below`}`;
}

function lastOf<T extends PathEntry['type']>(path: PathEntry[], type: T): Extract<PathEntry, { type: T }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const entry = path[i]!;
    if (entry.type === type) return entry as Extract<PathEntry, { type: T }>;
  }
  return undefined;
}

/** How a resolved episode ended: withdrawn by a correction, reported again, or back to normal at the level that settled it. */
export function outcomeLine(episode: Episode, words: Wording): string | null {
  if (episode.status !== 'resolved') return null;
  const reason = lastOf(episode.path, 'resolved')?.reason;
  if (reason === 'revised') {
    const revised = lastOf(episode.path, 'revised');
    const of = revised && words.period ? ` for ${words.period(revised.period)}` : '';
    return `Withdrawn: a correction${of} removed the cause`;
  }
  if (reason === 'reported') return 'Reported again';
  if (reason === 'unit-closed') return 'Closed: no report is expected any more';
  const escalated = episode.path.some((entry) => entry.type === 'escalated') || episode.holder !== episode.node;
  if (!escalated) return 'Back to normal, settled locally';
  const level = episode.resolvedLevel ?? episode.holderLevel;
  return level ? `Back to normal, settled at the ${level}` : 'Back to normal';
}

/** Everything a card says beyond where and how long, each a short line or null. */
export interface EpisodeLines {
  kind: string;
  /** For the card's label: "Manchester University has not reported A&E 4-hour", or "A&E 4-hour at Manchester University". */
  summary: string;
  figure: string | null;
  alsoOut: string | null;
  systemic: string | null;
  outcome: string | null;
}

export function episodeLines(episode: Episode, words: Wording): EpisodeLines {
  return {
    kind: kindWord(episode.kind),
    summary: episode.kind === 'no-report' ? noReportSentence(episode, words) : `${words.label} at ${words.nameOf(episode.node)}`,
    figure: figureLine(episode, words),
    alsoOut: inhibitsLine(episode, words),
    systemic: systemicLine(episode),
    outcome: outcomeLine(episode, words),
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The same, for a one-line row under an indicator that already shows its own figure: what is
 * unusual only ("no report since 14:00 · the district figure is out too: …"), joined with " · ".
 */
export function rowWords(episode: Episode, words: Wording): string {
  const lines = episodeLines(episode, words);
  const figure = lines.figure?.startsWith('Opened on') ? null : lines.figure;
  return [figure, lines.alsoOut, lines.systemic, lines.outcome]
    .filter((line): line is string => line !== null)
    .map(lowerFirst)
    .join(' · ');
}
