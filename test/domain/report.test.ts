import type { PathEntry } from '../../shared/api';
import { holdings, openInSpan, settledLevelAt } from '../../server/domain/report';

const t = (hour: number) => new Date(Date.UTC(2026, 0, 5, hour)).toISOString();
const h = (hour: number) => Date.UTC(2026, 0, 5, hour);

/** Who held an episode from when to when, read off its path. */
describe('holdings', () => {
  test.each<[string, PathEntry[], number, Array<[string, number, number]>]>([
    // Settled where it arose: one holding, ended by the resolution.
    ['settled locally', [{ type: 'opened', at: t(0), holder: 'U1' }, { type: 'resolved', at: t(2), level: 'unit' }], h(9), [['U1', h(0), h(2)]]],
    // The window ran out: the unit held it until the escalation, the district from then on.
    ['escalated once', [{ type: 'opened', at: t(0), holder: 'U1' }, { type: 'escalated', at: t(4), from: 'U1', to: 'D1', reason: 'deadline' }, { type: 'resolved', at: t(6), level: 'district' }], h(9), [['U1', h(0), h(4)], ['D1', h(4), h(6)]]],
    // Still open: the last holding runs to the end asked for.
    ['still open', [{ type: 'opened', at: t(0), holder: 'U1' }, { type: 'escalated', at: t(4), from: 'U1', to: 'D1' }], h(9), [['U1', h(0), h(4)], ['D1', h(4), h(9)]]],
    // Acknowledgements and notes do not change who holds it.
    ['acknowledged', [{ type: 'opened', at: t(0), holder: 'U1' }, { type: 'acknowledged', at: t(1), by: 'ann', note: null }, { type: 'note', at: t(1), by: 'ann', note: 'on it' }, { type: 'resolved', at: t(3), level: 'unit' }], h(9), [['U1', h(0), h(3)]]],
    // Reopened after settling: a second holding from the reopening, and no time between.
    ['reopened', [{ type: 'opened', at: t(0), holder: 'U1' }, { type: 'resolved', at: t(1), level: 'unit' }, { type: 'reopened', at: t(3), holder: 'U1' }, { type: 'resolved', at: t(5), level: 'unit' }], h(9), [['U1', h(0), h(1)], ['U1', h(3), h(5)]]],
  ])('%s', (_why, path, until, expected) => {
    expect(holdings(path, until).map((x) => [x.holder, x.start, x.end])).toEqual(expected);
  });
});

const reopened: PathEntry[] = [
  { type: 'opened', at: t(0), holder: 'U1' },
  { type: 'escalated', at: t(2), from: 'U1', to: 'D1', reason: 'deadline' },
  { type: 'resolved', at: t(3), level: 'district' },
  { type: 'reopened', at: t(6), holder: 'D1' },
  { type: 'resolved', at: t(8), level: 'district' },
];

/** Whether an episode counts in a span, and how it stood at the span's end: its path says, reopenings included. */
describe('an episode in a span', () => {
  test.each<[string, number, number, boolean, string | null]>([
    // Settled within the span, though it was reopened afterwards: the span saw it settled.
    ['settled in the span, reopened after it', h(1), h(4), true, 'district'],
    // Between its resolution and its reopening it was not open: a span inside that gap does not count it.
    ['the gap between settling and reopening', h(4), h(5), false, 'district'],
    // Reopened in the span and open at its end.
    ['reopened and open at the end', h(5), h(7), true, null],
    ['settled again by the end', h(5), h(9), true, 'district'],
    ['before it opened', h(-3), h(-1), false, null],
  ])('%s', (_why, from, to, counts, level) => {
    expect(openInSpan({ path: reopened }, from, to)).toBe(counts);
    expect(settledLevelAt(reopened, to)).toBe(level);
  });
});
