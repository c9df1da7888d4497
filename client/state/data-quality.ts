import type { DataQualityView, IndicatorInfo } from '../../shared/api';
import { splitValue } from './time-words';

const DAY_MS = 86_400_000;

/** The findings of one (node, indicator), oldest period first. */
export function findingsFor(findings: readonly DataQualityView[], node: string, indicator: string): DataQualityView[] {
  return findings
    .filter((finding) => finding.node === node && finding.indicator === indicator)
    .sort((a, b) => Date.parse(a.period) - Date.parse(b.period));
}

/** A figure as the mark shows it: counts with thousands separators, shares as percentages. */
function figure(value: number, unit: string): string {
  const { number, unit: suffix } = splitValue(value, unit);
  return suffix === '%' ? `${number}%` : number;
}

/**
 * "8 Jan 2017" for a daily period. The date is read at the period's middle, so a day that starts at
 * 23:00 UTC (a summer day in London) still reads as its own date wherever the wall is.
 */
function periodDate(period: string, periodMs: number, timeZone?: string): string {
  const middle = Date.parse(period) + Math.min(periodMs, DAY_MS) / 2;
  return new Date(middle).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
}

/**
 * The small "published figure differs" mark of an indicator card, in words, or null where the
 * published totals agree with opsroom's sums: "Published figure differs on 2 days — latest 8 Jan 2017:
 * published 3,661, summed 3,804". The value shown on the card stays the sum.
 */
export function publishedDiffersWords(
  findings: readonly DataQualityView[],
  indicator: Pick<IndicatorInfo, 'unit' | 'periodMs'>,
  timeZone?: string,
): string | null {
  if (findings.length === 0) return null;
  const latest = findings.reduce((a, b) => (Date.parse(b.period) > Date.parse(a.period) ? b : a));
  const daily = indicator.periodMs === DAY_MS;
  const what = daily ? (findings.length === 1 ? 'day' : 'days') : findings.length === 1 ? 'period' : 'periods';
  const when = periodDate(latest.period, indicator.periodMs, timeZone);
  const numbers = `published ${figure(latest.published, indicator.unit)}, summed ${figure(latest.summed, indicator.unit)}`;
  return `Published figure differs on ${findings.length} ${what} — ${findings.length === 1 ? '' : 'latest '}${when}: ${numbers}`;
}

/** One "published figure differs" line of a card: about the card's own figure, or (a ratio) one of its parts. */
export interface DifferenceMark {
  /** The indicator the published figure is for. */
  indicator: string;
  text: string;
  /** Where the latest published figure came from, for a tooltip. */
  source: string | null;
}

/**
 * The marks an indicator card shows: its own findings, and for a ratio those of its numerator and
 * denominator (occupancy is shown where beds open and occupied are not), each part named, so a
 * finding is marked wherever its figure goes into what the card shows.
 */
export function cardDifferences(
  findings: readonly DataQualityView[],
  node: string,
  indicator: Pick<IndicatorInfo, 'id' | 'unit' | 'periodMs' | 'ratio'>,
  infoOf: (id: string) => Pick<IndicatorInfo, 'label' | 'unit' | 'periodMs'> | undefined,
  timeZone?: string,
): DifferenceMark[] {
  const marks: DifferenceMark[] = [];
  const add = (id: string, info: Pick<IndicatorInfo, 'unit' | 'periodMs'>, label: string | null) => {
    const own = findingsFor(findings, node, id);
    const words = publishedDiffersWords(own, info, timeZone);
    if (words === null) return;
    marks.push({ indicator: id, text: label === null ? words : `${label}: ${words.charAt(0).toLowerCase()}${words.slice(1)}`, source: own.at(-1)?.source ?? null });
  };
  add(indicator.id, indicator, null);
  for (const part of indicator.ratio ? [indicator.ratio.numerator, indicator.ratio.denominator] : []) {
    const info = infoOf(part);
    add(part, info ?? { unit: '', periodMs: indicator.periodMs }, info?.label ?? part);
  }
  return marks;
}
