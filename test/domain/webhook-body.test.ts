import { episodeSchema, type Episode } from '../../shared/api';
import { webhookBodySchema, ZERO_TIME } from '../../shared/webhook';
import { fingerprintOf, signalsOf, summaryOf, webhookBody, type Naming } from '../../server/domain/webhook-body';

const naming: Naming = {
  nodeName: (id) => ({ U1: 'Unit one', D1: 'District one', R1: 'Region one', ENG: 'England' })[id] ?? id,
  indicatorLabel: (id) => (id === 'load' ? 'Load' : id),
  indicatorUnit: () => 'count',
};

const base: Episode = episodeSchema.parse({
  id: 'E7', node: 'U1', indicator: 'load', direction: 'pain', kind: 'threshold', severity: 'alert', period: '2026-01-05T00:00:00Z', value: 12,
  status: 'open', holder: 'U1', holderLevel: 'unit', openedAt: '2026-01-05T00:01:00Z', deadline: '2026-01-05T04:01:00Z', overdue: false,
  resolvedAt: null, resolvedLevel: null, acknowledgedBy: null, policyVersion: 1, reached: ['U1'], inhibits: [], inhibitedBy: [], path: [],
});
const episode = (changes: Partial<Episode>): Episode => ({ ...base, ...changes });

const receivers = [
  { name: 'unit', node: 'U1' },
  { name: 'district', node: 'D1' },
  { name: 'england', node: 'ENG' },
];

describe('signalsOf: what an episode, as it stands, owes each receiver', () => {
  test.each([
    // opened at the unit: its receiver hears it firing; the district's has not been reached
    [episode({}), ['unit firing:alert']],
    // escalated to the district: both have been reached (the unit's was, and keeps its one firing by the outbox's key)
    [episode({ holder: 'D1', holderLevel: 'district', reached: ['U1', 'D1'] }), ['unit firing:alert', 'district firing:alert']],
    // raised to crisis and told to every ancestor: a firing at the new severity, England's too
    [episode({ severity: 'crisis', reached: ['U1', 'D1', 'R1', 'ENG'] }), ['unit firing:crisis', 'district firing:crisis', 'england firing:crisis']],
    // resolved: the firing first (for a receiver that missed it), then the resolution
    [episode({ status: 'resolved', resolvedAt: '2026-01-05T02:00:00Z', resolvedLevel: 'unit' }), ['unit firing:alert', 'unit resolved']],
    // reached nobody configured: nothing
    [episode({ node: 'U9', holder: 'U9', reached: ['U9'] }), []],
    // reopened after it was settled: a second opening, so a firing of its own (the first one's keys are taken)
    [episode({ path: [{ type: 'opened', at: '2026-01-05T00:00:00Z', holder: 'U1' }, { type: 'resolved', at: '2026-01-05T02:00:00Z', level: 'unit' }, { type: 'reopened', at: '2026-01-05T03:00:00Z', holder: 'U1' }] }), ['unit firing:alert#2']],
    // and settled again: its own resolution too
    [
      episode({ status: 'resolved', resolvedAt: '2026-01-05T05:00:00Z', resolvedLevel: 'unit', path: [{ type: 'opened', at: '2026-01-05T00:00:00Z', holder: 'U1' }, { type: 'resolved', at: '2026-01-05T02:00:00Z', level: 'unit' }, { type: 'reopened', at: '2026-01-05T03:00:00Z', holder: 'U1' }, { type: 'resolved', at: '2026-01-05T05:00:00Z', level: 'unit' }] }),
      ['unit firing:alert#2', 'unit resolved#2'],
    ],
  ])('%#', (ep, expected) => {
    expect(signalsOf(ep, receivers, naming, 'http://room').map((s) => `${s.receiver} ${s.signal}`)).toEqual(expected);
  });
});

describe('webhookBody: Alertmanager v4', () => {
  test.each([
    // firing: endsAt is Alertmanager's zero time
    ['firing', episode({}), 'firing', ZERO_TIME],
    // resolved: endsAt is when it resolved
    ['resolved', episode({ status: 'resolved', resolvedAt: '2026-01-05T02:00:00Z', resolvedLevel: 'unit' }), 'resolved', '2026-01-05T02:00:00Z'],
  ] as const)('%s', (status, ep, expectedStatus, endsAt) => {
    const body = webhookBodySchema.parse(webhookBody(ep, { name: 'district', node: 'D1' }, status, naming, 'http://room'));
    expect(body.status).toBe(expectedStatus);
    expect(body.receiver).toBe('district');
    const [alert] = body.alerts;
    expect(alert!.endsAt).toBe(endsAt);
    expect(alert!.startsAt).toBe(ep.openedAt);
    expect(alert!.labels).toMatchObject({ alertname: 'load', node: 'U1', holder: 'U1', level: 'unit', severity: 'alert', episode: 'E7' });
    expect(alert!.generatorURL).toBe('http://room/api/episodes/E7');
  });

  test('the fingerprint is the same for an episode whatever its state, and differs between episodes', () => {
    const open = webhookBody(episode({}), receivers[0]!, 'firing', naming, '');
    const escalated = webhookBody(episode({ holder: 'D1', reached: ['U1', 'D1'], severity: 'crisis' }), receivers[0]!, 'firing', naming, '');
    expect(open.alerts[0]!.fingerprint).toBe(escalated.alerts[0]!.fingerprint);
    expect(open.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf('E8')).not.toBe(fingerprintOf('E7'));
  });
});

describe('summaryOf: the summary in words', () => {
  test.each([
    // at its own node, held there
    [episode({}), 'firing', 'Load at Unit one (U1) is in alert: 12 count; held there'],
    // escalated: says who holds it now
    [episode({ holder: 'D1', severity: 'crisis', value: 25 }), 'firing', 'Load at Unit one (U1) is in crisis: 25 count; held by District one (D1)'],
    // a missing report has no figure
    [episode({ kind: 'no-report', value: null }), 'firing', 'Load at Unit one (U1) is missing: no report; held there'],
    // resolved: where it was settled
    [episode({ status: 'resolved', resolvedAt: '2026-01-05T02:00:00Z', resolvedLevel: 'district' }), 'resolved', 'Load at Unit one (U1) is resolved (settled at district level)'],
  ] as const)('%#', (ep, status, expected) => {
    expect(summaryOf(ep, status, naming)).toBe(expected);
  });
});
