import type { Episode, PathEntry } from '../../shared/api';
import { wordingFor } from '../../client/state/episode-words';
import { buildHierarchy, levelOf } from '../../client/state/hierarchy';
import { pathWords, sinceOpening, stamp, type PathWording } from '../../client/state/path-words';
import { at, breach, episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const words: PathWording = { ...wordingFor(tree, 'ae4h', indicatorInfo()), levelOf: (id) => levelOf(tree, id) };
const opened: PathEntry = { type: 'opened', at: at(0), holder: 'MFT' };

/** The one entry of `type` the path gives, as title and why. */
function entryOf(subject: Episode, type: string) {
  const found = pathWords(subject, words).filter((entry) => entry.kind === type);
  expect(found).toHaveLength(1);
  return { title: found[0]!.title, why: found[0]!.why, quote: found[0]!.quote, episodes: found[0]!.episodes };
}

describe('the words for each step of an episode\'s path', () => {
  test.each<{ name: string; episode: Episode; type: string; title: string; why: string | null }>([
    {
      // Where it arose, on what figure, found how, and whose window it is.
      name: 'opened in its own window',
      episode: episode({ value: 97.4 }),
      type: 'opened',
      title: 'Opened at Manchester University (unit)',
      why: 'A&E 4-hour 97.4% for 08:00 · beyond its threshold · unit\'s own window to settle it',
    },
    {
      // A crisis does not wait for the local window: the entry says who held it at once and why.
      name: 'opened as a crisis, held at once by the district',
      episode: episode({ severity: 'crisis', holder: 'GM' }, [{ type: 'opened', at: at(0), holder: 'GM' }]),
      type: 'opened',
      title: 'Opened at Manchester University (unit) as a crisis, held at once by Greater Manchester (district)',
      why: 'A&E 4-hour 97% for 08:00 · beyond its threshold · a crisis skips the local window, and every level above is told',
    },
    {
      // A silent unit has no figure: the entry says which report is missing.
      name: 'a missing report',
      episode: episode({ kind: 'no-report', value: null }),
      type: 'opened',
      title: 'Opened at Manchester University (unit)',
      why: 'No report since 08:00 · a missing report · unit\'s own window to settle it',
    },
    {
      // Good news travels up at once and has no deadline.
      name: 'a bright spot',
      episode: episode({ direction: 'pleasure', kind: 'step', value: 99 }),
      type: 'opened',
      title: 'A bright spot at Manchester University (unit)',
      why: 'A&E 4-hour 99% for 08:00 · Cyberstride: a step in level · told to every level above at once; no deadline',
    },
    {
      // A district episode that waited on units below: it became systemic, and names them.
      name: 'opened after being held back by episodes below',
      episode: episode({ node: 'GM', holder: 'GM', inhibitedBy: ['ep7', 'ep8'] }, [{ type: 'opened', at: at(0), holder: 'GM' }]),
      type: 'opened',
      title: 'Opened at Greater Manchester (district)',
      why: 'A&E 4-hour 97% for 08:00 · beyond its threshold · district\'s own window to settle it · systemic: its own figure was held back at first by 2 episodes below, and was still out when they were settled',
    },
    {
      // The window ran out: the signal climbs, and the page says whose window it was.
      name: 'escalated when the window ran out',
      episode: episode({}, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' }]),
      type: 'escalated',
      title: 'Escalated from Manchester University (unit) to Greater Manchester (district)',
      why: 'the unit\'s window ran out before it was settled',
    },
    {
      // A crisis mid-way skips the rest of the window.
      name: 'escalated by a crisis',
      episode: episode({}, [opened, { type: 'escalated', at: at(20), from: 'MFT', to: 'NW', reason: 'crisis' }]),
      type: 'escalated',
      title: 'Escalated from Manchester University (unit) to North West (region)',
      why: 'a crisis skips the rest of the local window',
    },
    {
      // Logs written before reasons were recorded: say where, and nothing made up about why.
      name: 'escalated, no reason recorded',
      episode: episode({}, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'GM' }]),
      type: 'escalated',
      title: 'Escalated from Manchester University (unit) to Greater Manchester (district)',
      why: null,
    },
    {
      name: 'became a crisis',
      episode: episode({ severity: 'crisis' }, [opened, { type: 'severity', at: at(10), severity: 'crisis' }]),
      type: 'severity',
      title: 'Became a crisis',
      why: 'worse than the crisis bound',
    },
    {
      // Acknowledging names who held it then, and that it does not stop the clock.
      name: 'acknowledged while the district held it',
      episode: episode({}, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' }, { type: 'acknowledged', at: at(70), by: 'GM lead', note: 'HALO on site' }]),
      type: 'acknowledged',
      title: 'Acknowledged by GM lead',
      why: 'while held by Greater Manchester (district); the clock runs on',
    },
    {
      name: 'a note',
      episode: episode({}, [opened, { type: 'note', at: at(30), by: 'MFT lead', note: 'Two wards closed' }]),
      type: 'note',
      title: 'Note by MFT lead',
      why: null,
    },
    {
      // Late data re-ran detection from an earlier period.
      name: 'revised by late data',
      episode: episode({}, [opened, { type: 'revised', at: at(90), period: at(0) }]),
      type: 'revised',
      title: 'Revised: late data re-ran detection from 08:00',
      why: 'what was told stays told',
    },
    {
      // Never climbed: the unit settled it itself, the good news of subsidiarity.
      name: 'settled locally',
      episode: episode({ status: 'resolved' }, [opened, { type: 'resolved', at: at(40), level: 'unit', reason: 'back-to-normal' }]),
      type: 'resolved',
      title: 'Settled locally by Manchester University (unit)',
      why: 'back to normal within its own window',
    },
    {
      // Climbed, then settled: at which level and by whom.
      name: 'settled at the region',
      episode: episode({ status: 'resolved' }, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'NW', reason: 'crisis' }, { type: 'resolved', at: at(200), level: 'region', reason: 'back-to-normal' }]),
      type: 'resolved',
      title: 'Settled at the region by North West (region)',
      why: 'back to normal',
    },
    {
      // The top level is called the top, not "the national".
      name: 'settled at the top',
      episode: episode({ status: 'resolved' }, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'ENG', reason: 'crisis' }, { type: 'resolved', at: at(200), level: 'national', reason: 'back-to-normal' }]),
      type: 'resolved',
      title: 'Settled at the top by England (national)',
      why: 'back to normal',
    },
    {
      name: 'withdrawn by a correction',
      episode: episode({ status: 'resolved' }, [opened, { type: 'revised', at: at(30), period: at(0) }, { type: 'resolved', at: at(30), level: 'unit', reason: 'revised' }]),
      type: 'resolved',
      title: 'Withdrawn at the unit, Manchester University',
      why: 'a correction or late data removed the cause',
    },
    {
      name: 'a missing report came in',
      episode: episode({ kind: 'no-report', value: null, status: 'resolved' }, [opened, { type: 'resolved', at: at(30), level: 'unit', reason: 'reported' }]),
      type: 'resolved',
      title: 'Reported again: settled at the unit',
      why: 'the missing figure came in; Manchester University (unit) held it',
    },
    {
      name: 'a missing report ended by the unit closing',
      episode: episode({ kind: 'no-report', value: null, status: 'resolved' }, [opened, { type: 'resolved', at: at(30), level: 'unit', reason: 'unit-closed' }]),
      type: 'resolved',
      title: 'Closed: no report is expected any more',
      why: 'the unit closed or merged',
    },
    {
      // Out again soon after: the same episode, at the level it had reached.
      name: 'reopened',
      episode: episode({ holder: 'GM' }, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' }, { type: 'resolved', at: at(70), level: 'district', reason: 'back-to-normal' }, { type: 'reopened', at: at(80), holder: 'GM' }]),
      type: 'reopened',
      title: 'Reopened at Greater Manchester (district)',
      why: 'out again soon after it was settled: it keeps the level and the window it had reached',
    },
    {
      // The district's own figure out on the same problem is counted here, not given a clock of its own.
      name: 'holding back the district\'s figure',
      episode: episode({ inhibits: [breach('GM', 97.1)] }),
      type: 'inhibits',
      title: 'The district figure is out too: Greater Manchester 97.1%',
      why: 'held back as one problem: no second clock at the district',
    },
  ])('$name', ({ episode: subject, type, title, why }) => {
    expect(entryOf(subject, type)).toMatchObject({ title, why });
  });

  test('the people\'s words are quoted, and an episode that held this one back is named for a link', () => {
    const acked = episode({}, [opened, { type: 'acknowledged', at: at(5), by: 'MFT lead', note: 'Escalation ward open' }]);
    expect(entryOf(acked, 'acknowledged').quote).toBe('Escalation ward open');
    const systemic = episode({ node: 'GM', holder: 'GM', inhibitedBy: ['ep7'] }, [{ type: 'opened', at: at(0), holder: 'GM' }]);
    expect(entryOf(systemic, 'opened').episodes).toEqual(['ep7']);
  });

  test('a held-back figure sits in time order among the path\'s steps', () => {
    const subject = episode({ inhibits: [breach('GM', 97.1, { since: at(65) })] }, [opened, { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' }, { type: 'note', at: at(70), by: 'x', note: 'y' }]);
    expect(pathWords(subject, words).map((entry) => entry.kind)).toEqual(['opened', 'escalated', 'inhibits', 'note']);
  });
});

describe('times on the timeline', () => {
  test.each([
    { at: at(0), label: 'at opening' }, // the opening itself
    { at: at(130), label: '2 h 10 m later' },
    { at: at(60 * 24 * 3 + 60), label: '3 d 1 h later' }, // long episodes read in days
  ])('$label', ({ at: when, label }) => {
    expect(sinceOpening(when, at(0))).toBe(label);
  });

  test('an instant prints with its weekday, date, year and time, in the zone asked for', () => {
    expect(stamp('2026-01-05T08:00:00Z', 'UTC')).toBe('Mon 5 Jan 2026, 08:00');
    expect(stamp('2026-07-06T08:00:00Z', 'Europe/London')).toBe('Mon 6 Jul 2026, 09:00'); // British Summer Time
  });
});
