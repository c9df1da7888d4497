import type { PathEntry } from '../../shared/api';
import { holdings } from '../../server/domain/report';

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
