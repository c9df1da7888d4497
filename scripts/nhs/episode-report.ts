import Database from 'better-sqlite3';

/**
 * What a backfilled history's episodes came to, read from the event log alone: every `episode.*`
 * effect holds the episode as it stood after that change, so the last one per id is its final state.
 * Logs written by older engines lack fields (`kind: 'no-report'`, `inhibits`, `inhibitedBy`, `period`):
 * every field is read as optional.
 */
export interface LoggedEpisode {
  id: string;
  node: string;
  indicator: string;
  direction: string;
  /** Absent in logs from before episode kinds; read as 'unknown'. */
  kind: string;
  severity: string;
  status: 'open' | 'resolved';
  holder: string;
  holderLevel: string | null;
  openedAt: string;
  resolvedAt: string | null;
  resolvedLevel: string | null;
  period: string | null;
  reached: string[];
  inhibits: unknown[];
  inhibitedBy: string[];
  path: Array<{ type: string; at?: string; reason?: string; to?: string; holder?: string }>;
}

export interface LoggedNode {
  id: string;
  name: string;
  level: string;
  parent: string | null;
}

export interface LoggedHistory {
  source: string;
  levels: string[];
  nodes: Map<string, LoggedNode>;
  episodes: LoggedEpisode[];
  /** The engine time of the last event: how long a still-open episode has lasted by the end. */
  endedAt: number | null;
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** One stored episode JSON, whatever engine wrote it. */
export function readEpisode(raw: Record<string, unknown>): LoggedEpisode {
  return {
    id: text(raw.id, '?'),
    node: text(raw.node, '?'),
    indicator: text(raw.indicator, '?'),
    direction: text(raw.direction, 'pain'),
    kind: text(raw.kind, 'unknown'),
    severity: text(raw.severity, 'alert'),
    status: raw.status === 'open' ? 'open' : 'resolved',
    holder: text(raw.holder, text(raw.node, '?')),
    holderLevel: textOrNull(raw.holderLevel),
    openedAt: text(raw.openedAt, ''),
    resolvedAt: textOrNull(raw.resolvedAt),
    resolvedLevel: textOrNull(raw.resolvedLevel),
    period: textOrNull(raw.period),
    reached: list<string>(raw.reached),
    inhibits: list<unknown>(raw.inhibits),
    inhibitedBy: list<string>(raw.inhibitedBy),
    path: list<LoggedEpisode['path'][number]>(raw.path),
  };
}

interface EventRow {
  at: number;
  type: string;
  data: string;
}

/** Reads a database an import (or a server) wrote, read-only: the last policy's hierarchy and every episode's final state. */
export function readHistory(dbPath: string): LoggedHistory {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const policy = db.prepare<[], EventRow>("SELECT at, type, data FROM events WHERE kind = 'input' AND type = 'policy' ORDER BY seq DESC LIMIT 1").get();
    if (!policy) throw new Error(`${dbPath} has no policy in its event log: not an opsroom database`);
    const config = (JSON.parse(policy.data) as { config?: { levels?: string[]; nodes?: Array<Record<string, unknown>> } }).config ?? {};
    const nodes = new Map<string, LoggedNode>();
    for (const node of config.nodes ?? []) {
      const id = text(node.id, '?');
      nodes.set(id, { id, name: text(node.name, id), level: text(node.level, '?'), parent: textOrNull(node.parent) });
    }
    const latest = new Map<string, LoggedEpisode>();
    const effects = db.prepare<[], EventRow>("SELECT at, type, data FROM events WHERE kind = 'effect' AND type LIKE 'episode.%' ORDER BY seq");
    for (const row of effects.iterate()) {
      // A row holds the path entries since the episode's previous row, from `pathFrom` on (see shared/episode-delta.ts).
      const raw = JSON.parse(row.data) as Record<string, unknown>;
      const from = typeof raw.pathFrom === 'number' ? raw.pathFrom : 0;
      const episode = readEpisode(raw);
      const before = latest.get(episode.id);
      latest.set(episode.id, from > 0 && before ? { ...episode, path: [...before.path.slice(0, from), ...episode.path] } : episode);
    }
    const last = db.prepare<[], { at: number | null }>('SELECT MAX(at) AS at FROM events').get();
    return { source: dbPath, levels: config.levels ?? [], nodes, episodes: [...latest.values()], endedAt: last?.at ?? null };
  } finally {
    db.close();
  }
}

export interface NoReportEpisode {
  id: string;
  unit: string;
  name: string;
  indicator: string;
  /** The first period the unit did not report. */
  period: string | null;
  openedAt: string;
  resolvedAt: string | null;
  /** Opened to final resolution, or to the end of the log when still open. */
  lastedMs: number | null;
  status: 'open' | 'resolved';
  holderLevel: string;
  reopened: number;
}

export interface EpisodeSummary {
  source: string;
  levels: string[];
  opened: number;
  byKind: Map<string, number>;
  pain: number;
  pleasure: number;
  crises: number;
  /** By the level of the node the episode arose at. */
  byOriginLevel: Map<string, number>;
  resolved: number;
  byResolvedLevel: Map<string, number>;
  /** Resolved without ever being escalated (held by its own node throughout). */
  settledLocally: number;
  revised: number;
  open: number;
  openByHolderLevel: Map<string, number>;
  escalated: number;
  /** Episodes whose `reached` holds a node of that level (the root included). */
  reachedLevel: Map<string, number>;
  /** Reached the root (national) and how: arose there, climbed there, or told at once. */
  reachedTop: { total: number; arose: number; climbed: number; told: number };
  /** Episodes that held back an ancestor's own breach, and how many breaches they held back. */
  inhibiting: number;
  heldBack: number;
  /** Episodes that opened once the lower ones holding them back had resolved. */
  systemic: number;
  noReport: NoReportEpisode[];
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** The level a node is at, or '?' for a node the last policy no longer has. */
const levelOf = (history: LoggedHistory, node: string) => history.nodes.get(node)?.level ?? '?';

export function summarizeEpisodes(history: LoggedHistory): EpisodeSummary {
  const roots = new Set([...history.nodes.values()].filter((n) => n.parent === null).map((n) => n.id));
  const summary: EpisodeSummary = {
    source: history.source, levels: history.levels, opened: history.episodes.length,
    byKind: new Map(), pain: 0, pleasure: 0, crises: 0, byOriginLevel: new Map(),
    resolved: 0, byResolvedLevel: new Map(), settledLocally: 0, revised: 0, open: 0, openByHolderLevel: new Map(),
    escalated: 0, reachedLevel: new Map(), reachedTop: { total: 0, arose: 0, climbed: 0, told: 0 },
    inhibiting: 0, heldBack: 0, systemic: 0, noReport: [],
  };
  for (const episode of history.episodes) {
    bump(summary.byKind, episode.kind);
    if (episode.direction === 'pleasure') summary.pleasure++;
    else summary.pain++;
    if (episode.severity === 'crisis') summary.crises++;
    bump(summary.byOriginLevel, levelOf(history, episode.node));
    const escalated = episode.path.some((entry) => entry.type === 'escalated');
    if (escalated) summary.escalated++;
    const holderLevel = episode.holderLevel ?? levelOf(history, episode.holder);
    if (episode.status === 'open') {
      summary.open++;
      bump(summary.openByHolderLevel, holderLevel);
    } else {
      summary.resolved++;
      bump(summary.byResolvedLevel, episode.resolvedLevel ?? holderLevel);
      if (!escalated) summary.settledLocally++;
      const last = [...episode.path].reverse().find((entry) => entry.type === 'resolved');
      if (last?.reason === 'revised') summary.revised++;
    }
    for (const level of new Set(episode.reached.map((node) => levelOf(history, node)))) bump(summary.reachedLevel, level);
    if (episode.reached.some((node) => roots.has(node))) {
      summary.reachedTop.total++;
      const held = roots.has(episode.node) || roots.has(episode.holder) || episode.path.some((e) => (e.type === 'escalated' && roots.has(e.to ?? '')) || (e.holder !== undefined && roots.has(e.holder)));
      if (roots.has(episode.node)) summary.reachedTop.arose++;
      else if (held) summary.reachedTop.climbed++;
      else summary.reachedTop.told++;
    }
    if (episode.inhibits.length > 0) summary.inhibiting++;
    summary.heldBack += episode.inhibits.length;
    if (episode.inhibitedBy.length > 0) summary.systemic++;
    if (episode.kind === 'no-report') summary.noReport.push(noReportOf(history, episode));
  }
  summary.noReport.sort((a, b) => a.unit.localeCompare(b.unit) || a.openedAt.localeCompare(b.openedAt) || a.indicator.localeCompare(b.indicator));
  return summary;
}

function noReportOf(history: LoggedHistory, episode: LoggedEpisode): NoReportEpisode {
  const opened = Date.parse(episode.openedAt);
  const end = episode.resolvedAt !== null ? Date.parse(episode.resolvedAt) : history.endedAt;
  return {
    id: episode.id,
    unit: episode.node,
    name: history.nodes.get(episode.node)?.name ?? episode.node,
    indicator: episode.indicator,
    period: episode.period,
    openedAt: episode.openedAt,
    resolvedAt: episode.resolvedAt,
    lastedMs: end === null || !Number.isFinite(opened) ? null : end - opened,
    status: episode.status,
    holderLevel: episode.holderLevel ?? levelOf(history, episode.holder),
    reopened: episode.path.filter((entry) => entry.type === 'reopened').length,
  };
}

const n = (value: number) => value.toLocaleString('en-GB');

export function durationWords(ms: number | null): string {
  if (ms === null) return '?';
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.round(hours * 10) / 10} h` : `${Math.round((hours / 24) * 10) / 10} d`;
}

/** The levels of all the summaries, top first, in the order their configurations give. */
function levelsOf(summaries: readonly EpisodeSummary[]): string[] {
  const levels: string[] = [];
  for (const summary of summaries) for (const level of summary.levels) if (!levels.includes(level)) levels.push(level);
  return levels;
}

/** One row per measure, one column per history: before and after side by side. */
export function describeComparison(summaries: readonly EpisodeSummary[], labels: readonly string[]): string[] {
  const levels = levelsOf(summaries);
  const kinds = [...new Set(summaries.flatMap((s) => [...s.byKind.keys()]))].sort();
  const get = (map: Map<string, number>, key: string) => map.get(key) ?? 0;
  const rows: Array<[string, (s: EpisodeSummary) => number | string]> = [
    ['episodes opened', (s) => s.opened],
    ...kinds.map((kind): [string, (s: EpisodeSummary) => number] => [`  kind ${kind}`, (s) => get(s.byKind, kind)]),
    ['  pain / bright spots', (s) => `${n(s.pain)} / ${n(s.pleasure)}`],
    ['  crises', (s) => s.crises],
    ...levels.map((level): [string, (s: EpisodeSummary) => number] => [`  arose at ${level}`, (s) => get(s.byOriginLevel, level)]),
    ['resolved', (s) => s.resolved],
    ...levels.map((level): [string, (s: EpisodeSummary) => number] => [`  settled at ${level}`, (s) => get(s.byResolvedLevel, level)]),
    ['  settled locally (never escalated)', (s) => s.settledLocally],
    ['  resolved as revised', (s) => s.revised],
    ['still open at the end', (s) => s.open],
    ...levels.map((level): [string, (s: EpisodeSummary) => number] => [`  held at ${level}`, (s) => get(s.openByHolderLevel, level)]),
    ['escalated at least once', (s) => s.escalated],
    ...levels.map((level): [string, (s: EpisodeSummary) => number] => [`reached ${level}`, (s) => get(s.reachedLevel, level)]),
    [`  reached the top: arose there`, (s) => s.reachedTop.arose],
    [`  reached the top: climbed there`, (s) => s.reachedTop.climbed],
    [`  reached the top: told at once`, (s) => s.reachedTop.told],
    ['held back an ancestor\'s breach', (s) => s.inhibiting],
    ['  ancestor breaches held back', (s) => s.heldBack],
    ['opened once the lower ones resolved', (s) => s.systemic],
    ['no-report episodes', (s) => s.noReport.length],
  ];
  const cells = rows.map(([label, value]) => [label, ...summaries.map((s) => { const v = value(s); return typeof v === 'number' ? n(v) : v; })]);
  const header = ['', ...labels];
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

/** The no-report episodes of one history: how many, at which trusts, on which indicators, and how long each lasted. */
export function describeNoReports(summary: EpisodeSummary, label: string, cap = 50): string[] {
  const episodes = summary.noReport;
  if (episodes.length === 0) return [`${label}: no no-report episodes`];
  const units = new Map<string, NoReportEpisode[]>();
  for (const episode of episodes) units.set(episode.unit, [...(units.get(episode.unit) ?? []), episode]);
  const indicators = new Map<string, number>();
  for (const episode of episodes) bump(indicators, episode.indicator);
  const open = episodes.filter((e) => e.status === 'open').length;
  const lasted = episodes.map((e) => e.lastedMs).filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  const median = lasted.length === 0 ? null : lasted[Math.floor(lasted.length / 2)]!;
  const settled = new Map<string, number>();
  for (const episode of episodes) bump(settled, episode.status === 'open' ? `open at ${episode.holderLevel}` : `settled at ${episode.holderLevel}`);
  const lines = [
    `${label}: ${n(episodes.length)} no-report episodes at ${n(units.size)} trusts (${n(open)} still open at the end); lasted ${durationWords(lasted[0] ?? null)} to ${durationWords(lasted.at(-1) ?? null)}, median ${durationWords(median)}`,
    `  ${[...settled.entries()].map(([where, k]) => `${n(k)} ${where}`).join(', ')}`,
    `  by indicator: ${[...indicators.entries()].sort((a, b) => b[1] - a[1]).map(([id, k]) => `${id} ${n(k)}`).join(', ')}`,
  ];
  for (const [unit, own] of [...units.entries()].slice(0, cap)) {
    lines.push(`  ${unit} ${own[0]!.name}: ${own.length}`);
    for (const e of own) {
      const missing = e.period === null ? '' : `missing ${e.period.slice(0, 10)}, `;
      const end = e.status === 'open' ? 'still open at the end' : `resolved ${e.resolvedAt}`;
      const reopened = e.reopened > 0 ? `, reopened ${e.reopened}×` : '';
      lines.push(`    ${e.indicator}: ${missing}opened ${e.openedAt}, ${end}, lasted ${durationWords(e.lastedMs)}, ${e.status === 'open' ? 'held' : 'settled'} at ${e.holderLevel}${reopened}`);
    }
  }
  if (units.size > cap) lines.push(`  … and ${units.size - cap} more trusts`);
  return lines;
}
