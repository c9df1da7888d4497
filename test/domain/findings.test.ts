import { checkFinding, FINDING_SKEW_MS, type FindingRefusal } from '../../server/domain/findings';
import { Policy } from '../../server/domain/policy';
import type { DataQualityFinding } from '../../shared/api';
import { at, iso, testConfig } from '../helpers/network';

const policy = new Policy(testConfig({}, { occupied: { aggregate: 'sum' } }), 1);
const now = at(5);
const base: DataQualityFinding = { node: 'ENG', indicator: 'load', period: iso(at(3)), published: 40, summed: 43 };

describe('checkFinding: which published totals can be recorded beside the sums', () => {
  const rows: Array<{ why: string; finding: Partial<DataQualityFinding>; reason: FindingRefusal; field: string | null }> = [
    { why: 'a national total that differs, for a past period', finding: {}, reason: 'ok', field: null },
    { why: 'a district is a total too', finding: { node: 'D1' }, reason: 'ok', field: null },
    { why: 'the node must exist', finding: { node: 'NOPE' }, reason: 'unknown-node', field: 'node' },
    { why: 'the indicator must exist', finding: { indicator: 'nope' }, reason: 'unknown-indicator', field: 'indicator' },
    { why: 'a ratio (occupancy) is worked out from its parts, never published as a total: refused', finding: { indicator: 'occ', published: 0.9, summed: 0.91 }, reason: 'ratio-indicator', field: 'indicator' },
    { why: "a unit's figure is what it reported: nothing is summed, so nothing can differ", finding: { node: 'U1' }, reason: 'not-a-total', field: 'node' },
    { why: 'the same figure twice is not a difference', finding: { published: 43, summed: 43 }, reason: 'no-difference', field: 'summed' },
    { why: 'a period that has not begun cannot have been published', finding: { period: iso(at(6)) }, reason: 'future-period', field: 'period' },
    { why: 'the current period may be published (a live replay posts it as it goes)', finding: { period: iso(now) }, reason: 'ok', field: null },
    { why: "a client clock a little ahead of the server's is allowed", finding: { period: iso(now + FINDING_SKEW_MS) }, reason: 'ok', field: null },
    { why: 'a published count is never negative', finding: { published: -1 }, reason: 'negative-count', field: 'published' },
    { why: 'nor a summed one', finding: { summed: -3 }, reason: 'negative-count', field: 'summed' },
    { why: 'zero is a count', finding: { published: 0 }, reason: 'ok', field: null },
  ];
  it.each(rows)('$why → $reason', ({ finding, reason, field }) => {
    const check = checkFinding(policy, { ...base, ...finding }, now, FINDING_SKEW_MS);
    expect({ reason: check.reason, field: check.field }).toEqual({ reason, field });
  });
});
