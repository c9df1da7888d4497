import type { z } from 'zod';
import { checkWebhooks } from './webhook';

type Thresholds = { alert?: number; crisis?: number; clear?: number };
type PerLevel<T> = T | Record<string, T>;
type Shape = {
  levels: string[];
  allowances: Record<string, number>;
  bypassTo?: string;
  indicators: Array<{
    id: string;
    better: 'higher' | 'lower';
    aggregate?: string;
    ratio?: { numerator: string; denominator: string };
    capability?: PerLevel<number>;
    potentiality?: PerLevel<number>;
    thresholds?: PerLevel<Thresholds>;
    allowances?: Record<string, number>;
    detectors?: string[];
    bypassTo?: string;
    noReport?: number | false;
  }>;
  nodes: Array<{ id: string; level: string; parent?: string; closed?: string; opened?: string | Record<string, string>; paused?: Record<string, Array<{ from: string; to?: string }>>; reports?: string[] }>;
  webhooks?: Array<{ name: string; node: string }>;
};

const isThresholds = (value: object): value is Thresholds =>
  Object.keys(value).every((key) => key === 'alert' || key === 'crisis' || key === 'clear');

/** Cross-field rules of the configuration: each problem is reported at the path where it is. */
export function checkConfig(config: Shape, ctx: z.RefinementCtx): void {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const levels = new Set(config.levels);
  if (levels.size !== config.levels.length) problem(['levels'], 'level names must be unique');
  const top = config.levels[0];

  const checkLevelKeys = (record: object, path: (string | number)[]) => {
    for (const key of Object.keys(record)) {
      if (!levels.has(key)) problem([...path, key], `"${key}" is not a level (levels: ${config.levels.join(', ')})`);
    }
  };
  checkLevelKeys(config.allowances, ['allowances']);
  checkNoTopAllowance(config.allowances, ['allowances'], top, problem);
  if (config.bypassTo !== undefined && !levels.has(config.bypassTo)) problem(['bypassTo'], `"${config.bypassTo}" is not a level`);

  checkIndicators(config, problem, checkLevelKeys, levels);
  checkNodes(config, problem, levels, top);
  checkWebhooks(config.webhooks ?? [], new Set(config.nodes.map((node) => node.id)), problem);
}

function checkIndicators(
  config: Shape,
  problem: (path: (string | number)[], message: string) => void,
  checkLevelKeys: (record: object, path: (string | number)[]) => void,
  levels: Set<string>,
): void {
  const byId = new Map(config.indicators.map((indicator) => [indicator.id, indicator]));
  const seen = new Set<string>();
  config.indicators.forEach((indicator, i) => {
    const at = (...rest: (string | number)[]) => ['indicators', i, ...rest];
    if (seen.has(indicator.id)) problem(at('id'), `duplicate indicator id "${indicator.id}"`);
    seen.add(indicator.id);
    if (indicator.ratio && indicator.noReport !== undefined && indicator.noReport !== false) problem(at('noReport'), 'a derived (ratio) indicator is never posted, so it cannot go unreported; set noReport on its parts');
    if (indicator.ratio) {
      if (indicator.aggregate && indicator.aggregate !== 'ratio') problem(at('aggregate'), 'an indicator with a ratio aggregates as "ratio"');
      for (const part of ['numerator', 'denominator'] as const) {
        const named = byId.get(indicator.ratio[part]);
        if (!named) problem(at('ratio', part), `"${indicator.ratio[part]}" is not an indicator`);
        else if (named.ratio) problem(at('ratio', part), `"${named.id}" is itself a ratio; a ratio divides two summed indicators`);
      }
    } else if (indicator.aggregate === 'ratio') {
      problem(at('ratio'), 'aggregate "ratio" needs "ratio": {"numerator", "denominator"}');
    }
    if (indicator.allowances) {
      checkLevelKeys(indicator.allowances, at('allowances'));
      checkNoTopAllowance(indicator.allowances, at('allowances'), config.levels[0], problem);
    }
    if (indicator.bypassTo !== undefined && !levels.has(indicator.bypassTo)) problem(at('bypassTo'), `"${indicator.bypassTo}" is not a level`);
    for (const key of ['capability', 'potentiality'] as const) {
      const value = indicator[key];
      if (value !== undefined && typeof value === 'object') checkLevelKeys(value, at(key));
    }
    const thresholds = indicator.thresholds;
    if (thresholds !== undefined) {
      if (isThresholds(thresholds)) checkOrder(thresholds, indicator.better, at('thresholds'), problem);
      else {
        checkLevelKeys(thresholds, at('thresholds'));
        for (const [level, bounds] of Object.entries(thresholds)) checkOrder(bounds, indicator.better, at('thresholds', level), problem);
      }
    }
    if (indicator.detectors?.includes('threshold') && !indicator.thresholds) {
      problem(at('detectors'), 'the threshold detector needs "thresholds"');
    }
  });
}

function checkNoTopAllowance(record: object, path: (string | number)[], top: string | undefined, problem: (path: (string | number)[], message: string) => void): void {
  if (top !== undefined && top in record) problem([...path, top], `"${top}" is the top level: an episode held there has nowhere to pass to, so it has no allowance`);
}

/** Worse-first order: for lower-is-better, clear <= alert <= crisis; for higher-is-better the reverse. */
function checkOrder(
  bounds: Thresholds,
  better: 'higher' | 'lower',
  path: (string | number)[],
  problem: (path: (string | number)[], message: string) => void,
): void {
  if (bounds.alert === undefined && bounds.crisis === undefined) {
    problem(path, 'thresholds need "alert" or "crisis"');
    return;
  }
  const worse = (a: number, b: number) => (better === 'lower' ? a > b : a < b);
  const word = better === 'lower' ? 'above' : 'below';
  if (bounds.alert !== undefined && bounds.crisis !== undefined && worse(bounds.alert, bounds.crisis)) {
    problem([...path, 'crisis'], `crisis (${bounds.crisis}) must be at or ${word} alert (${bounds.alert}) when ${better} is better`);
  }
  const alarm = bounds.alert ?? bounds.crisis;
  if (bounds.clear !== undefined && alarm !== undefined && worse(bounds.clear, alarm)) {
    problem([...path, 'clear'], `clear (${bounds.clear}) must not be ${word} alert (${alarm}) when ${better} is better`);
  }
}

/** A unit's `reports`: posted indicators of this configuration, each once. */
function checkReports(config: Shape, reports: string[], level: string, path: (string | number)[], problem: (path: (string | number)[], message: string) => void): void {
  if (level !== config.levels[config.levels.length - 1]) problem(path, `only a unit reports (this is a ${level}); list what its units report`);
  const byId = new Map(config.indicators.map((indicator) => [indicator.id, indicator]));
  const seen = new Set<string>();
  reports.forEach((id, j) => {
    const indicator = byId.get(id);
    if (!indicator) problem([...path, j], `"${id}" is not an indicator`);
    else if (indicator.ratio) problem([...path, j], `"${id}" is derived (${indicator.ratio.numerator} / ${indicator.ratio.denominator}); list its parts`);
    else if (seen.has(id)) problem([...path, j], `"${id}" is listed twice`);
    seen.add(id);
  });
}

/** Whether `id` names an indicator a unit could post and, where it lists what it reports, does; the problem otherwise. */
function postedProblem(config: Shape, node: Shape['nodes'][number], id: string, verb: string): string | null {
  const indicator = config.indicators.find((known) => known.id === id);
  if (!indicator) return `"${id}" is not an indicator`;
  if (indicator.ratio) return `"${id}" is derived (${indicator.ratio.numerator} / ${indicator.ratio.denominator}); ${verb} its parts`;
  if (node.reports !== undefined && !node.reports.includes(id)) return `"${id}" is not in this unit's reports (${node.reports.join(', ')})`;
  return null;
}

/** A unit's `paused`: stretches of posted indicators it reports, each ending (if it does) after it starts. */
function checkPaused(config: Shape, node: Shape['nodes'][number], path: (string | number)[], problem: (path: (string | number)[], message: string) => void): void {
  if (node.level !== config.levels[config.levels.length - 1]) return problem([...path, 'paused'], `only a unit pauses (this is a ${node.level}); pause its units`);
  for (const [id, stretches] of Object.entries(node.paused!)) {
    const wrong = postedProblem(config, node, id, 'pause');
    if (wrong !== null) {
      problem([...path, 'paused', id], wrong);
      continue;
    }
    stretches.forEach((stretch, j) => {
      if (stretch.to !== undefined && Date.parse(stretch.to) <= Date.parse(stretch.from)) problem([...path, 'paused', id, j, 'to'], `ends (${stretch.to}) before it starts (${stretch.from})`);
    });
  }
}

/** A unit's `opened`: one time, or one per posted indicator it reports; never after it closes. */
function checkOpened(config: Shape, node: Shape['nodes'][number], path: (string | number)[], problem: (path: (string | number)[], message: string) => void): void {
  const opened = node.opened!;
  const closesFirst = (at: string, where: (string | number)[]) => {
    if (node.closed !== undefined && Date.parse(node.closed) <= Date.parse(at)) problem(where, `closes (${node.closed}) before it opens (${at})`);
  };
  if (typeof opened === 'string') return closesFirst(opened, [...path, 'closed']);
  if (Object.keys(opened).length === 0) problem([...path, 'opened'], 'name at least one indicator, or leave opened out');
  for (const [id, at] of Object.entries(opened)) {
    const where = [...path, 'opened', id];
    const wrong = postedProblem(config, node, id, 'open');
    if (wrong !== null) problem(where, wrong);
    else closesFirst(at, where);
  }
}

function checkNodes(
  config: Shape,
  problem: (path: (string | number)[], message: string) => void,
  levels: Set<string>,
  top: string | undefined,
): void {
  const index = new Map<string, number>();
  config.nodes.forEach((node, i) => {
    if (index.has(node.id)) problem(['nodes', i, 'id'], `duplicate node id "${node.id}" (first at nodes.${index.get(node.id)})`);
    else index.set(node.id, i);
    if (node.closed !== undefined && node.level !== config.levels[config.levels.length - 1]) problem(['nodes', i, 'closed'], `only a unit closes (this is a ${node.level}); close its units`);
    if (node.opened !== undefined && node.level !== config.levels[config.levels.length - 1]) problem(['nodes', i, 'opened'], `only a unit opens (this is a ${node.level}); open its units`);
    else if (node.opened !== undefined) checkOpened(config, node, ['nodes', i], problem);
    if (node.paused !== undefined) checkPaused(config, node, ['nodes', i], problem);
    if (node.reports !== undefined) checkReports(config, node.reports, node.level, ['nodes', i, 'reports'], problem);
  });
  const roots = config.nodes.filter((node) => node.parent === undefined);
  if (roots.length !== 1) problem(['nodes'], `there must be exactly one top node without a parent; found ${roots.length} (${roots.map((n) => n.id).join(', ')})`);
  config.nodes.forEach((node, i) => {
    const at = (key: string) => ['nodes', i, key];
    if (!levels.has(node.level)) {
      problem(at('level'), `"${node.level}" is not a level (levels: ${config.levels.join(', ')})`);
      return;
    }
    if (node.parent === undefined) {
      if (node.level !== top) problem(at('parent'), `node "${node.id}" on level "${node.level}" needs a parent; only "${top}" nodes have none`);
      return;
    }
    const parentAt = index.get(node.parent);
    if (parentAt === undefined) {
      problem(at('parent'), `unknown parent "${node.parent}" for node "${node.id}"`);
      return;
    }
    const cycle = findCycle(config.nodes, index, i);
    if (cycle) {
      problem(at('parent'), `cycle: ${cycle.join(' -> ')}`);
      return;
    }
    const parent = config.nodes[parentAt]!;
    const expected = config.levels[config.levels.indexOf(node.level) - 1];
    if (parent.level !== expected) {
      problem(at('parent'), `node "${node.id}" (${node.level}) has parent "${parent.id}" on level "${parent.level}"; its parent must be on level "${expected ?? '(none)'}"`);
    }
  });
}

function findCycle(nodes: Shape['nodes'], index: Map<string, number>, start: number): string[] | null {
  const path: string[] = [];
  const seen = new Set<number>();
  let at: number | undefined = start;
  while (at !== undefined) {
    if (seen.has(at)) {
      const node = nodes[at]!;
      return at === start ? [...path, node.id] : null;
    }
    seen.add(at);
    const node: Shape['nodes'][number] = nodes[at]!;
    path.push(node.id);
    at = node.parent === undefined ? undefined : index.get(node.parent);
  }
  return null;
}
