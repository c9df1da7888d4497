import { episodeFigures, settledWhere } from '../../server/observe/figures';
import type { EpisodeRecord } from '../../server/domain/episodes/episode';
import { parsePrometheus } from '../helpers/prometheus';

const opened = { type: 'opened' as const, at: 0, holder: 'U1' };
const escalated = { type: 'escalated' as const, at: 1, from: 'U1', to: 'D1', reason: 'deadline' as const };

describe('settledWhere', () => {
  test.each([
    // Resolved where it arose, nobody above had to act: what the VSM calls absorbed locally.
    { why: 'resolved at its own node', node: 'U1', holder: 'U1', path: [opened], settled: 'locally' },
    // Its window ran out and the district took it: settled higher up, even if it resolved quickly after.
    { why: 'escalated, then resolved', node: 'U1', holder: 'D1', path: [opened, escalated], settled: 'escalated' },
    // A crisis told straight to the district holds there from the start.
    { why: 'held above from the start', node: 'U1', holder: 'D1', path: [{ ...opened, holder: 'D1' }], settled: 'escalated' },
    // Escalated and then reopened at home: it still needed the level above once.
    { why: 'escalated once, back at its node', node: 'U1', holder: 'U1', path: [opened, escalated], settled: 'escalated' },
  ])('$why → $settled', ({ node, holder, path, settled }) => {
    expect(settledWhere({ node, path, state: { holder } })).toBe(settled);
  });
});

test('episodeFigures counts open episodes by holder level and severity, and silent units once each', () => {
  const levels: Record<string, string> = { U1: 'unit', U2: 'unit', D1: 'district' };
  const hierarchy = { has: (id: string) => id in levels, node: (id: string) => ({ level: levels[id]! }) };
  const episode = (fields: { holder: string; status: 'open' | 'resolved'; node?: string; severity?: string; kind?: string; indicator?: string }) =>
    ({ node: 'U1', severity: 'alert', kind: 'threshold', path: [opened], ...fields, state: { status: fields.status, holder: fields.holder } }) as unknown as EpisodeRecord;
  const figures = episodeFigures([
    episode({ holder: 'U1', status: 'open' }),
    episode({ holder: 'D1', status: 'open', severity: 'crisis' }),
    episode({ holder: 'U2', node: 'U2', status: 'open', kind: 'no-report', indicator: 'a' }),
    episode({ holder: 'U2', node: 'U2', status: 'open', kind: 'no-report', indicator: 'b' }),
    episode({ holder: 'X9', node: 'X9', status: 'open' }),
    episode({ holder: 'U1', status: 'resolved' }),
  ], hierarchy as never);
  expect(Object.fromEntries(figures.open)).toEqual({ 'unit\u0000alert': 3, 'district\u0000crisis': 1, 'unknown\u0000alert': 1 });
  expect(figures.noReportUnits).toBe(1);
  expect(figures.resolved).toEqual({ locally: 1, escalated: 0 });
});

describe('parsePrometheus (the test reader) refuses what Prometheus would', () => {
  test.each([
    ['a sample of no declared family', 'opsroom_x 1'],
    ['an unknown type', '# TYPE opsroom_x thing\nopsroom_x 1'],
    ['a value that is not a number', '# TYPE opsroom_x gauge\nopsroom_x one'],
    ['unquoted labels', '# TYPE opsroom_x gauge\nopsroom_x{a=b} 1'],
  ])('%s', (_why, text) => {
    expect(() => parsePrometheus(text)).toThrow(/line \d/);
  });
});
