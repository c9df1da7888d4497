import type { DataQualityView, Episode, IndicatorInfo, InhibitedBreachJson, NodeInfo, NodeValue, PathEntry, SettlingBelow, SnapshotEvent } from '../../shared/api';

/** A small tree: England → 2 regions → 3 districts → 6 units. */
export const NODES: NodeInfo[] = [
  { id: 'ENG', name: 'England', level: 'national', parent: null },
  { id: 'NW', name: 'North West', level: 'region', parent: 'ENG' },
  { id: 'LON', name: 'London', level: 'region', parent: 'ENG' },
  { id: 'GM', name: 'Greater Manchester', level: 'district', parent: 'NW' },
  { id: 'CM', name: 'Cheshire and Merseyside', level: 'district', parent: 'NW' },
  { id: 'NCL', name: 'North Central London', level: 'district', parent: 'LON' },
  { id: 'MFT', name: 'Manchester University', level: 'unit', parent: 'GM' },
  { id: 'SRF', name: 'Salford Royal', level: 'unit', parent: 'GM' },
  { id: 'LUH', name: 'Liverpool University', level: 'unit', parent: 'CM' },
  { id: 'WUTH', name: 'Wirral University', level: 'unit', parent: 'CM' },
  { id: 'UCLH', name: 'University College London', level: 'unit', parent: 'NCL' },
  { id: 'RFH', name: 'Royal Free', level: 'unit', parent: 'NCL' },
];
export const LEVELS = ['national', 'region', 'district', 'unit'];

export const T0 = Date.parse('2026-01-05T08:00:00Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** An open alert at MFT, opened at T0 with a 60-minute unit window, unless told otherwise. */
export function episode(overrides: Partial<Episode> = {}, path?: PathEntry[]): Episode {
  const base: Episode = {
    id: 'ep1',
    node: 'MFT',
    indicator: 'ae4h',
    direction: 'pain',
    kind: 'threshold',
    severity: 'alert',
    period: at(0),
    value: 97,
    inhibits: [],
    inhibitedBy: [],
    status: 'open',
    holder: 'MFT',
    holderLevel: 'unit',
    openedAt: at(0),
    deadline: at(60),
    overdue: false,
    resolvedAt: null,
    resolvedLevel: null,
    acknowledgedBy: null,
    policyVersion: 1,
    reached: ['MFT'],
    path: [{ type: 'opened', at: at(0), holder: 'MFT' }],
  };
  return { ...base, ...overrides, path: path ?? overrides.path ?? base.path };
}

/** The same episode after climbing from MFT to GM (at 60 m) and NW (at 180 m). */
export function climbed(overrides: Partial<Episode> = {}): Episode {
  return episode({
    holder: 'NW',
    holderLevel: 'region',
    deadline: at(300),
    reached: ['MFT', 'GM', 'NW'],
    path: [
      { type: 'opened', at: at(0), holder: 'MFT' },
      { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' },
      { type: 'escalated', at: at(180), from: 'GM', to: 'NW', reason: 'deadline' },
    ],
    ...overrides,
  });
}

export function value(node: string, indicator: string, period: string, v: number | null, extra: Partial<NodeValue> = {}): NodeValue {
  return { node, indicator, period, value: v, coverage: 1, final: true, triple: null, thresholds: null, ...extra };
}

/** What the server sends on subscribe; `below` overrides the per-child counts (zero for every child otherwise). */
export function snapshot(node: string, episodes: Episode[] = [], values: NodeValue[] = [], when = at(0), below: SettlingBelow = {}): SnapshotEvent {
  const info = NODES.find((n) => n.id === node)!;
  const children = NODES.filter((n) => n.parent === node);
  const settlingBelow = { ...Object.fromEntries(children.map((child) => [child.id, { alert: 0, crisis: 0 }])), ...below };
  return { node: info, children, values, episodes, settlingBelow, heldBack: [], dataQuality: [], at: when };
}

/** The indicator the episodes above are on: hourly, a percentage, unless told otherwise. */
export function indicatorInfo(overrides: Partial<IndicatorInfo> = {}): IndicatorInfo {
  return {
    id: 'ae4h', label: 'A&E 4-hour', unit: '%', better: 'higher', period: '1h', periodMs: 3_600_000,
    aggregate: 'mean', ratio: null, detectors: ['threshold'], ...overrides,
  };
}

/** An ancestor's own figure held back by an episode below (one problem, one clock). */
export function breach(node: string, value: number | null, overrides: Partial<InhibitedBreachJson> = {}): InhibitedBreachJson {
  const info = NODES.find((n) => n.id === node)!;
  return { node, level: info.level, severity: 'alert', value, period: at(0), since: at(5), ...overrides };
}

/** A published England total that differs from the sum: critical-care beds open on one day (London midnight in winter). */
export function finding(date: string, published: number, summed: number, overrides: Partial<DataQualityView> = {}): DataQualityView {
  return {
    node: 'ENG', indicator: 'cc_adult_beds_open', period: `${date}T00:00:00.000Z`, published, summed, difference: summed - published,
    source: 'winter_sitrep_daily.csv: the England (ENG) row as published', ...overrides,
  };
}
