import type { z } from 'zod';
import { configSchema, type Config, type IndicatorConfig, type Thresholds } from '../../shared/config';
import type { WhatifPolicy } from '../../shared/contract/planning';

/** A field of the what-if policy that cannot apply to the configuration, named as the body names it. */
export interface PolicyIssue {
  path: string;
  message: string;
}

export type Overridden = { ok: true; config: Config; changed: boolean } | { ok: false; issues: PolicyIssue[] };

type PerLevelThresholds = NonNullable<IndicatorConfig['thresholds']>;
const isSingle = (value: PerLevelThresholds): value is Thresholds => ['alert', 'crisis', 'clear'].some((key) => key in value) || Object.keys(value).length === 0;

/**
 * Thresholds given as one object replace the indicator's for every level; given by level, they replace
 * those levels only (an indicator with one object for every level keeps it for the levels not named).
 */
function mergeThresholds(levels: readonly string[], current: PerLevelThresholds | undefined, override: PerLevelThresholds): PerLevelThresholds {
  if (isSingle(override)) return override;
  const base: Record<string, Thresholds> = current === undefined ? {} : isSingle(current) ? Object.fromEntries(levels.map((level) => [level, current])) : { ...current };
  return { ...base, ...override };
}

function unknownLevels(levels: readonly string[], record: Record<string, unknown> | undefined, path: string): PolicyIssue[] {
  return Object.keys(record ?? {})
    .filter((level) => !levels.includes(level))
    .map((level) => ({ path: `${path}.${level}`, message: `no level "${level}"; the levels are ${levels.join(', ')}` }));
}

/** `indicators.3.thresholds` of the merged configuration → `policy.indicators.<id>.thresholds`, as the body wrote it. */
function bodyPath(config: Config, issue: z.core.$ZodIssue): string {
  const [first, second, ...rest] = issue.path.map(String);
  if (first === 'indicators' && second !== undefined && /^\d+$/.test(second)) return ['policy', 'indicators', config.indicators[Number(second)]?.id ?? second, ...rest].join('.');
  return ['policy', ...issue.path.map(String)].join('.');
}

/**
 * The configuration a what-if runs under: the policy in force with the planner's changes on top.
 * Allowances merge level by level: the top-level ones for every indicator (an indicator's own windows
 * for those levels included), then an indicator's own changes; thresholds as mergeThresholds says;
 * detectors replace the list. A name the configuration does not have is refused naming the field,
 * and so is a merged configuration the configuration's own checks refuse (a clear above an alert).
 */
export function applyWhatifPolicy(config: Config, policy: WhatifPolicy): Overridden {
  const { levels } = config;
  const issues = unknownLevels(levels, policy.allowances, 'policy.allowances');
  const known = new Set(config.indicators.map((indicator) => indicator.id));
  for (const [id, change] of Object.entries(policy.indicators ?? {})) {
    if (!known.has(id)) {
      issues.push({ path: `policy.indicators.${id}`, message: `no indicator "${id}"; the indicators are ${[...known].join(', ')}` });
      continue;
    }
    issues.push(...unknownLevels(levels, change.allowances, `policy.indicators.${id}.allowances`));
    if (change.thresholds && !isSingle(change.thresholds)) issues.push(...unknownLevels(levels, change.thresholds, `policy.indicators.${id}.thresholds`));
  }
  if (issues.length > 0) return { ok: false, issues };
  const merged = {
    ...config,
    allowances: policy.allowances ? { ...config.allowances, ...policy.allowances } : config.allowances,
    indicators: config.indicators.map((indicator) => {
      const change = policy.indicators?.[indicator.id];
      // A level's window asked for is that level's window for every indicator, those with windows of their own too.
      const own = indicator.allowances && policy.allowances ? { ...indicator.allowances, ...policy.allowances } : indicator.allowances;
      if (!change) return own === indicator.allowances ? indicator : { ...indicator, allowances: own };
      return {
        ...indicator,
        ...(own ? { allowances: own } : {}),
        ...(change.thresholds ? { thresholds: mergeThresholds(levels, indicator.thresholds, change.thresholds) } : {}),
        ...(change.detectors ? { detectors: change.detectors } : {}),
        ...(change.allowances ? { allowances: { ...own, ...change.allowances } } : {}),
      };
    }),
  };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: bodyPath(config, issue), message: issue.message })) };
  return { ok: true, config: parsed.data, changed: JSON.stringify(merged) !== JSON.stringify(config) };
}

/**
 * The part of a what-if policy a later configuration still has (a policy change in the span may drop
 * an indicator or a level): applied on top of each policy in force, the rest is left out, not refused.
 */
export function applicablePart(config: Config, policy: WhatifPolicy): WhatifPolicy {
  const levels = new Set(config.levels);
  const indicators = new Set(config.indicators.map((indicator) => indicator.id));
  const levelsOnly = <T>(record: Record<string, T> | undefined) => (record === undefined ? undefined : Object.fromEntries(Object.entries(record).filter(([level]) => levels.has(level))));
  const kept: WhatifPolicy = {};
  if (policy.allowances) kept.allowances = levelsOnly(policy.allowances);
  if (policy.indicators) {
    kept.indicators = Object.fromEntries(
      Object.entries(policy.indicators)
        .filter(([id]) => indicators.has(id))
        .map(([id, change]) => [id, {
          ...change,
          ...(change.allowances ? { allowances: levelsOnly(change.allowances) } : {}),
          ...(change.thresholds && !isSingle(change.thresholds) ? { thresholds: levelsOnly(change.thresholds) } : {}),
        }]),
    );
  }
  return kept;
}
