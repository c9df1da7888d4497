import type { Episode, IndicatorInfo } from '../../shared/api';
import {
  episodeLines,
  figureLine,
  inhibitsLine,
  isLateFigure,
  kindWord,
  outcomeLine,
  rowWords,
  systemicLine,
  wordingFor,
} from '../../client/state/episode-words';
import { buildHierarchy } from '../../client/state/hierarchy';
import { periodLabel } from '../../client/state/values';
import { at, breach, climbed, episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const hourly = indicatorInfo();
const daily = indicatorInfo({ period: '1d', periodMs: DAY });
const occupancy = indicatorInfo({ id: 'occupancy', label: 'G&A bed occupancy', unit: 'ratio', better: 'lower' });
const words = (indicator?: IndicatorInfo, id = 'ae4h') => wordingFor(tree, id, indicator);
// Period labels follow the browser's time zone: expect whatever the room's own label says.
const hourLabel = (iso: string) => periodLabel(iso, HOUR);
const dayLabel = (iso: string) => periodLabel(iso, DAY);
const hours = (h: number) => at(h * 60);
const resolved = (reason: 'back-to-normal' | 'revised' | 'reported' | undefined, overrides: Partial<Episode> = {}) =>
  episode({
    status: 'resolved',
    resolvedAt: at(30),
    resolvedLevel: 'unit',
    path: [
      { type: 'opened', at: at(0), holder: 'MFT' },
      ...(reason === 'revised' ? [{ type: 'revised' as const, at: at(30), period: at(0) }] : []),
      { type: 'resolved', at: at(30), level: 'unit', ...(reason ? { reason } : {}) },
    ],
    ...overrides,
  });

describe('the word for what opened an episode', () => {
  it.each([
    // A silent unit: the missing report is the signal, said in plain words.
    ['no-report', 'no report'],
    // Detector names stay as the room has always shown them.
    ['threshold', 'threshold'],
    ['spc', 'spc'],
  ] as const)('%s → %s', (kind, word) => expect(kindWord(kind)).toBe(word));
});

describe('late figures', () => {
  it.each([
    // An hourly figure judged a few minutes after its hour: on time.
    ['hourly, opened 5 minutes into the next hour', episode({ period: hours(0), openedAt: at(65) }), HOUR, false],
    // Exactly at the end of the default grace (one period after the period): still on time.
    ['hourly, opened at the end of the grace', episode({ period: hours(0), openedAt: hours(2) }), HOUR, false],
    // Three hours behind: only late data or a correction opens an episode that far back.
    ['hourly, opened three hours on', episode({ period: hours(0), openedAt: hours(3) }), HOUR, true],
    // Yesterday's daily figure reported this morning is how daily data comes in: not late.
    ['daily, reported the next morning', episode({ period: '2026-01-05T00:00:00Z', openedAt: '2026-01-06T09:00:00Z' }), DAY, false],
    // Monday's figure opening on Thursday: a correction or a late return.
    ['daily, opened three days on', episode({ period: '2026-01-05T00:00:00Z', openedAt: '2026-01-08T09:00:00Z' }), DAY, true],
    // A missing report is always about an earlier period; that is not lateness of a figure.
    ['a missing report', episode({ kind: 'no-report', value: null, period: hours(0), openedAt: hours(5) }), HOUR, false],
  ])('%s', (_why, subject, periodMs, late) => expect(isLateFigure(subject, periodMs)).toBe(late));
});

describe('the figure that opened it, in one line', () => {
  it.each([
    // An ordinary opening: the value, formatted as the room formats the indicator.
    ['an ordinary opening', episode({ value: 97.1 }), words(hourly), 'Opened on 97.1%'],
    // A ratio reads as a percentage, as everywhere else in the room.
    ['a ratio', episode({ indicator: 'occupancy', value: 0.952 }), words(occupancy, 'occupancy'), 'Opened on 95.2%'],
    // Late data opened it: say which period the figure was for.
    ['a late daily figure', episode({ value: 93.8, period: '2026-01-05T00:00:00Z', openedAt: '2026-01-08T09:00:00Z' }), words(daily),
      `Late figure for ${dayLabel('2026-01-05T00:00:00Z')}: 93.8%`],
    // A late hourly figure with no value known still says it is late.
    ['a late figure without a value', episode({ value: null, period: hours(0), openedAt: hours(4) }), words(hourly), `Late figure for ${hourLabel(hours(0))}`],
    // A silent unit, hourly: the time its reports stopped.
    ['no report, hourly', episode({ kind: 'no-report', value: null, period: hours(1), openedAt: hours(3) }), words(hourly), `No report since ${hourLabel(hours(1))}`],
    // A silent unit, daily: the day that is missing, and nothing after it.
    ['no report, daily', episode({ kind: 'no-report', value: null, period: '2026-01-05T00:00:00Z', openedAt: '2026-01-07T00:00:00Z' }), words(daily),
      `No report for ${dayLabel('2026-01-05T00:00:00Z')} or since`],
    // The catalogue does not know the indicator: no value or period is guessed.
    ['an unknown indicator', episode({ value: 97.1 }), words(undefined), null],
    ['no report on an unknown indicator', episode({ kind: 'no-report', value: null }), words(undefined), 'No report'],
  ])('%s', (_why, subject, wording, line) => expect(figureLine(subject, wording)).toBe(line));
});

describe('ancestors whose own figures are out too', () => {
  it.each([
    // Nothing held back: nothing to say.
    ['none', episode(), words(hourly), null],
    // One ancestor out: name its level, then the node and its figure.
    ['the district', episode({ inhibits: [breach('GM', 97.1)] }), words(hourly), 'The district figure is out too: Greater Manchester 97.1%'],
    // Several: nearest first whatever order the engine recorded them in.
    ['the region and the nation', episode({ inhibits: [breach('ENG', 93.8), breach('NW', 95.2)] }), words(hourly), 'Also out: North West 95.2%, England 93.8%'],
    // A ratio's ancestors read as percentages too.
    ['ratios', episode({ indicator: 'occupancy', inhibits: [breach('GM', 0.971)] }), words(occupancy, 'occupancy'), 'The district figure is out too: Greater Manchester 97.1%'],
    // An ancestor without a figure (or an indicator the catalogue does not know): the name alone.
    ['no value', episode({ inhibits: [breach('GM', null)] }), words(hourly), 'The district figure is out too: Greater Manchester'],
    ['unknown indicator', episode({ inhibits: [breach('GM', 97.1), breach('NW', 95.2)] }), words(undefined), 'Also out: Greater Manchester, North West'],
    // Good news held back upward is not "out".
    ['bright spots', episode({ direction: 'pleasure', inhibits: [breach('GM', 99.5)] }), words(hourly), 'The district figure is bright too: Greater Manchester 99.5%'],
  ])('%s', (_why, subject, wording, line) => expect(inhibitsLine(subject, wording)).toBe(line));
});

describe('a problem that became systemic', () => {
  it.each([
    // Opened on its own figure: not systemic.
    ['opened on its own', episode(), null],
    // Held back by one episode below before it opened.
    ['one episode below', episode({ node: 'GM', holder: 'GM', inhibitedBy: ['ep0'] }), 'Systemic: held back at first by the episode below'],
    // Held back by several.
    ['two episodes below', episode({ node: 'GM', holder: 'GM', inhibitedBy: ['ep0', 'ep9'] }), 'Systemic: held back at first by 2 episodes below'],
  ])('%s', (_why, subject, line) => expect(systemicLine(subject)).toBe(line));
});

describe('how it ended', () => {
  it.each([
    // Still open: no outcome.
    ['open', episode(), words(hourly), null],
    // A correction took the cause away: withdrawn, with the period corrected.
    ['revised', resolved('revised'), words(hourly), `Withdrawn: a correction for ${hourLabel(at(0))} removed the cause`],
    ['revised, unknown indicator', resolved('revised'), words(undefined), 'Withdrawn: a correction removed the cause'],
    // The silent unit reported.
    ['reported', resolved('reported', { kind: 'no-report', value: null }), words(hourly), 'Reported again'],
    // Back in bounds where it started.
    ['back to normal locally', resolved('back-to-normal'), words(hourly), 'Back to normal, settled locally'],
    // Older episodes carry no reason: they were back to normal.
    ['no reason recorded', resolved(undefined), words(hourly), 'Back to normal, settled locally'],
    // Settled after climbing: the level that settled it.
    ['back to normal after climbing', climbed({ status: 'resolved', resolvedAt: at(200), resolvedLevel: 'region',
      path: [...climbed().path, { type: 'resolved', at: at(200), level: 'region', reason: 'back-to-normal' }] }), words(hourly), 'Back to normal, settled at the region'],
    // Reopened after a resolution: open again, so no outcome shown.
    ['reopened', episode({ path: [...resolved('revised').path, { type: 'reopened', at: at(40), holder: 'MFT' }] }), words(hourly), null],
  ])('%s', (_why, subject, wording, line) => expect(outcomeLine(subject, wording)).toBe(line));
});

describe('a card and a row', () => {
  it('labels a silent unit by what it has not done', () => {
    const lines = episodeLines(episode({ kind: 'no-report', value: null, period: hours(1), openedAt: hours(3) }), words(hourly));
    expect(lines).toEqual({
      kind: 'no report',
      summary: 'Manchester University has not reported A&E 4-hour',
      figure: `No report since ${hourLabel(hours(1))}`,
      alsoOut: null,
      systemic: null,
      outcome: null,
    });
  });

  it('labels any other episode by indicator and place', () => {
    expect(episodeLines(episode(), words(hourly)).summary).toBe('A&E 4-hour at Manchester University');
  });

  it.each([
    // An ordinary episode: the row sits under its indicator's own figure, so it adds nothing.
    ['ordinary', episode(), words(hourly), ''],
    // What is unusual is said, lower-case, joined in one line.
    ['held back above, late', episode({ value: 97.1, period: hours(0), openedAt: hours(4), inhibits: [breach('GM', 97.1)] }), words(hourly),
      `late figure for ${hourLabel(hours(0))}: 97.1% · the district figure is out too: Greater Manchester 97.1%`],
    // A silent unit under an indicator the row was not told about: just "no report".
    ['no report, no indicator', episode({ kind: 'no-report', value: null }), words(undefined), 'no report'],
    ['systemic', episode({ node: 'GM', holder: 'GM', inhibitedBy: ['ep0'] }), words(hourly), 'systemic: held back at first by the episode below'],
  ])('row: %s', (_why, subject, wording, line) => expect(rowWords(subject, wording)).toBe(line));
});
