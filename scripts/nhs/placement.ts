import type { Reference, Trust } from './reference';

export type Unplaced =
  | { code: string; reason: 'not-a-trust' }
  | { code: string; reason: 'outside-england'; region: string | null }
  | { code: string; reason: 'no-icb'; region: string | null };

export interface Placed {
  code: string;
  name: string;
  icb: string;
  region: string;
  /** Set when the trust has closed or merged: how it was placed (kept under its own code). */
  succession: string | null;
  /** The trust it became part of (ODS), if any. */
  successor: string | null;
}

export type Placement = ({ placed: true } & Placed) | ({ placed: false } & Unplaced);

export const UNPLACED_WORDS: Record<Unplaced['reason'], string> = {
  'not-a-trust': 'not an NHS trust in nhs_trusts.csv (independent sector, walk-in centre…): no ICB to place it under',
  'outside-england': 'not in an NHS England region',
  'no-icb': 'has a region but no ICB',
};

function succession(trust: Trust): string | null {
  const merged = trust.currentCode !== null && trust.currentCode !== trust.code;
  if (trust.status === 'open' && !merged && trust.hierarchyFrom === 'self') return null;
  const became = trust.currentCode && merged ? `now part of ${trust.currentCode}` : trust.successors.length > 0 ? `succeeded by ${trust.successors.join(', ')}` : 'no successor recorded';
  const closed = trust.status === 'closed' ? `closed${trust.closeDate ? ` ${trust.closeDate}` : ''}` : 'merged';
  const from = trust.hierarchyFrom === 'successor' ? "ICB and region from its successor" : 'ICB and region as recorded for it';
  return `${closed}, ${became}; ${from}`;
}

/**
 * Where a provider sits in England → region → ICB → trust. Closed or merged trusts keep their own
 * code and go under the ICB and region the reference data gives (their own, or their successor's).
 */
export function placeProvider(reference: Reference, code: string): Placement {
  const trust = reference.trusts.get(code);
  if (!trust) return { placed: false, code, reason: 'not-a-trust' };
  if (trust.region === null || !reference.regions.has(trust.region)) return { placed: false, code, reason: 'outside-england', region: trust.region };
  const icb = trust.icb === null ? undefined : reference.icbs.get(trust.icb);
  if (!icb) return { placed: false, code, reason: 'no-icb', region: trust.region };
  // The ICB's region wins: a trust's ODS region and its host ICB's region agree for every English trust.
  const successor = trust.currentCode !== null && trust.currentCode !== trust.code ? trust.currentCode : trust.successors.join(', ') || null;
  return { placed: true, code, name: trust.name, icb: icb.code, region: icb.region, succession: succession(trust), successor };
}

/** Caches placements, so each provider is looked up once per import. */
export class Placements {
  private readonly known = new Map<string, Placement>();
  constructor(private readonly reference: Reference) {}

  of(code: string): Placement {
    let found = this.known.get(code);
    if (!found) {
      found = placeProvider(this.reference, code);
      this.known.set(code, found);
    }
    return found;
  }

  placed(): Placed[] {
    return [...this.known.values()].filter((p): p is { placed: true } & Placed => p.placed);
  }

  unplaced(): Unplaced[] {
    return [...this.known.values()].filter((p): p is { placed: false } & Unplaced => !p.placed);
  }
}
