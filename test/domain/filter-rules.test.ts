import type { Finding } from '../../server/domain/detectors/types';
import { inhibition } from '../../server/domain/episodes/inhibition';
import { silence, silenceDue } from '../../server/domain/episodes/no-report';
import { keepVersion, windowsVersion } from '../../server/domain/episodes/pinning';
import { revision } from '../../server/domain/episodes/revision';
import { episodeId } from '../../server/domain/ids';

const alert = (id: string) => ({ id: episodeId(id), severity: 'alert' as const });
const crisis = (id: string) => ({ id: episodeId(id), severity: 'crisis' as const });

describe('inhibition: one problem, one clock', () => {
  test.each([
    // Nothing below: the node's own figure is a problem of its own.
    { name: 'nothing open below', severity: 'alert', below: [], decision: 'open', reason: 'nothing-open-below' },
    // The unit's alert is the district's alert: no second clock.
    { name: 'same severity below', severity: 'alert', below: [alert('E1')], decision: 'inhibit', reason: 'same-problem-open-below', by: ['E1'] },
    // A crisis below covers an alert above.
    { name: 'worse below', severity: 'alert', below: [crisis('E1')], decision: 'inhibit', reason: 'same-problem-open-below', by: ['E1'] },
    // A crisis above alerts below is worse than anything below: it opens.
    { name: 'worse than anything below', severity: 'crisis', below: [alert('E1'), alert('E2')], decision: 'open', reason: 'worse-than-anything-below' },
    // Only the episodes at least as severe hold it back.
    { name: 'only the severe ones hold it', severity: 'crisis', below: [alert('E1'), crisis('E2')], decision: 'inhibit', reason: 'same-problem-open-below', by: ['E2'] },
  ] as const)('$name → $decision', ({ severity, below, decision, reason, ...rest }) => {
    const result = inhibition(severity, below);
    expect(result).toMatchObject({ decision, reason });
    if ('by' in rest) expect(result).toMatchObject({ by: rest.by });
  });
});

describe('silence: a missing report is a signal', () => {
  test.each([
    // Past the grace with nothing for the period or later: raise.
    { name: 'silent past the grace', latestPeriod: 100, period: 200, noReportMs: 50, closedAt: null, raise: true, reason: 'silent-past-grace' },
    // A new unit is not expected until its first reading, so a new network opens no flood.
    { name: 'never reported', latestPeriod: null, period: 200, noReportMs: 50, closedAt: null, raise: false, reason: 'never-reported' },
    // A reading since (for that period or a later one) answers it.
    { name: 'reported since', latestPeriod: 200, period: 200, noReportMs: 50, closedAt: null, raise: false, reason: 'reported-since' },
    // A unit that closed or merged is not expected to report.
    { name: 'closed before the period', latestPeriod: 100, period: 200, noReportMs: 50, closedAt: 150, raise: false, reason: 'unit-closed' },
    // Closing later than the period does not excuse this one.
    { name: 'closed after the period', latestPeriod: 100, period: 200, noReportMs: 50, closedAt: 300, raise: true, reason: 'silent-past-grace' },
    // The indicator says never.
    { name: 'switched off', latestPeriod: 100, period: 200, noReportMs: false, closedAt: null, raise: false, reason: 'switched-off' },
  ] as const)('$name → $reason', ({ raise, reason, ...check }) => {
    expect(silence(check)).toEqual({ raise, reason });
  });

  test('silence about the period after the latest counts once that period has ended and its allowance passed', () => {
    const next = (start: number) => start + 10;
    expect(silenceDue(100, next, (period) => next(period) + 3)).toEqual({ period: 110, due: 123 });
  });
});

describe('revision: what was told stays told', () => {
  const f: Finding = { kind: 'threshold', direction: 'pain', severity: 'alert' };
  test.each([
    // A correction to the opening figure took the cause away everywhere: withdrawn.
    { name: 'cause gone', open: { period: 10 }, from: 10, rejudged: [{ period: 10, now: null, before: f }, { period: 11, now: null, before: null }], action: 'revise', reason: 'cause-gone' },
    // The opening figure changed, but a later period is still out: it stays open.
    { name: 'cause remains', open: { period: 10 }, from: 10, rejudged: [{ period: 10, now: null, before: f }, { period: 11, now: f, before: f }], action: 'none', reason: 'cause-remains' },
    // Late data after the opening period does not withdraw it (normal clearing applies).
    { name: 'opening period unchanged', open: { period: 10 }, from: 12, rejudged: [{ period: 12, now: null, before: f }], action: 'none', reason: 'opening-period-unchanged' },
    // A late breach opens an episode now, stamped with its own period.
    { name: 'late breach', open: null, from: 5, rejudged: [{ period: 5, now: f, before: null }, { period: 6, now: null, before: null }], action: 'open', reason: 'new-exception', period: 5 },
    // Nothing newly out: nothing to say.
    { name: 'nothing new', open: null, from: 5, rejudged: [{ period: 5, now: null, before: null }], action: 'none', reason: 'nothing-new' },
    // Already found before the revision (and so already told): not opened again.
    { name: 'already told', open: null, from: 5, rejudged: [{ period: 5, now: f, before: f }], action: 'none', reason: 'nothing-new' },
  ] as const)('$name → $action', ({ open, from, rejudged, action, reason, ...rest }) => {
    const result = revision(open, from, rejudged);
    expect(result).toMatchObject({ action, reason });
    if ('period' in rest) expect(result).toMatchObject({ period: rest.period });
  });
});

describe('pinning: a window runs under the policy it opened under', () => {
  const use = (version: number, status: 'open' | 'resolved', resolvedAt: number | null = null) => ({ version, status, resolvedAt, reopenWithinMs: 10 });
  test.each([
    // An open episode still runs its windows under version 1.
    { name: 'open under it', uses: [use(1, 'open')], keep: true, reason: 'an-open-episode-runs-under-it' },
    // Resolved 5 ago with 10 to reopen: a reopening must get the same windows.
    { name: 'may reopen under it', uses: [use(1, 'resolved', 95)], keep: true, reason: 'a-resolved-episode-may-reopen-under-it' },
    // Settled for good: nothing needs version 1.
    { name: 'settled for good', uses: [use(1, 'resolved', 50)], keep: false, reason: 'nothing-runs-under-it' },
    // Episodes of other versions do not keep this one.
    { name: 'other versions only', uses: [use(2, 'open')], keep: false, reason: 'nothing-runs-under-it' },
  ] as const)('$name → keep $keep', ({ uses, keep, reason }) => {
    expect(keepVersion(1, uses, 100)).toEqual({ keep, reason });
  });

  test.each([
    // Opened under the version in force.
    { name: 'its own is in force', episode: 3, current: 3, knows: undefined, version: 3, reason: 'its-own-version-is-in-force' },
    // Opened under 1, now 3: version 1's windows.
    { name: 'pinned', episode: 1, current: 3, knows: true, version: 1, reason: 'its-own-version-is-pinned' },
    // Version 1 is no longer kept (or never had the indicator): the one in force, the best there is.
    { name: 'gone', episode: 1, current: 3, knows: undefined, version: 3, reason: 'its-version-is-gone-or-lacks-the-indicator' },
  ])('$name → version $version', ({ episode, current, knows, version, reason }) => {
    expect(windowsVersion(episode, current, knows)).toEqual({ version, reason });
  });
});
