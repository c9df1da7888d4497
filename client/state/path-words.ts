import { formatDuration } from '../../shared/duration';
import type { Episode, EpisodeKind, PathEntry } from '../../shared/api';
import { figureLine, type Wording } from './episode-words';

/** What the words for an episode's path need beyond the card's wording: each node's level. */
export interface PathWording extends Wording {
  levelOf(id: string): string;
}

/** One line of the episode page's timeline. `inhibits` is an ancestor's own figure held back by this episode. */
export interface TimelineEntry {
  at: string;
  kind: PathEntry['type'] | 'inhibits';
  /** What happened, where: "Escalated from Manchester University (unit) to Greater Manchester (district)". */
  title: string;
  /** Why, or what it means: "the unit's window ran out before it was settled". */
  why: string | null;
  /** A person's own words (an acknowledgement's or a note's). */
  quote: string | null;
  /** Other episodes the entry names (those that held this one back), to link to. */
  episodes: string[];
}

const DETECTOR_WORDS: Record<EpisodeKind, string> = {
  threshold: 'beyond its threshold',
  outlier: 'Cyberstride: an outlier, far from what was expected',
  step: 'Cyberstride: a step in level',
  slope: 'Cyberstride: a change in slope',
  spc: 'SPC: a Making Data Count rule fired',
  'no-report': 'a missing report',
};

/** "Manchester University (unit)"; just the name when the level is not known. */
const where = (id: string, words: PathWording) => {
  const level = words.levelOf(id);
  return level ? `${words.nameOf(id)} (${level})` : words.nameOf(id);
};

const levelWord = (id: string, words: PathWording) => words.levelOf(id) || words.nameOf(id);

/** "A&E 4-hour 97.4% for 14:00", or for a missing report "No report since 14:00". */
function openingFigure(episode: Episode, words: PathWording): string | null {
  if (episode.kind === 'no-report') return figureLine(episode, words);
  if (episode.value === null || !words.value) return null;
  const period = words.period ? ` for ${words.period(episode.period)}` : '';
  return `${words.label} ${words.value(episode.value)}${period}`;
}

const joined = (...parts: Array<string | null>) => {
  const kept = parts.filter((part): part is string => part !== null && part !== '');
  return kept.length === 0 ? null : kept.join(' · ');
};

/** Whether it opened as a crisis: a later "became a crisis" entry means it opened as an alert. */
const openedAsCrisis = (episode: Episode) => episode.severity === 'crisis' && !episode.path.some((entry) => entry.type === 'severity' && entry.severity === 'crisis');

function opened(entry: Extract<PathEntry, { type: 'opened' }>, episode: Episode, words: PathWording): TimelineEntry {
  const origin = where(episode.node, words);
  const figure = openingFigure(episode, words);
  const detector = DETECTOR_WORDS[episode.kind];
  const systemic = episode.inhibitedBy.length === 0
    ? null
    : `systemic: its own figure was held back at first by ${episode.inhibitedBy.length === 1 ? 'the episode below' : `${episode.inhibitedBy.length} episodes below`}, and was still out when they were settled`;
  const base = { at: entry.at, kind: entry.type, quote: null, episodes: [...episode.inhibitedBy] };
  if (episode.direction === 'pleasure') {
    return { ...base, title: `A bright spot at ${origin}`, why: joined(figure, detector, 'told to every level above at once; no deadline') };
  }
  if (entry.holder !== episode.node) {
    return {
      ...base,
      title: `Opened at ${origin} as a crisis, held at once by ${where(entry.holder, words)}`,
      why: joined(figure, detector, 'a crisis skips the local window, and every level above is told', systemic),
    };
  }
  const crisis = openedAsCrisis(episode) ? ' as a crisis' : '';
  return { ...base, title: `Opened at ${origin}${crisis}`, why: joined(figure, detector, `${levelWord(entry.holder, words)}'s own window to settle it`, systemic) };
}

function resolved(entry: Extract<PathEntry, { type: 'resolved' }>, holder: string, climbed: boolean, words: PathWording): Omit<TimelineEntry, 'at' | 'kind' | 'quote' | 'episodes'> {
  const by = where(holder, words);
  const named = entry.level || words.levelOf(holder);
  // "settled at the national" reads wrongly: the top is the top.
  const level = named === words.levels[0] ? 'top' : named;
  switch (entry.reason) {
    case 'revised':
      return { title: `Withdrawn at the ${level}, ${words.nameOf(holder)}`, why: 'a correction or late data removed the cause' };
    case 'reported':
      return { title: `Reported again: settled at the ${level}`, why: `the missing figure came in; ${by} held it` };
    case 'unit-closed':
      return { title: 'Closed: no report is expected any more', why: 'the unit closed or merged' };
    default:
      return climbed
        ? { title: `Settled at the ${level} by ${by}`, why: 'back to normal' }
        : { title: `Settled locally by ${by}`, why: 'back to normal within its own window' };
  }
}

/**
 * The episode's whole path as a timeline, one entry per step, with why each happened, and the
 * ancestors' figures it holds back placed where they went out. Walks the path to know who held it
 * at each step (an acknowledgement or a settlement names the holder of that moment).
 */
export function pathWords(episode: Episode, words: PathWording): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let holder = episode.node;
  let climbed = false;
  for (const entry of episode.path) {
    const base = { at: entry.at, kind: entry.type, quote: null, episodes: [] as string[] };
    switch (entry.type) {
      case 'opened':
        holder = entry.holder;
        climbed = entry.holder !== episode.node;
        out.push(opened(entry, episode, words));
        break;
      case 'escalated': {
        const why = entry.reason === 'deadline'
          ? `the ${levelWord(entry.from, words)}'s window ran out before it was settled`
          : entry.reason === 'crisis'
            ? 'a crisis skips the rest of the local window'
            : null;
        out.push({ ...base, title: `Escalated from ${where(entry.from, words)} to ${where(entry.to, words)}`, why });
        holder = entry.to;
        climbed = true;
        break;
      }
      case 'severity':
        out.push({ ...base, title: entry.severity === 'crisis' ? 'Became a crisis' : 'Eased to an alert', why: entry.severity === 'crisis' ? 'worse than the crisis bound' : null });
        break;
      case 'acknowledged':
        out.push({ ...base, title: `Acknowledged by ${entry.by}`, why: `while held by ${where(holder, words)}; the clock runs on`, quote: entry.note });
        break;
      case 'note':
        out.push({ ...base, title: `Note by ${entry.by}`, why: null, quote: entry.note });
        break;
      case 'revised':
        out.push({
          ...base,
          title: words.period ? `Revised: late data re-ran detection from ${words.period(entry.period)}` : 'Revised: late data re-ran detection',
          why: 'what was told stays told',
        });
        break;
      case 'resolved':
        out.push({ ...base, ...resolved(entry, holder, climbed, words) });
        break;
      case 'reopened':
        out.push({ ...base, title: `Reopened at ${where(entry.holder, words)}`, why: 'out again soon after it was settled: it keeps the level and the window it had reached' });
        holder = entry.holder;
        break;
    }
  }
  return withHeldBack(out, episode, words);
}

/** Each ancestor's own breach this episode holds back, placed at the moment it went out. */
function withHeldBack(entries: TimelineEntry[], episode: Episode, words: PathWording): TimelineEntry[] {
  const out = [...entries];
  const state = episode.direction === 'pleasure' ? 'bright' : 'out';
  for (const breach of episode.inhibits) {
    const figure = breach.value !== null && words.value ? ` ${words.value(breach.value)}` : '';
    const level = breach.level || words.levelOf(breach.node);
    const entry: TimelineEntry = {
      at: breach.since,
      kind: 'inhibits',
      title: `The ${level} figure is ${state} too: ${words.nameOf(breach.node)}${figure}`,
      why: `held back as one problem: no second clock at the ${level}`,
      quote: null,
      episodes: [],
    };
    const since = Date.parse(breach.since);
    const after = out.findIndex((known) => Date.parse(known.at) > since);
    out.splice(after < 0 ? out.length : after, 0, entry);
  }
  return out;
}

/** "at opening", "2 h 10 m later": an entry's time from the opening, for the timeline's second column. */
export function sinceOpening(at: string, openedAt: string): string {
  const ms = Date.parse(at) - Date.parse(openedAt);
  return ms < 1000 ? 'at opening' : `${formatDuration(ms)} later`;
}

/** "Mon 5 Jan 2026, 08:00": an instant as the page prints it. */
export function stamp(at: string, timeZone?: string): string {
  const date = new Date(at);
  const weekday = date.toLocaleDateString('en-GB', { weekday: 'short', timeZone });
  const day = `${weekday} ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone })}`;
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time}`;
}
