import { parseConfig, type Config, type ConfigInput } from '../../shared/config';
import { aeIndicators, DAY_MS, durationText, LEVELS, sitrepIndicators } from './catalogue';
import { noReportFor, type Expectations } from './expected';
import { NO_REGION, NO_REGION_GROUP, regionGroupId, regionGroupName, type Placed } from './placement';
import type { Reference } from './reference';

export const ENGLAND_NODE = { id: 'ENG', name: 'England' };
export const NHS_TIME_ZONE = 'Europe/London';

export interface ConfigPlan {
  name: string;
  reference: Reference;
  units: readonly Placed[];
  /** Days each level has before an episode passes up, by level name. */
  allowanceDays: Record<string, number>;
  withAe: boolean;
  /** How long one reported day lasts: a day for backfill, `--speed` seconds for a live replay. */
  dayMs?: number;
  /**
   * Who is expected to report what: units that stopped for good get `closed`, units that started
   * after the data's first day get `opened`, indicators whose
   * collection stopped or pauses get `noReport`. `closed` and `opened` are only written for a backfill: a live
   * replay restamps every reading with the moment it is posted, so the data's dates mean nothing there.
   */
  expectations?: Expectations;
  /**
   * What each unit reports, from the readings: a unit that reports only some indicators (an A&E-only
   * provider has no bed figures) lists them, so it counts towards those indicators' coverage alone.
   */
  reports?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface BuiltConfig {
  config: Config;
  /** What was written, before defaults: the JSON for --config-out. */
  input: ConfigInput;
  /** ICBs and regions in the reference files with no trust in the imported data (left out). */
  emptyIcbs: string[];
  emptyRegions: string[];
}

const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code);

/**
 * England → regions → ICBs → trusts, holding only the ICBs and regions that have a trust in the data.
 * A&E providers that are not trusts sit in a district-level group of their region ("Other A&E
 * providers, North West"), or, where no region is known, in "Other A&E providers (region not known)":
 * a region-level node below England and a district of the same name under it, so that every unit is on
 * the unit level and counts in England's total.
 */
export function buildConfig(plan: ConfigPlan): BuiltConfig {
  const dayMs = plan.dayMs ?? DAY_MS;
  const [national, region, district, unit] = LEVELS;
  const usedParents = new Set(plan.units.map((u) => u.parent));
  const usedRegions = new Set(plan.units.map((u) => u.region));
  const regions = [...plan.reference.regions.values()].sort(byCode);
  const closedAt = new Map((plan.expectations?.stopped ?? []).map((s) => [s.code, s.closed]));
  const openedAt = new Map((plan.expectations?.started ?? []).map((s) => [s.code, s.opened]));
  const pausedAt = new Map((plan.expectations?.paused ?? []).map((p) => [p.code, p.paused]));
  const icbs = [...plan.reference.icbs.values()].sort(byCode);
  const groups = regions.filter((r) => usedParents.has(regionGroupId(r.code)));

  const indicators = [...sitrepIndicators(dayMs), ...(plan.withAe ? aeIndicators(plan.allowanceDays, dayMs) : [])];
  const posted = indicators.filter((indicator) => !indicator.ratio).map((indicator) => indicator.id);
  const reportsOf = (code: string): string[] | undefined => {
    const reported = plan.reports?.get(code);
    if (!reported || posted.every((id) => reported.has(id))) return undefined;
    return posted.filter((id) => reported.has(id));
  };
  const nodes: ConfigInput['nodes'] = [
    { id: ENGLAND_NODE.id, name: ENGLAND_NODE.name, level: national },
    ...regions.filter((r) => usedRegions.has(r.code)).map((r) => ({ id: r.code, name: r.name, level: region, parent: ENGLAND_NODE.id })),
    ...(usedRegions.has(NO_REGION.id) ? [{ id: NO_REGION.id, name: NO_REGION.name, level: region, parent: ENGLAND_NODE.id }] : []),
    ...icbs.filter((i) => usedParents.has(i.code)).map((i) => ({ id: i.code, name: i.name, level: district, parent: i.region })),
    ...groups.map((r) => ({ id: regionGroupId(r.code), name: regionGroupName(r.name), level: district, parent: r.code })),
    ...(usedParents.has(NO_REGION_GROUP.id) ? [{ id: NO_REGION_GROUP.id, name: NO_REGION_GROUP.name, level: district, parent: NO_REGION.id }] : []),
    ...[...plan.units].sort(byCode).map((u) => {
      const closed = dayMs === DAY_MS ? closedAt.get(u.code) : undefined;
      const opened = dayMs === DAY_MS ? openedAt.get(u.code) : undefined;
      const paused = dayMs === DAY_MS ? pausedAt.get(u.code) : undefined;
      return {
        id: u.code, name: u.name, ...(u.publishedName === null ? {} : { publishedName: u.publishedName }), level: unit, parent: u.parent,
        ...(opened === undefined ? {} : { opened }),
        ...(closed === undefined ? {} : { closed }),
        ...(paused === undefined ? {} : { paused }),
        ...(reportsOf(u.code) === undefined ? {} : { reports: reportsOf(u.code)! }),
      };
    }),
  ];
  const allowances = Object.fromEntries(
    Object.entries(plan.allowanceDays).map(([level, days]) => [level, durationText(days * dayMs)]),
  );
  const input: ConfigInput = {
    name: plan.name,
    levels: [...LEVELS],
    allowances,
    // Published statistics: anyone may read them; posting and acting still need tokens.
    publicRead: true,
    // Days are English days: each starts at midnight UK time, GMT or BST.
    timeZone: NHS_TIME_ZONE,
    indicators: indicators.map((indicator) => {
      // A ratio never raises a missing report (its parts do); every other indicator may be told when to expect one.
      const noReport = plan.expectations === undefined || indicator.ratio ? undefined : noReportFor(plan.expectations, indicator.id, dayMs);
      return noReport === undefined ? indicator : { ...indicator, noReport: noReport === false ? false : durationText(noReport) };
    }),
    nodes,
  };
  return {
    config: parseConfig(input, 'the generated NHS configuration'),
    input,
    emptyIcbs: icbs.filter((i) => !usedParents.has(i.code)).map((i) => i.code),
    emptyRegions: regions.filter((r) => !usedRegions.has(r.code)).map((r) => r.code),
  };
}
