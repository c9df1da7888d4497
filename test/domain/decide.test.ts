import { decide } from '../../server/domain/episodes/decide';
import { MAX_NOTES_PER_EPISODE } from '../../server/domain/episodes/notes';
import type { EpisodeEvent, EpisodeRecord, EpisodeRules } from '../../server/domain/episodes/episode';
import { episodeId, indicatorId, instant, nodeId, type Instant, type NodeId } from '../../server/domain/ids';

const H = 3_600_000;
const t = (hours: number): Instant => instant(Date.parse('2026-01-05T00:00:00Z') + hours * H);
const parents: Record<string, string | null> = { U1: 'D1', D1: 'R1', R1: 'ENG', ENG: null };
const levels: Record<string, string> = { U1: 'unit', D1: 'district', R1: 'region', ENG: 'national' };
const windows: Record<string, number | null> = { unit: 4 * H, district: 8 * H, region: 24 * H, national: null };

const rules: EpisodeRules = {
  parentOf: (node) => (parents[node] ?? null) as NodeId | null,
  levelOf: (node) => levels[node]!,
  ancestorsOf: (node) => {
    const out: NodeId[] = [];
    for (let at = parents[node]; at; at = parents[at]) out.push(nodeId(at));
    return out;
  },
  allowanceMs: (level) => windows[level] ?? null,
  crisisHolder: (node) => nodeId(parents[node] ?? node),
};

function episode(overrides: Partial<EpisodeRecord> = {}): EpisodeRecord {
  return {
    id: episodeId('E1'), node: nodeId('U1'), indicator: indicatorId('load'), direction: 'pain', kind: 'threshold', severity: 'alert',
    policyVersion: 1, openedAt: t(0), period: t(0), value: 12, acknowledgedBy: null, reached: [nodeId('U1')], inhibits: [], inhibitedBy: [],
    path: [{ type: 'opened', at: t(0), holder: nodeId('U1') }],
    state: { status: 'open', holder: nodeId('U1'), deadline: t(4), overdue: false },
    ...overrides,
  };
}
const resolved = (holder: string, deadline: number | null) =>
  episode({ state: { status: 'resolved', holder: nodeId(holder), resolvedAt: t(1), resolvedLevel: levels[holder]!, deadline: deadline === null ? null : instant(deadline), overdue: false } });
const atTop = episode({ state: { status: 'open', holder: nodeId('ENG'), deadline: t(36), overdue: false } });
const breach = { node: nodeId('D1'), severity: 'alert' as const, value: 25, period: t(0), since: t(0) };

describe('decide: one event on one episode', () => {
  test.each<{ name: string; before: EpisodeRecord; event: EpisodeEvent; now: Instant; reason: string; holder?: string; deadline?: Instant | null; status?: string }>([
    // The window includes its last instant: the holder still has it.
    { name: 'deadline not yet due', before: episode(), event: { type: 'deadline' }, now: t(3), reason: 'not-due', holder: 'U1', deadline: t(4) },
    // Unsettled at the deadline: the parent holds it with its own window, counted from the old deadline.
    { name: 'deadline passes it up', before: episode(), event: { type: 'deadline' }, now: t(4), reason: 'allowance-ran-out', holder: 'D1', deadline: t(12) },
    // However late the clock comes, the new window counts from the deadline, not from now.
    { name: 'late clock, same stamp', before: episode(), event: { type: 'deadline' }, now: t(9), reason: 'allowance-ran-out', holder: 'D1', deadline: t(12) },
    // At the top there is nobody left to pass it to: it stays, flagged overdue.
    { name: 'the top keeps it, overdue', before: atTop, event: { type: 'deadline' }, now: t(36), reason: 'reached-the-top', holder: 'ENG', deadline: null },
    // A bright spot has no window to run out.
    { name: 'bright spot has no window', before: episode({ direction: 'pleasure' }), event: { type: 'deadline' }, now: t(5), reason: 'bright-spot-has-no-window' },
    // A note is history, so a resolved episode takes one too; but no more than an episode keeps.
    { name: 'a note on a resolved episode', before: resolved('U1', t(4)), event: { type: 'note', by: 'x', note: 'n' }, now: t(5), reason: 'noted', status: 'resolved' },
    { name: 'a note past the cap', before: episode({ path: Array.from({ length: MAX_NOTES_PER_EPISODE }, () => ({ type: 'note' as const, at: t(0), by: 'x', note: 'n' })) }), event: { type: 'note', by: 'x', note: 'n' }, now: t(1), reason: 'notes-full', holder: 'U1' },
    // Resolved episodes do not climb.
    { name: 'resolved does not climb', before: resolved('U1', t(4)), event: { type: 'deadline' }, now: t(5), reason: 'not-open', status: 'resolved' },
    // Becoming a crisis skips the rest of the local window.
    { name: 'crisis skips the local window', before: episode(), event: { type: 'exception', severity: 'crisis' }, now: t(1), reason: 'crisis-skips-local-window', holder: 'D1', deadline: t(9) },
    // The same exception again changes nothing.
    { name: 'still out', before: episode(), event: { type: 'exception', severity: 'alert' }, now: t(1), reason: 'still-in-exception', holder: 'U1' },
    // Stepping back out within reopenWithin keeps the level and the window it had.
    { name: 'reopen keeps its window', before: resolved('D1', t(12)), event: { type: 'exception', severity: 'alert' }, now: t(2), reason: 'reopened-within-window', holder: 'D1', deadline: t(12), status: 'open' },
    // A window that ran out while resolved is due at once.
    { name: 'reopen after the window', before: resolved('U1', t(4)), event: { type: 'exception', severity: 'alert' }, now: t(6), reason: 'reopened-within-window', holder: 'U1', deadline: t(6) },
    // Back to normal settles it where it is held.
    { name: 'clear', before: episode(), event: { type: 'clear' }, now: t(2), reason: 'back-to-normal', status: 'resolved' },
    // A correction removed the cause: withdrawn, with the revision on its path.
    { name: 'revised', before: episode(), event: { type: 'revise', period: t(0) }, now: t(2), reason: 'revised', status: 'resolved' },
    // Only a missing report is resolved by a report.
    { name: 'reported is for missing reports', before: episode(), event: { type: 'reported' }, now: t(2), reason: 'not-a-missing-report', status: 'open' },
    { name: 'a missing report ends with a report', before: episode({ kind: 'no-report', value: null }), event: { type: 'reported' }, now: t(2), reason: 'reported', status: 'resolved' },
    // An ancestor's own breach is recorded on the episode below, once.
    { name: 'inhibits a breach', before: episode(), event: { type: 'inhibit', breach }, now: t(0), reason: 'inhibits-breach' },
    { name: 'the same breach again', before: episode({ inhibits: [breach] }), event: { type: 'inhibit', breach }, now: t(1), reason: 'breach-already-recorded' },
    { name: 'a breach back in bounds', before: episode({ inhibits: [breach] }), event: { type: 'release', node: nodeId('D1') }, now: t(1), reason: 'breach-released' },
    // Acknowledging says who is on it; it does not stop the clock.
    { name: 'acknowledge', before: episode(), event: { type: 'acknowledge', by: 'Sam', note: null }, now: t(1), reason: 'acknowledged', holder: 'U1', deadline: t(4) },
    { name: 'acknowledge a resolved one', before: resolved('U1', t(4)), event: { type: 'acknowledge', by: 'Sam', note: null }, now: t(2), reason: 'not-open' },
  ])('$name → $reason', ({ before, event, now, reason, holder, deadline, status }) => {
    const decision = decide(before, event, now, rules);
    expect(decision.reason).toBe(reason);
    if (holder !== undefined) expect(decision.next.state.holder).toBe(holder);
    if (deadline !== undefined) expect(decision.nextDeadline).toBe(deadline);
    if (status !== undefined) expect(decision.next.state.status).toBe(status);
    expect(decision.changed).toBe(decision.next !== before);
  });

  test('it never changes the record it is given', () => {
    const before = episode();
    const frozen = JSON.stringify(before);
    decide(before, { type: 'deadline' }, t(5), rules);
    decide(before, { type: 'inhibit', breach }, t(1), rules);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  test('a revision and a resolution are both on the path, with the reason', () => {
    const { next } = decide(episode(), { type: 'revise', period: t(0) }, t(2), rules);
    expect(next.path.slice(1)).toEqual([{ type: 'revised', at: t(2), period: t(0) }, { type: 'resolved', at: t(2), level: 'unit', reason: 'revised' }]);
  });
});
