import { personName } from './names';
import type { Reference, Trust } from './reference';
import { ENGLAND_CODE } from './sitreps';

export type Unplaced =
  | { code: string; reason: 'not-a-trust' }
  | { code: string; reason: 'outside-england'; region: string | null }
  | { code: string; reason: 'no-icb'; region: string | null };

/**
 * How a unit was placed: a trust under its ICB (`ods-trust`); an A&E provider that is not one, in its
 * region's "Other A&E providers" group, the region taken from ODS where it is a trust with a region but
 * no ICB (`ods-region`), from `parent_org` in the monthly A&E file
 * (`parent-org`) or from the ODS organisation a site code belongs to (`ods-organisation`: NLX02 is a
 * site of NLX); or, where nothing places it, in the group below England whose region is not known.
 */
export type PlacedBy = 'ods-trust' | 'ods-region' | 'parent-org' | 'ods-organisation' | 'not-known';

export interface Placed {
  code: string;
  /** As a person writes it. */
  name: string;
  /** The name as published (ODS capitals), where it differs from `name`. */
  publishedName: string | null;
  /** The district-level node it sits under: its ICB, or an "Other A&E providers" group. */
  parent: string;
  /** The region-level node above that: an NHS England region, or the group of providers whose region is not known. */
  region: string;
  placedBy: PlacedBy;
  /** For `ods-organisation`: the organisation whose region it took. */
  organisation: string | null;
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

/** What the monthly A&E file says of a provider: its region as published (`parent_org`) and its name. */
export interface AeProvider {
  parentOrg: string;
  name: string;
}

/** The group below England for A&E providers nothing places: a region-level node and a district of the same name under it. */
export const NO_REGION = { id: 'ENG-OTHER', name: 'Other A&E providers (region not known)' };
export const NO_REGION_GROUP = { id: 'ENG-OTHER-AE', name: NO_REGION.name };
/** The district-level group, under a region, of its A&E providers that are not NHS trusts. */
export const regionGroupId = (region: string) => `${region}-OTHER-AE`;
export const regionGroupName = (regionName: string) => `Other A&E providers, ${regionName}`;

/** `NHS ENGLAND NORTH EAST AND YORKSHIRE` → Y63, by the region's name in nhs_regions.csv; null if none has that name. */
export function regionOfParentOrg(reference: Reference, parentOrg: string): string | null {
  const wanted = parentOrg.trim().replace(/^NHS ENGLAND\s+/i, '').toLowerCase();
  for (const region of reference.regions.values()) if (region.name.toLowerCase() === wanted) return region.code;
  return null;
}

function succession(trust: Trust): string | null {
  const merged = trust.currentCode !== null && trust.currentCode !== trust.code;
  if (trust.status === 'open' && !merged && trust.hierarchyFrom === 'self') return null;
  const became = trust.currentCode && merged ? `now part of ${trust.currentCode}` : trust.successors.length > 0 ? `succeeded by ${trust.successors.join(', ')}` : 'no successor recorded';
  const closed = trust.status === 'closed' ? `closed${trust.closeDate ? ` ${trust.closeDate}` : ''}` : 'merged';
  const from = trust.hierarchyFrom === 'successor' ? "ICB and region from its successor" : 'ICB and region as recorded for it';
  return `${closed}, ${became}; ${from}`;
}

const names = (published: string) => {
  const name = personName(published);
  return { name, publishedName: name === published ? null : published };
};

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
  return {
    placed: true, code, ...names(trust.name), parent: icb.code, region: icb.region, placedBy: 'ods-trust', organisation: null,
    succession: succession(trust), successor,
  };
}

/** The region a provider's own record gives: an English trust's (ODS), or `parent_org` in the monthly A&E file. */
function ownRegion(reference: Reference, providers: ReadonlyMap<string, AeProvider>, code: string): { region: string; by: 'ods-region' | 'parent-org' } | null {
  const trust = reference.trusts.get(code);
  if (trust?.region && reference.regions.has(trust.region)) return { region: trust.region, by: 'ods-region' };
  const provider = providers.get(code);
  const region = provider ? regionOfParentOrg(reference, provider.parentOrg) : null;
  return region === null ? null : { region, by: 'parent-org' };
}

/**
 * Where an A&E provider sits. Every provider in NHS England's A&E files is counted in England's
 * figure, so every one is placed: a trust under its ICB; any other under its region's "Other A&E
 * providers" group, the region from `parent_org`, or else from the ODS organisation a five-character
 * site code belongs to (its first three characters: NLX02 is a site of NLX, whose region is known);
 * and where nothing gives a region, in the group "Other A&E providers (region not known)" below England.
 */
export function placeAeProvider(reference: Reference, providers: ReadonlyMap<string, AeProvider>, code: string): Placed {
  const asTrust = placeProvider(reference, code);
  if (asTrust.placed) return asTrust;
  const provider = providers.get(code);
  const organisation = code.length === 5 ? code.slice(0, 3) : null;
  const organisationName = organisation === null ? undefined : (providers.get(organisation)?.name ?? reference.trusts.get(organisation)?.name);
  const named = provider
    ? names(provider.name)
    : organisationName !== undefined
      ? { name: `Site ${code} of ${personName(organisationName)}`, publishedName: null }
      : { name: `${code} (name not known)`, publishedName: null };
  const base = { code, ...named, succession: null, successor: null };
  const own = ownRegion(reference, providers, code);
  if (own !== null) return { ...base, parent: regionGroupId(own.region), region: own.region, placedBy: own.by, organisation: null };
  const viaOrganisation = organisation === null ? null : ownRegion(reference, providers, organisation);
  if (viaOrganisation !== null) {
    return { ...base, parent: regionGroupId(viaOrganisation.region), region: viaOrganisation.region, placedBy: 'ods-organisation', organisation };
  }
  return { ...base, parent: NO_REGION_GROUP.id, region: NO_REGION.id, placedBy: 'not-known', organisation: null };
}

/** Caches placements, so each provider is looked up once per import. */
export class Placements {
  private readonly known = new Map<string, Placement>();
  private readonly aeKnown = new Map<string, Placed>();
  constructor(
    private readonly reference: Reference,
    /** Providers of the monthly A&E file, by code: their published region and name. */
    private readonly aeProviders: ReadonlyMap<string, AeProvider> = new Map(),
  ) {}

  /** A code that names a published total rather than a provider: England (`ENG`) or an NHS England region. */
  isTotal(code: string): boolean {
    return code === ENGLAND_CODE || this.reference.regions.has(code);
  }

  /** A trust's place (the sitreps are trusts' returns): a code that is not an English trust is not placed. */
  of(code: string): Placement {
    let found = this.known.get(code);
    if (!found) {
      found = placeProvider(this.reference, code);
      this.known.set(code, found);
    }
    return found;
  }

  /** An A&E provider's place: always one (see placeAeProvider). */
  ofAe(code: string): Placed {
    let found = this.aeKnown.get(code);
    if (!found) {
      found = placeAeProvider(this.reference, this.aeProviders, code);
      this.aeKnown.set(code, found);
    }
    return found;
  }

  placed(): Placed[] {
    const byCode = new Map<string, Placed>();
    for (const p of this.known.values()) if (p.placed) byCode.set(p.code, p);
    for (const p of this.aeKnown.values()) if (!byCode.has(p.code)) byCode.set(p.code, p);
    return [...byCode.values()];
  }

  /** Providers looked up and not placed (a sitrep row from a code that is no English trust, and no A&E provider). */
  unplaced(): Unplaced[] {
    return [...this.known.values()].filter((p): p is { placed: false } & Unplaced => !p.placed && !this.aeKnown.has(p.code));
  }
}
