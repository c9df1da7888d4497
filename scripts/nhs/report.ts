import { NO_REGION_GROUP, UNPLACED_WORDS, type PlacedBy } from './placement';
import type { DataQualityFinding } from '../../shared/api';
import type { ImportPlan } from './plan';
import type { EpisodeCounts } from './backfill';
import { knownCause } from './sitrep-readings';
import { ENGLAND_CODE } from './sitreps';

const n = (value: number) => value.toLocaleString('en-GB');
const LIST_CAP = 12;

function capped<T>(items: readonly T[], show: (item: T) => string, indent = '    ', cap = LIST_CAP): string[] {
  const lines = items.slice(0, cap).map((item) => `${indent}${show(item)}`);
  if (items.length > cap) lines.push(`${indent}… and ${items.length - cap} more`);
  return lines;
}

/** What was read, what was left out and why, and what the configuration holds. */
export function describePlan(plan: ImportPlan): string[] {
  const { sitreps, ae, built } = plan;
  const levels = built.config.levels;
  const count = (level: string) => built.config.nodes.filter((node) => node.level === level).length;
  const lines = ['Files read:', ...plan.files.map((f) => `  ${f.file.padEnd(32)} ${n(f.rowsRead).padStart(8)} rows`)];

  lines.push('', `Sitreps: seasons ${plan.seasons.join(', ') || '(none)'}`);
  const totalRows = [...sitreps.totalRows].map(([node, rows]) => `${n(rows)} ${node === ENGLAND_CODE ? 'England' : node} rows`).join(', ') || 'no total rows';
  lines.push(`  ${n(sitreps.rowsUsed)} trust rows imported, ${totalRows} used as the check (never as readings), ${n(plan.sitrepRowsNotSelected)} rows outside the selection`);
  if (sitreps.skippedRows.count() > 0) lines.push(`  rows skipped (${n(sitreps.skippedRows.count())}):`, ...sitreps.skippedRows.lines('  '));
  if (sitreps.missingCells.count() > 0) {
    lines.push(`  empty cells, reading skipped (${n(sitreps.missingCells.count())}), by column:`, ...sitreps.missingCells.lines('  '));
  }
  for (const [season, { columns, rows }] of [...sitreps.notCollected.entries()].sort()) {
    lines.push(`  not collected in ${season} (${n(rows)} rows, no reading): ${columns.join(', ')}`);
  }
  if (sitreps.quirks.count() > 0) lines.push('  published quirks:', ...sitreps.quirks.lines('  '));

  lines.push(...describeTotals(plan));

  if (ae) {
    lines.push('', `Monthly A&E: ${n(ae.monthsUsed)} provider-months imported, ${n(plan.aeMonthsNotSelected)} outside the selection`);
    if (ae.skipped.count() > 0) lines.push(`  readings left out (${n(ae.skipped.count())}):`, ...ae.skipped.lines('  '));
    lines.push(...describeAeProviders(plan));
  }

  if (plan.successions.length > 0) {
    lines.push('', `Closed or merged trusts kept under their own code (${plan.successions.length}):`);
    lines.push(...capped(plan.successions, (u) => `${u.code} ${u.name} → ${u.parent} / ${u.region}: ${u.succession}`));
  }
  lines.push('', ...describeExpected(plan));
  if (plan.unplaced.length > 0) {
    lines.push('', `Sitrep providers that could not be placed (${plan.unplaced.length}); their rows are left out (counted above):`);
    for (const reason of Object.keys(UNPLACED_WORDS) as Array<keyof typeof UNPLACED_WORDS>) {
      const codes = plan.unplaced.filter((u) => u.reason === reason).map((u) => u.code).sort();
      if (codes.length > 0) lines.push(`    ${codes.length} ${UNPLACED_WORDS[reason]}: ${codes.slice(0, 20).join(' ')}${codes.length > 20 ? ' …' : ''}`);
    }
  }

  lines.push('', `Configuration "${built.config.name}": levels ${levels.join(' → ')}; ${levels.map((l) => `${count(l)} ${l}`).join(', ')}; ${built.config.indicators.length} indicators`);
  if (built.emptyIcbs.length > 0) lines.push(`  ICBs with no trust in the data, left out: ${built.emptyIcbs.join(' ')}`);
  if (built.emptyRegions.length > 0) lines.push(`  regions with no trust in the data, left out: ${built.emptyRegions.join(' ')}`);
  lines.push(`  readings: ${n(plan.readingCount)} over ${n(plan.days.length)} report dates`);
  return lines;
}

/** "ae_month_attendances, ae_month_within_4h 2019-03-14T00:00:00.000Z; ga_beds_open …": indicators opened at the same time share it. */
function openedWords(opened: Record<string, string>): string {
  const byTime = new Map<string, string[]>();
  for (const [indicator, at] of Object.entries(opened)) byTime.set(at, [...(byTime.get(at) ?? []), indicator]);
  const all = Object.keys(opened).length;
  return [...byTime].map(([at, ids]) => `${ids.length > 3 && ids.length === all ? `all ${ids.length}` : ids.join(', ')} ${at}`).join('; ');
}

/** "ae_month_attendances, ae_month_within_4h 2017-09-14 → 2024-06-06": indicators paused alike share a stretch. */
function pausedWords(paused: Record<string, Array<{ from: string; to?: string }>>): string {
  const byStretch = new Map<string, string[]>();
  for (const [indicator, list] of Object.entries(paused)) {
    for (const s of list) {
      const key = `${s.from.slice(0, 10)} → ${s.to === undefined ? 'for good' : s.to.slice(0, 10)}`;
      byStretch.set(key, [...(byStretch.get(key) ?? []), indicator]);
    }
  }
  return [...byStretch].map(([stretch, ids]) => `${ids.join(', ')} ${stretch}`).join('; ');
}

/** Who is expected to report what, as the configuration says it: `closed` and `opened` units, `noReport` indicators. */
export function describeExpected(plan: ImportPlan): string[] {
  const { stopped, discontinued, breaks } = plan.expected;
  const how = (code: string) => {
    const unit = plan.units.get(code);
    if (unit !== undefined && unit.placedBy !== 'ods-trust') return 'not an NHS trust: left the A&E collection';
    if (unit?.successor) return `merged: now part of ${unit.successor}`;
    return unit?.succession ? 'closed, no successor recorded' : 'still open in ODS: left the collection';
  };
  const allTrusts = stopped.every((s) => plan.units.get(s.code)?.placedBy === 'ods-trust');
  const noun = allTrusts ? `trust${stopped.length === 1 ? '' : 's'}` : `provider${stopped.length === 1 ? '' : 's'}`;
  const lines = [
    `${stopped.length} ${noun} stopped reporting before the end of the ${allTrusts ? 'season (merged or closed)' : 'data (trusts merged or closed, other A&E providers that left the collection)'}${stopped.length === 0 ? '' : ': no report is expected after their last reported day (closed)'}`,
    ...capped(stopped, (s) => `${s.code} ${plan.units.get(s.code)?.name ?? ''}: last report ${s.lastDate}, silent for the last ${n(s.silentDays)} days (${how(s.code)}); closed ${s.closed}`),
  ];
  if (stopped.length > 0 && plan.built.config.nodes.every((node) => node.closed === undefined)) lines.push('  (not written: a live replay restamps the readings, so the data\'s dates do not apply)');
  const { started } = plan.expected;
  if (started.length > 0) {
    lines.push(`${started.length} provider${started.length === 1 ? '' : 's'} first reported an indicator later than the data did: not expected (nor counted in coverage) for it before the period of their first report of it (opened, per indicator)`);
    lines.push(...capped(started, (s) => `${s.code} ${plan.units.get(s.code)?.name ?? ''}: first report ${s.firstDate}; opened ${openedWords(s.opened)}`));
  }
  const { paused } = plan.expected;
  if (paused.length > 0) {
    const stretches = paused.reduce((k, p) => k + Object.values(p.paused).reduce((m, list) => m + list.length, 0), 0);
    lines.push(`${paused.length} provider${paused.length === 1 ? '' : 's'} left a collection while it went on (${stretches} stretches, by indicator): not expected (nor counted in coverage) meanwhile (paused)`);
    lines.push(...capped(paused, (p) => `${p.code} ${plan.units.get(p.code)?.name ?? ''}: ${pausedWords(p.paused)}`));
  }
  for (const d of discontinued) lines.push(`  ${d.indicator}: nobody reports it after ${d.lastDate}, the collection stopped: no missing reports for it (noReport: false)`);
  for (const b of breaks) {
    const what = b.collection === 'ae' ? 'monthly A&E' : 'sitrep';
    lines.push(`  the ${what} collection itself pauses for up to ${b.days} days (${b.from} → ${b.to}): a silence counts as a missing report only after that (noReport ${b.days}d)`);
  }
  return lines;
}

export function describeEpisodes(counts: EpisodeCounts, levels: readonly string[]): string[] {
  const settled = levels.filter((l) => counts.bySettledLevel.has(l)).map((l) => `${n(counts.bySettledLevel.get(l)!)} at ${l}`);
  const byIndicator = [...counts.byIndicator.entries()].sort((a, b) => b[1] - a[1]).map(([id, k]) => `${id} ${n(k)}`);
  return [
    `Episodes: ${n(counts.total)} (${n(counts.open)} still open at the end; ${n(counts.escalated)} escalated at least once; ${n(counts.crises)} crises; ${n(counts.brightSpots)} bright spots; ${n(counts.noReports)} missing reports)`,
    `  resolved: ${settled.join(', ') || 'none'}`,
    `  by indicator: ${byIndicator.join(', ') || 'none'}`,
  ];
}

/**
 * Each published total against the sum of its members: where they differ, the import records a
 * data-quality finding (published beside summed; opsroom's total stays the sum). Every finding is listed.
 */
export function describeTotals(plan: ImportPlan): string[] {
  const { totalChecks, findings } = plan.sitreps;
  const lines: string[] = [];
  for (const node of [...new Set(totalChecks.map((c) => c.node))]) {
    const checks = totalChecks.filter((c) => c.node === node);
    const compared = checks.reduce((sum, c) => sum + c.datesCompared, 0);
    const differing = checks.reduce((sum, c) => sum + c.differing.length, 0);
    const name = node === ENGLAND_CODE ? 'England' : node;
    lines.push(`  ${name} check: sum of trusts = published ${name} row on ${n(compared - differing)} of ${n(compared)} (date, indicator) pairs`);
    for (const check of checks.filter((c) => c.differing.length > 0)) {
      const cause = knownCause(node, check.indicator);
      lines.push(`    ${check.indicator}: differs on ${check.differing.length} of ${check.datesCompared} dates${cause === null ? '' : ` (as expected: ${cause})`}`);
    }
  }
  if (findings.length > 0) {
    lines.push(`  data-quality findings recorded (a published total differs from the sum of its members; the total shown stays the sum): ${n(findings.length)}`);
    const line = (f: DataQualityFinding) => {
      const difference = f.summed - f.published;
      const repeats = /the same figure as published for (\d{4}-\d{2}-\d{2})/.exec(f.source ?? '')?.[1];
      return `${f.period.slice(0, 10)} ${f.node} ${f.indicator}: published ${n(f.published)}, summed ${n(f.summed)} (${difference > 0 ? '+' : ''}${n(difference)})${repeats ? `; the published row repeats ${repeats}'s figure` : ''}`;
    };
    const unexplained = findings.filter((f) => knownCause(f.node, f.indicator) === null);
    if (unexplained.length > 0) lines.push(`    not explained by anything known (${n(unexplained.length)}), every one:`, ...unexplained.map((f) => `      ${line(f)}`));
    const causes = [...new Set(findings.map((f) => knownCause(f.node, f.indicator)).filter((c): c is string => c !== null))];
    for (const cause of causes) {
      const expected = findings.filter((f) => knownCause(f.node, f.indicator) === cause);
      lines.push(`    expected, as ${cause} (${n(expected.length)}; also GET /api/findings):`, ...compactFindings(expected));
    }
  }
  return lines;
}

/** How many findings share a line in the compact list. */
const FINDINGS_PER_LINE = 6;

/**
 * Every finding, compactly: per node and indicator a count, then "date published→summed (±difference)"
 * a few to a line, in date order. Nothing is left out.
 */
export function compactFindings(findings: readonly DataQualityFinding[], indent = '      '): string[] {
  const groups = new Map<string, DataQualityFinding[]>();
  for (const f of findings) groups.set(`${f.node} ${f.indicator}`, [...(groups.get(`${f.node} ${f.indicator}`) ?? []), f]);
  const lines: string[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${indent}${key}: ${n(group.length)}`);
    const entries = [...group].sort((a, b) => a.period.localeCompare(b.period)).map((f) => {
      const difference = f.summed - f.published;
      return `${f.period.slice(0, 10)} ${n(f.published)}→${n(f.summed)} (${difference > 0 ? '+' : ''}${n(difference)})`;
    });
    for (let at = 0; at < entries.length; at += FINDINGS_PER_LINE) lines.push(`${indent}  ${entries.slice(at, at + FINDINGS_PER_LINE).join(', ')}`);
  }
  return lines;
}

const PLACED_WORDS: Record<PlacedBy, string> = {
  'ods-trust': 'NHS trusts under their ICB (nhs_trusts.csv)',
  'ods-region': 'trusts with a region but no ICB, in their region\'s "Other A&E providers" group',
  'parent-org': 'other providers in their region\'s "Other A&E providers" group, the region from parent_org in ae_monthly_2024_25.csv',
  'ods-organisation': 'other providers in the "Other A&E providers" group of the region of the ODS organisation their site code belongs to',
  'not-known': `providers with no known region, in "${NO_REGION_GROUP.name}" below England`,
};

/** Where every A&E provider went: nobody is left out, so England's figure is NHS England's. */
export function describeAeProviders(plan: ImportPlan): string[] {
  const ae = plan.ae!;
  const total = Object.values(ae.providersBy).reduce((sum, codes) => sum + codes.length, 0);
  const share = (attendances: number) => (ae.totalAttendances === 0 ? '0.0' : ((100 * attendances) / ae.totalAttendances).toFixed(1));
  const lines = [`  every provider placed and counted in England's total: ${n(total)} providers, ${n(ae.totalAttendances)} attendances`];
  for (const by of Object.keys(PLACED_WORDS) as PlacedBy[]) {
    const codes = ae.providersBy[by];
    if (codes.length === 0) continue;
    const listed = by === 'ods-trust' ? '' : `: ${codes.slice(0, 20).join(' ')}${codes.length > 20 ? ` … and ${codes.length - 20} more` : ''}`;
    lines.push(`    ${String(codes.length).padStart(4)} ${PLACED_WORDS[by]} (${n(ae.attendancesBy[by])} attendances, ${share(ae.attendancesBy[by])} %)${listed}`);
  }
  const organisations = [...plan.units.values()].filter((u) => u.placedBy === 'ods-organisation');
  for (const u of organisations) lines.push(`         ${u.code}: region ${u.region} from its organisation ${u.organisation}`);
  return lines;
}
