import type { ConfigInput } from '../../shared/config';

type IndicatorInput = ConfigInput['indicators'][number];

/** Level names of the generated configuration: England → region → ICB (district) → trust (unit). */
export const LEVELS = ['national', 'region', 'district', 'unit'] as const;
export const LEVEL_ALIASES: Record<string, (typeof LEVELS)[number]> = { icb: 'district', trust: 'unit', england: 'national' };

/** Days each level has to settle a daily episode before it passes up (settable with --allowances). */
export const DEFAULT_ALLOWANCE_DAYS: Record<string, number> = { unit: 1, district: 2, region: 3 };

/**
 * Monthly A&E figures use 28-day periods: the configuration only has fixed durations, a period of
 * whole days is a run of 28 local days counted from 1 January 1970, and two month starts are always
 * at least 28 days apart, so no two months ever share a period (a period with no month in it is
 * simply missing).
 */
export const MONTHLY_PERIOD_DAYS = 28;

/** The sitrep columns imported as unit readings; each becomes an indicator of the same id. */
export const SITREP_INDICATORS = [
  'ga_beds_open',
  'ga_beds_occupied',
  'cc_adult_beds_open',
  'cc_adult_beds_occupied',
  'long_stay_over_7_days',
  'long_stay_over_21_days',
  'amb_handover_30_60_min',
  'amb_handover_over_60_min',
  'ae_diverts',
  'ae_closures',
  'dv_beds_closed',
] as const;
export type SitrepIndicator = (typeof SITREP_INDICATORS)[number];

export const AE_INDICATORS = ['ae_month_attendances', 'ae_month_within_4h', 'ae_month_12h_trolley_waits'] as const;
export type AeIndicator = (typeof AE_INDICATORS)[number];

export const DAY_MS = 86_400_000;

/** A duration in the configuration's own notation, in the largest whole unit (`3d`, `90s`). */
export function durationText(ms: number): string {
  for (const [unit, size] of [['d', DAY_MS], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms)}ms`;
}

/** Bed counts are shown as the context of the occupancy ratios and judged through them, not on their own. */
const context = { detectors: [] as Array<'threshold' | 'cyberstride' | 'spc'> };
/** Any divert or closure at a trust is an exception; above the trust only escalated episodes travel. */
const anyAtTrust = { thresholds: { unit: { alert: 0 } }, detectors: ['threshold' as const] };

/** `dayMs` is how long one reported day lasts: a real day for backfill, a few seconds for a live replay. */
export function sitrepIndicators(dayMs = DAY_MS): IndicatorInput[] {
  const period = durationText(dayMs);
  const count = (id: SitrepIndicator, label: string, unit: string, better: 'higher' | 'lower', extra: Partial<IndicatorInput> = {}): IndicatorInput => ({
    id, label, unit, better, period, aggregate: 'sum', ...extra,
  });
  return [
    count('ga_beds_open', 'G&A beds open', 'beds', 'higher', context),
    count('ga_beds_occupied', 'G&A beds occupied', 'beds', 'lower', context),
    {
      id: 'ga_occupancy', label: 'G&A bed occupancy', unit: 'ratio', better: 'lower', period,
      ratio: { numerator: 'ga_beds_occupied', denominator: 'ga_beds_open' },
      // 92 %: the NHS planning level; 85 %: the long-standing safe-occupancy mark.
      capability: 0.92, potentiality: 0.85, thresholds: { alert: 0.95, crisis: 0.98 }, detectors: ['threshold', 'cyberstride'],
    },
    count('cc_adult_beds_open', 'Adult critical-care beds open', 'beds', 'higher', context),
    count('cc_adult_beds_occupied', 'Adult critical-care beds occupied', 'beds', 'lower', context),
    {
      id: 'cc_occupancy', label: 'Adult critical-care occupancy', unit: 'ratio', better: 'lower', period,
      ratio: { numerator: 'cc_adult_beds_occupied', denominator: 'cc_adult_beds_open' },
      // Crisis: more critical-care patients than open beds.
      capability: 0.85, thresholds: { alert: 0.95, crisis: 1 }, detectors: ['threshold', 'cyberstride'],
    },
    count('long_stay_over_7_days', 'Patients in hospital over 7 days', 'patients', 'lower'),
    count('long_stay_over_21_days', 'Patients in hospital over 21 days', 'patients', 'lower'),
    count('amb_handover_30_60_min', 'Ambulance handovers delayed 30–60 min', 'handovers', 'lower'),
    count('amb_handover_over_60_min', 'Ambulance handovers delayed over 60 min', 'handovers', 'lower'),
    count('ae_diverts', 'A&E diverts', 'diverts', 'lower', anyAtTrust),
    count('ae_closures', 'A&E closures', 'closures', 'lower', anyAtTrust),
    count('dv_beds_closed', 'Beds closed for diarrhoea & vomiting', 'beds', 'lower'),
  ];
}

/** The monthly A&E catalogue; `allowances` are the daily ones stretched by one month per day. */
export function aeIndicators(allowanceDays: Record<string, number>, dayMs = DAY_MS): IndicatorInput[] {
  const monthMs = MONTHLY_PERIOD_DAYS * dayMs;
  const period = durationText(monthMs);
  const allowances = Object.fromEntries(Object.entries(allowanceDays).map(([level, days]) => [level, durationText(days * monthMs)]));
  const monthly = { period, allowances, aggregate: 'sum' as const };
  return [
    { id: 'ae_month_attendances', label: 'A&E attendances (month)', unit: 'attendances', better: 'lower', ...monthly, detectors: [] },
    { id: 'ae_month_within_4h', label: 'A&E attendances within 4 hours (month)', unit: 'attendances', better: 'higher', ...monthly, detectors: [] },
    {
      id: 'ae_4h_performance', label: 'A&E 4-hour performance', unit: 'ratio', better: 'higher', period, allowances,
      ratio: { numerator: 'ae_month_within_4h', denominator: 'ae_month_attendances' },
      // 78 %: the 2024-25 operational target (what can be done now); 95 %: the constitutional standard.
      capability: 0.78, potentiality: 0.95, thresholds: { alert: 0.78 }, detectors: ['threshold', 'cyberstride'],
    },
    { id: 'ae_month_12h_trolley_waits', label: '12-hour waits from decision to admit (month)', unit: 'patients', better: 'lower', ...monthly },
  ];
}
