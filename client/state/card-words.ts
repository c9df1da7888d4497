import type { Episode, EpisodeCause, EpisodeFigure, IndicatorInfo } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { formatValue, splitValue } from './time-words';

/** What the card's words need of the indicator: how its values read, which way is better, how long a period is. */
export interface CardIndicator {
  unit: string;
  better: IndicatorInfo['better'];
  periodMs: number;
}

type Bound = Extract<EpisodeCause, { type: 'bound' }>;
type Spc = Extract<EpisodeCause, { type: 'spc' }>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The figure the card is about: the value now, or the one that opened it when there is no judged figure yet. */
export const currentValue = (episode: Episode): number | null => episode.now?.value ?? episode.value;

/** The indicator's period as a noun: "day", "hour", "week", or "period" for any other length. */
const periodNoun = (periodMs: number) => (periodMs === DAY_MS ? 'day' : periodMs === HOUR_MS ? 'hour' : periodMs === WEEK_MS ? 'week' : 'period');

/** "3 days", "1 hour", "7 periods": how many periods a rule covered, in the indicator's own periods. */
export const periodsWord = (count: number, periodMs: number): string => `${count} ${periodNoun(periodMs)}${count === 1 ? '' : 's'}`;

/**
 * A figure rounded as a person says "about": two significant figures as the room shows them (91.3%
 * → 91%, 0.913 as a share → 91%), three from a hundred up (1,234 → 1,230).
 */
export function roughly(value: number, unit: string): string {
  const share = splitValue(value, unit).unit === '%' && unit !== '%';
  const shown = share ? value * 100 : value;
  const digits = Math.abs(shown) >= 100 ? 3 : 2;
  const magnitude = shown === 0 ? 0 : Math.floor(Math.log10(Math.abs(shown))) + 1 - digits;
  const factor = 10 ** magnitude;
  const rounded = Math.round(shown / factor) * factor;
  return formatValue(share ? rounded / 100 : rounded, unit);
}

/** `value` is worse than `bound` in the indicator's direction. */
const worse = (value: number, bound: number, better: CardIndicator['better']) => (better === 'lower' ? value > bound : value < bound);

/**
 * Where the figure now stands against a threshold episode's bounds: "over the 95% alert bound
 * (opened at 96.2%)". Past the crisis bound it names that one; back inside the alert bound but not
 * yet the clear bound it says so, since that is why the episode is still open.
 */
export function boundStanding(episode: Episode, cause: Bound, indicator: CardIndicator): string {
  const { unit, better } = indicator;
  const value = currentValue(episode);
  const format = (v: number) => formatValue(v, unit);
  const out = better === 'lower' ? 'over' : 'under';
  const back = better === 'lower' ? 'under' : 'over';
  const opened = episode.now && episode.value !== null && episode.now.value !== episode.value ? ` (opened at ${format(episode.value)})` : '';
  if (value === null) return `${out} the ${format(cause.value)} ${cause.bound} bound`;
  let standing: string;
  if (cause.crisis !== null && worse(value, cause.crisis, better)) standing = `${out} the ${format(cause.crisis)} crisis bound`;
  else if (cause.alert !== null && worse(value, cause.alert, better)) standing = `${out} the ${format(cause.alert)} alert bound`;
  else if (cause.clear !== null && cause.clear !== cause.alert && worse(value, cause.clear, better)) standing = `not yet back ${back} the ${format(cause.clear)} clear bound`;
  else {
    const [line, name] = cause.clear !== null ? [cause.clear, cause.clear === cause.alert ? 'alert' : 'clear'] : [cause.value, cause.bound];
    standing = `back ${back} the ${format(line)} ${name} bound`;
  }
  return `${standing}${opened}`;
}

/** The same with the figure now first: "97.1% — over the 95% alert bound (opened at 96.2%)". */
export function boundSentence(episode: Episode, cause: Bound, indicator: CardIndicator): string {
  const value = currentValue(episode);
  const standing = boundStanding(episode, cause, indicator);
  return value === null ? standing : `${formatValue(value, indicator.unit)} — ${standing}`;
}

/**
 * Cyberstride against what it expected, with the value that opened the episode: "a step up from
 * about 91% to 97%", "a change of slope, falling from about 91% to 85%", "an outlier: 97% where
 * about 91% was expected".
 */
export function forecastSentence(episode: Episode, expected: number, unit: string): string | null {
  if (episode.value === null) return null;
  const from = roughly(expected, unit);
  const to = roughly(episode.value, unit);
  const up = episode.value >= expected;
  if (episode.kind === 'step') return `a step ${up ? 'up' : 'down'} from about ${from} to ${to}`;
  if (episode.kind === 'slope') return `a change of slope, ${up ? 'rising' : 'falling'} from about ${from} to ${to}`;
  return `an outlier: ${formatValue(episode.value, unit)} where about ${from} was expected`;
}

/**
 * The Making Data Count rule that fired, in the words an NHS board reads: "SPC: 7 days in a row
 * above the mean of 88%", "SPC: 7 days in a row rising (mean 88%)", "SPC: beyond the upper process
 * limit of 95% (mean 88%)", "SPC: 2 of 3 days beyond the upper warning line of 93% (mean 88%)".
 */
export function spcSentence(cause: Spc, indicator: CardIndicator): string {
  const format = (v: number) => formatValue(v, indicator.unit);
  const high = cause.side === 'high';
  const mean = `(mean ${format(cause.mean)})`;
  switch (cause.rule) {
    case 'run':
      return `SPC: ${periodsWord(cause.points, indicator.periodMs)} in a row ${high ? 'above' : 'below'} the mean of ${format(cause.mean)}`;
    case 'trend':
      return `SPC: ${periodsWord(cause.points, indicator.periodMs)} in a row ${high ? 'rising' : 'falling'} ${mean}`;
    case 'beyondLimits':
      return `SPC: ${high ? 'above the upper' : 'below the lower'} process limit of ${format(cause.limit)} ${mean}`;
    case 'twoOfThree':
      return `SPC: 2 of 3 ${periodNoun(indicator.periodMs)}s beyond the ${high ? 'upper' : 'lower'} warning line of ${format(cause.limit)} ${mean}`;
  }
}

/** "3 Jan, 14:00": when a silent unit's last reading came, in the room's time zone unless told. */
export function reportedAt(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return `${day}, ${time}`;
}

/** "no report since 3 Jan, 14:00", or "no report yet" from a unit that never reported. */
export function noReportSentence(cause: Extract<EpisodeCause, { type: 'no-report' }>, timeZone?: string): string {
  return cause.lastReportAt === null ? 'no report yet' : `no report since ${reportedAt(cause.lastReportAt, timeZone)}`;
}

/**
 * The card's sentence: what the figure was measured against. Null when the episode carries no cause
 * (an older server) or the indicator is not known (its values are not guessed at).
 */
export function causeSentence(episode: Episode, indicator: CardIndicator | undefined, timeZone?: string): string | null {
  const cause = episode.cause;
  if (!cause) return null;
  if (cause.type === 'no-report') return noReportSentence(cause, timeZone);
  if (!indicator) return null;
  if (cause.type === 'bound') return boundSentence(episode, cause, indicator);
  if (cause.type === 'forecast') return forecastSentence(episode, cause.expected, indicator.unit);
  return spcSentence(cause, indicator);
}

/**
 * The sentence as the card shows it under its big figure now: the same, less the figure it would
 * repeat ("over the 95% alert bound (opened at 96.2%)").
 */
export function cardSentence(episode: Episode, indicator: CardIndicator | undefined, timeZone?: string): string | null {
  if (episode.cause?.type === 'bound' && indicator && currentValue(episode) !== null) return boundStanding(episode, episode.cause, indicator);
  return causeSentence(episode, indicator, timeZone);
}

const reportedBy = (figure: EpisodeFigure) => `${figure.reported} of ${figure.expected}`;

/**
 * How widely the figure was reported, for a node with units below it: "reported by 38 of 42", and
 * when the opening figure was reported differently, "reported by 38 of 42 (opened on 40 of 42)".
 * Null for a unit (1 of 1 says nothing) or when neither figure is known.
 */
export function coverageWords(episode: Episode): string | null {
  const now = episode.now ?? null;
  const opening = episode.opening ?? null;
  const figure = now ?? opening;
  if (!figure || figure.expected <= 1) return null;
  const then = opening && now && (opening.reported !== now.reported || opening.expected !== now.expected) ? ` (opened on ${reportedBy(opening)})` : '';
  return `reported by ${reportedBy(figure)}${then}`;
}

/**
 * "for 118 d": how long the episode has been open. Under a minute it says "just opened": an
 * episode opened by the latest report (a bright spot on a frozen winter, most often) read "for 0 s".
 */
export const ageWords = (ms: number): string => (ms < 60_000 ? 'just opened' : `for ${formatDuration(ms)}`);
