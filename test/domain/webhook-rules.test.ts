import { afterAttempt, backoffDelayMs, droppedReason, pendingOverflow, receiversHearing } from '../../server/domain/webhook-rules';
import { webhookBodySchema, webhookConfigSchema, ZERO_TIME } from '../../shared/webhook';

const receivers = [
  { name: 'england', node: 'ENG' },
  { name: 'north', node: 'NORTH' },
  { name: 'trust', node: 'RXQ' },
];

describe('receiversHearing', () => {
  test.each([
    // opened at the trust and not escalated: only the trust's receiver hears it
    [['RXQ'], ['trust']],
    // escalated to the region: the region and the trust (origin) hear it, in configuration order; England does not yet
    [['RXQ', 'NORTH'], ['north', 'trust']],
    // a crisis told to every ancestor at once: all three hear it
    [['RXQ', 'NORTH', 'ENG'], ['england', 'north', 'trust']],
    // arose elsewhere and never reached a configured node: nobody hears it
    [['RYY'], []],
  ])('reached %j → %j', (reached, expected) => {
    expect(receiversHearing(receivers, { reached }).map((r) => r.name)).toEqual(expected);
  });
});

describe('backoffDelayMs', () => {
  const backoff = { baseMs: 1000, capMs: 60_000 };
  test.each([
    // first retry, jitter at its top: up to the base
    [1, 0.999, 999],
    // full jitter can draw nothing at all
    [3, 0, 0],
    // the ceiling doubles each attempt: 4 s for the third
    [3, 0.5, 2000],
    // capped: attempt 10 would be 512 s, held at 60 s
    [10, 0.5, 30_000],
    // a jitter source out of range is clamped, never a longer wait than the ceiling
    [2, 7, 2000],
  ])('attempt %d, jitter %d → %d ms', (attempt, jitter, expected) => {
    expect(backoffDelayMs(attempt, backoff, jitter)).toBe(expected);
  });
});

describe('afterAttempt', () => {
  test.each([
    // a 2xx is delivered, whatever the count
    [204, 5, 5, 'delivered'],
    // a 5xx retries while attempts remain
    [503, 1, 5, 'retry'],
    // no answer at all (timeout, refused connection) retries too
    [undefined, 4, 5, 'retry'],
    // rate limited is worth retrying
    [429, 2, 5, 'retry'],
    // the last attempt failed: give up
    [500, 5, 5, 'give-up'],
    // a 400 is the receiver refusing this body; retrying will not change it
    [400, 1, 5, 'give-up'],
    // a refused signature (a rotated secret, a clock off by minutes) is put right by someone: keep trying
    [401, 1, 5, 'retry'],
    [403, 2, 5, 'retry'],
  ])('status %s after %d of %d → %s', (status, attempts, max, expected) => {
    expect(afterAttempt(status, attempts, max).kind).toBe(expected);
  });
});

describe('webhook schemas', () => {
  test('a config entry names its secret by environment variable, and a bad URL is refused', () => {
    expect(webhookConfigSchema.parse({ name: 'n', node: 'ENG', url: 'http://127.0.0.1:9/x', secretEnv: 'HOOK_SECRET' }).secretEnv).toBe('HOOK_SECRET');
    expect(webhookConfigSchema.safeParse({ name: 'n', node: 'ENG', url: 'ftp://x' }).success).toBe(false);
    // Not a URL at all: refused naming the field (the refinement after the URL check must not throw on it).
    expect(webhookConfigSchema.safeParse({ name: 'n', node: 'ENG', url: 'nope' }).error?.issues.map((issue) => issue.path)).toEqual([['url']]);
    // The admin token as a receiver's signing secret would hand it to whoever runs the receiver.
    expect(webhookConfigSchema.safeParse({ name: 'n', node: 'ENG', url: 'http://127.0.0.1:9/x', secretEnv: 'OPSROOM_ADMIN_TOKEN' }).error?.issues[0]?.path).toEqual(['secretEnv']);
    // A user and password in the URL could never be sent (fetch refuses them) and would be shown wherever the URL is: refused, pointing at secretEnv.
    const withPassword = webhookConfigSchema.safeParse({ name: 'n', node: 'ENG', url: 'http://user:pw@127.0.0.1:9/x' });
    expect(withPassword.success).toBe(false);
    expect(withPassword.error?.issues[0]).toMatchObject({ path: ['url'], message: 'no user or password in the URL: name the signing secret with secretEnv' });
  });

  test('an Alertmanager v4 body while firing carries the zero endsAt', () => {
    const body = webhookBodySchema.parse({
      version: '4', groupKey: 'ENG:e1', status: 'firing', receiver: 'england',
      groupLabels: {}, commonLabels: { node: 'ENG' }, commonAnnotations: {}, externalURL: 'http://opsroom',
      alerts: [{ status: 'firing', labels: { alertname: 'ae_4h', node: 'ENG' }, annotations: { summary: 's' },
        startsAt: '2026-01-01T00:00:00Z', endsAt: ZERO_TIME, generatorURL: 'http://opsroom/episode/e1', fingerprint: 'e1' }],
    });
    expect(body.alerts[0]!.endsAt).toBe(ZERO_TIME);
    expect(webhookBodySchema.safeParse({ ...body, version: '3' }).success).toBe(false);
  });
});

describe('pendingOverflow', () => {
  test.each([
    // nothing waiting: nothing to drop
    [0, 3, { kind: 'keep' }],
    // below the cap: a receiver down for a while keeps everything
    [2, 3, { kind: 'keep' }],
    // exactly at the cap: still kept (the cap is how many may wait)
    [3, 3, { kind: 'keep' }],
    // one over (the signal just enqueued): the single oldest goes
    [4, 3, { kind: 'drop-oldest', count: 1, reason: 'pending-cap' }],
    // a cap lowered across a restart: the excess goes at the next signal, all at once
    [10, 3, { kind: 'drop-oldest', count: 7, reason: 'pending-cap' }],
    // a cap of one keeps only the newest
    [2, 1, { kind: 'drop-oldest', count: 1, reason: 'pending-cap' }],
  ])('%d pending, at most %d → %j', (pending, maxPending, expected) => {
    expect(pendingOverflow(pending, maxPending)).toEqual(expected);
  });
});

describe('droppedReason', () => {
  test.each([
    // the cap is named, so the log says why and how much
    ['pending-cap', 3, 'dropped: more than 3 signals were waiting for this receiver; the oldest go first'],
    // DELETE /api/webhooks/:name
    ['receiver-removed', undefined, 'dropped: the receiver was removed'],
    // gone from the configuration file, or removed and added again (another receiver of the name)
    ['receiver-gone', undefined, 'dropped: the receiver is no longer configured'],
  ] as const)('%s → %s', (reason, max, words) => {
    expect(droppedReason(reason, max)).toBe(words);
  });
});
