import type { Episode, EpisodeCause, EpisodeFigure } from '../../shared/api';
import { ageWords, cardSentence, causeSentence, coverageWords, periodsWord, reportedAt, roughly, type CardIndicator } from '../../client/state/card-words';
import { at, episode } from './fixtures';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Bed occupancy as a share: lower is better. */
const occupancy: CardIndicator = { unit: 'ratio', better: 'lower', periodMs: DAY };
/** A percentage where higher is better (4-hour performance), hourly. */
const fourHour: CardIndicator = { unit: '%', better: 'higher', periodMs: HOUR };
const percentLower: CardIndicator = { unit: '%', better: 'lower', periodMs: DAY };

const figure = (value: number | null, extra: Partial<EpisodeFigure> = {}): EpisodeFigure => ({ period: at(60), value, coverage: 1, reported: 1, expected: 1, ...extra });
const bound = (over: Partial<Extract<EpisodeCause, { type: 'bound' }>> = {}): EpisodeCause => ({ type: 'bound', bound: 'alert', value: 95, alert: 95, crisis: 99, clear: 95, ...over });
const spc = (over: Partial<Extract<EpisodeCause, { type: 'spc' }>>): EpisodeCause => ({ type: 'spc', rule: 'run', side: 'high', points: 7, limit: 88, mean: 88, lower: 80, upper: 96, ...over });
/** An episode opened at T0 on `value`, with a figure now an hour later unless `now` is null. */
const opened = (value: number | null, now: number | null | undefined, cause: EpisodeCause, extra: Partial<Episode> = {}) =>
  episode({ value, period: at(0), now: now === undefined ? undefined : now === null ? null : figure(now), cause, ...extra });

describe('the sentence on the card: what the figure was measured against', () => {
  it.each([
    // The figure now, the bound it is over, and what it opened at.
    ['over the alert bound', opened(96.2, 97.1, bound()), percentLower, '97.1% — over the 95% alert bound (opened at 96.2%)'],
    // Nothing has moved since it opened: the opening figure is not said twice.
    ['as it opened', episode({ value: 96.2, period: at(60), now: figure(96.2), cause: bound() }), percentLower, '96.2% — over the 95% alert bound'],
    // Worse than the crisis bound: that is the bound named.
    ['past the crisis bound', opened(96.2, 99.4, bound({ bound: 'crisis', value: 99 })), percentLower, '99.4% — over the 99% crisis bound (opened at 96.2%)'],
    // It opened as a crisis but is now only over the alert bound: say where it stands now.
    ['crisis that eased', opened(99.4, 97, bound({ bound: 'crisis', value: 99 }), { severity: 'crisis' }), percentLower, '97% — over the 95% alert bound (opened at 99.4%)'],
    // Back inside the alert bound, not yet the clear bound: why it is still open.
    ['inside alert, outside clear', opened(96.2, 94.5, bound({ clear: 94 })), percentLower, '94.5% — not yet back under the 94% clear bound (opened at 96.2%)'],
    // Back inside the clear bound (it resolves at the next judged period).
    ['back inside', opened(96.2, 93, bound({ clear: 94 })), percentLower, '93% — back under the 94% clear bound (opened at 96.2%)'],
    // Higher is better: "under" the bound is the trouble.
    ['higher is better', opened(74.1, 71.2, bound({ value: 76, alert: 76, crisis: 60, clear: 76 })), fourHour, '71.2% — under the 76% alert bound (opened at 74.1%)'],
    // A share reads as a percentage, bounds included.
    ['a share', opened(0.962, 0.971, bound({ value: 0.95, alert: 0.95, crisis: 0.99, clear: 0.94 })), occupancy, '97.1% — over the 95% alert bound (opened at 96.2%)'],
    // An older server sent no figure now: the opening value is the figure.
    ['no figure now', opened(96.2, undefined, bound()), percentLower, '96.2% — over the 95% alert bound'],
    // Cyberstride: a step, from the level it expected to the value that opened it, rounded as "about".
    ['a step up', opened(97.1, 97.4, { type: 'forecast', expected: 91.3, probability: 0.93 }, { kind: 'step' }), percentLower, 'a step up from about 91% to 97%'],
    ['a step down', opened(85.2, 85, { type: 'forecast', expected: 91.3, probability: 0.93 }, { kind: 'step' }), fourHour, 'a step down from about 91% to 85%'],
    ['a change of slope', opened(0.961, 0.97, { type: 'forecast', expected: 0.912, probability: 0.8 }, { kind: 'slope' }), occupancy, 'a change of slope, rising from about 91% to 96%'],
    ['an outlier', opened(97.1, 97.1, { type: 'forecast', expected: 91.3, probability: 0.9 }, { kind: 'outlier' }), percentLower, 'an outlier: 97.1% where about 91% was expected'],
    // SPC: the Making Data Count rule in the words a board reads, in the indicator's own periods.
    ['a run of 7 days', opened(92, 93, spc({}), { kind: 'spc' }), percentLower, 'SPC: 7 days in a row above the mean of 88%'],
    ['a run below, hourly', opened(80, 81, spc({ side: 'low', mean: 88 }), { kind: 'spc' }), fourHour, 'SPC: 7 hours in a row below the mean of 88%'],
    ['a trend', opened(92, 93, spc({ rule: 'trend', side: 'high' }), { kind: 'spc' }), percentLower, 'SPC: 7 days in a row rising (mean 88%)'],
    ['beyond the limits', opened(97, 97, spc({ rule: 'beyondLimits', points: 1, limit: 96 }), { kind: 'spc' }), percentLower, 'SPC: above the upper process limit of 96% (mean 88%)'],
    ['below the lower limit', opened(70, 70, spc({ rule: 'beyondLimits', side: 'low', points: 1, limit: 80 }), { kind: 'spc' }), fourHour, 'SPC: below the lower process limit of 80% (mean 88%)'],
    ['two of three', opened(94, 94, spc({ rule: 'twoOfThree', points: 3, limit: 93.3 }), { kind: 'spc' }), percentLower, 'SPC: 2 of 3 days beyond the upper warning line of 93.3% (mean 88%)'],
    // A silent unit: when it last reported (the reading's own time), in the room's time zone.
    ['no report', opened(null, null, { type: 'no-report', lastPeriod: '2023-01-03T00:00:00Z', lastReportAt: '2023-01-03T14:00:00Z' }, { kind: 'no-report' }), percentLower, 'no report since 3 Jan, 14:00'],
    ['never reported', opened(null, null, { type: 'no-report', lastPeriod: null, lastReportAt: null }, { kind: 'no-report' }), percentLower, 'no report yet'],
    // An older server sent no cause: nothing is made up.
    ['no cause', episode({ value: 96.2 }), percentLower, null],
  ])('%s', (_why, subject, indicator, sentence) => expect(causeSentence(subject, indicator, 'Europe/London')).toBe(sentence));

  it.each([
    // Under the big figure now, the card does not say it again.
    ['a threshold', opened(96.2, 97.1, bound()), '— no figure repeated', 'over the 95% alert bound (opened at 96.2%)'],
    // The same figure an hour on: "opened at" the figure shown would say nothing.
    ['unchanged since it opened', opened(96.2, 96.2, bound()), '— nothing to add', 'over the 95% alert bound'],
    // Other causes read the same as anywhere else.
    ['a step', opened(97.1, 97.4, { type: 'forecast', expected: 91.3, probability: 0.93 }, { kind: 'step' }), '— as always', 'a step up from about 91% to 97%'],
  ])('on the card, %s %s', (_why, subject, _note, sentence) => expect(cardSentence(subject, percentLower)).toBe(sentence));

  it('an indicator the catalogue does not know: its values are not guessed at, a silent unit still is', () => {
    expect(causeSentence(opened(96.2, 97.1, bound()), undefined)).toBeNull();
    expect(causeSentence(opened(null, null, { type: 'no-report', lastPeriod: null, lastReportAt: null }, { kind: 'no-report' }), undefined)).toBe('no report yet');
  });
});

describe('how widely the figure was reported', () => {
  it.each([
    // A node with units below: how many reported the figure now.
    ['a parent', episode({ now: figure(97, { reported: 38, expected: 42 }), opening: figure(96, { reported: 38, expected: 42 }) }), 'reported by 38 of 42'],
    // The opening figure was reported by more (or fewer): both, so a thin figure now is not mistaken for the same evidence.
    ['fewer now', episode({ now: figure(97, { reported: 34, expected: 42 }), opening: figure(96, { reported: 40, expected: 42 }) }), 'reported by 34 of 42 (opened on 40 of 42)'],
    // No figure now yet: the opening's coverage.
    ['opening only', episode({ now: null, opening: figure(96, { reported: 40, expected: 42 }) }), 'reported by 40 of 42'],
    // A unit reports for itself: "1 of 1" says nothing.
    ['a unit', episode({ now: figure(97), opening: figure(96) }), null],
    // An older server: nothing known.
    ['nothing known', episode(), null],
  ])('%s', (_why, subject, words) => expect(coverageWords(subject)).toBe(words));
});

describe('small words', () => {
  it.each([
    // Percentages to two significant figures…
    [91.3, '%', '91%'],
    [97.1, '%', '97%'],
    // …a share as a percentage…
    [0.913, 'ratio', '91%'],
    // …counts of a hundred or more to three.
    [1234, 'beds', '1,230 beds'],
    [8.44, 'h', '8.4 h'],
    [0, 'count', '0 count'],
  ])('roughly %p %s → %s', (value, unit, words) => expect(roughly(value, unit)).toBe(words));

  it.each([
    [7, DAY, '7 days'],
    [1, HOUR, '1 hour'],
    [3, 7 * DAY, '3 weeks'],
    // A 15-minute indicator has no everyday noun.
    [7, 15 * 60_000, '7 periods'],
  ])('%p periods of %p ms → %s', (count, periodMs, words) => expect(periodsWord(count, periodMs)).toBe(words));

  it('a reading time in the room\'s zone: British Summer Time shows local time', () => {
    expect(reportedAt('2023-07-03T13:00:00Z', 'Europe/London')).toBe('3 Jul, 14:00');
  });

  it.each([
    // Days and hours for a long episode.
    ['a long episode', 118 * DAY + 3 * HOUR, 'for 118 d 3 h'],
    // Opened by the latest report: "for 0 s" said nothing; it is news.
    ['opened by the latest report', 0, 'just opened'],
    // Still under a minute.
    ['under a minute', 59_000, 'just opened'],
    // A minute is an age.
    ['a minute', 60_000, 'for 1 m'],
  ])('an age: %s', (_why, ms, words) => expect(ageWords(ms)).toBe(words));
});
