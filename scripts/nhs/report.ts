import { UNPLACED_WORDS } from './placement';
import type { ImportPlan } from './plan';
import type { EpisodeCounts } from './backfill';

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
  lines.push(`  ${n(sitreps.rowsUsed)} trust rows imported, ${n(sitreps.nationalRows)} England rows used as the check, ${n(plan.sitrepRowsNotSelected)} rows outside the selection`);
  if (sitreps.skippedRows.count() > 0) lines.push(`  rows skipped (${n(sitreps.skippedRows.count())}):`, ...sitreps.skippedRows.lines('  '));
  if (sitreps.missingCells.count() > 0) {
    lines.push(`  empty cells, reading skipped (${n(sitreps.missingCells.count())}), by column:`, ...sitreps.missingCells.lines('  '));
  }
  for (const [season, { columns, rows }] of [...sitreps.notCollected.entries()].sort()) {
    lines.push(`  not collected in ${season} (${n(rows)} rows, no reading): ${columns.join(', ')}`);
  }
  if (sitreps.quirks.count() > 0) lines.push('  published quirks:', ...sitreps.quirks.lines('  '));

  const differing = sitreps.nationalCheck.filter((c) => c.differing.length > 0);
  const compared = sitreps.nationalCheck.reduce((sum, c) => sum + c.datesCompared, 0);
  lines.push(`  England check: sum of trusts = published England row on ${n(compared - differing.reduce((s, c) => s + c.differing.length, 0))} of ${n(compared)} (date, indicator) pairs`);
  for (const check of differing) {
    // NHS England's handover totals include sites that file no bed return (see the data README).
    const known = check.indicator.startsWith('amb_handover') ? ' (as expected: England counts handovers at sites with no bed return)' : '';
    lines.push(`    ${check.indicator}: differs on ${check.differing.length} of ${check.datesCompared} dates${known}`, ...capped(check.differing, (d) => `${d.date}: England ${d.england}, trusts ${d.trusts}`, '      ', 3));
  }

  if (ae) {
    lines.push('', `Monthly A&E: ${n(ae.monthsUsed)} provider-months imported, ${n(plan.aeMonthsNotSelected)} outside the selection`);
    if (ae.skipped.count() > 0) lines.push(`  left out (${n(ae.skipped.count())}):`, ...ae.skipped.lines('  '));
    const share = ae.totalAttendances === 0 ? 0 : (100 * ae.unplacedAttendances) / ae.totalAttendances;
    lines.push(`  attendances at providers with no ICB (not counted in any ICB, region or England total): ${n(ae.unplacedAttendances)} (${share.toFixed(1)} %)`);
  }

  if (plan.successions.length > 0) {
    lines.push('', `Closed or merged trusts kept under their own code (${plan.successions.length}):`);
    lines.push(...capped(plan.successions, (u) => `${u.code} ${u.name} → ${u.icb} / ${u.region}: ${u.succession}`));
  }
  lines.push('', ...describeExpected(plan));
  if (plan.unplaced.length > 0) {
    lines.push('', `Providers that could not be placed (${plan.unplaced.length}); their rows are left out:`);
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

/** Who is expected to report what, as the configuration says it: `closed` units, `noReport` indicators. */
export function describeExpected(plan: ImportPlan): string[] {
  const { stopped, discontinued, breaks } = plan.expected;
  const how = (code: string) => {
    const unit = plan.units.get(code);
    if (unit?.successor) return `merged: now part of ${unit.successor}`;
    return unit?.succession ? 'closed, no successor recorded' : 'still open in ODS: left the collection';
  };
  const lines = [
    `${stopped.length} trust${stopped.length === 1 ? '' : 's'} stopped reporting before the end of the season (merged or closed)${stopped.length === 0 ? '' : ': no report is expected after their last reported day (closed)'}`,
    ...capped(stopped, (s) => `${s.code} ${plan.units.get(s.code)?.name ?? ''}: last report ${s.lastDate}, silent for the last ${n(s.silentDays)} days (${how(s.code)}); closed ${s.closed}`),
  ];
  if (stopped.length > 0 && plan.built.config.nodes.every((node) => node.closed === undefined)) lines.push('  (not written: a live replay restamps the readings, so the data\'s dates do not apply)');
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
