import type { Episode, IndicatorInfo, Series } from '../../shared/api';

type Point = Series['points'][number];

/** Why a reading is in the episode page's small table. */
export type ReadingMark = 'opened' | 'worst' | 'latest' | null;

export interface ReadingRow {
  point: Point;
  mark: ReadingMark;
}

export interface ReadingTable {
  rows: ReadingRow[];
  /** Periods of the span left out of the table (they are in the chart). */
  omitted: number;
}

/** The periods the episode spans: from the one that opened it to the last before it was settled (or now). */
export function spanPoints(points: Point[], episode: Episode): Point[] {
  const from = Date.parse(episode.period);
  const to = episode.resolvedAt === null ? Infinity : Date.parse(episode.resolvedAt);
  return points.filter((point) => {
    const period = Date.parse(point.period);
    return period >= from && period <= to;
  });
}

/**
 * The readings behind an episode, small enough to read: all of its span when it fits in `max` rows;
 * otherwise the period that opened it, the worst, and the most recent, in time order. A missing
 * report has no worst figure.
 */
export function readingTable(points: Point[], episode: Episode, better: IndicatorInfo['better'] | null, max = 12): ReadingTable {
  const span = spanPoints(points, episode);
  const worst = better === null || episode.kind === 'no-report' ? null : worstOf(span, better);
  const markOf = (point: Point, index: number): ReadingMark => {
    if (point.period === span[0]?.period && Date.parse(point.period) === Date.parse(episode.period)) return 'opened';
    if (worst !== null && point === worst && index !== span.length - 1) return 'worst';
    if (index === span.length - 1) return 'latest';
    return null;
  };
  const marked = span.map((point, index) => ({ point, mark: markOf(point, index) }));
  if (marked.length <= max) return { rows: marked, omitted: 0 };
  const keep = new Set<ReadingRow>();
  const first = marked[0];
  if (first) keep.add(first);
  const worstRow = marked.find((row) => row.mark === 'worst');
  if (worstRow) keep.add(worstRow);
  for (let i = marked.length - 1; i >= 0 && keep.size < max; i--) keep.add(marked[i]!);
  const rows = marked.filter((row) => keep.has(row));
  return { rows, omitted: marked.length - rows.length };
}

function worstOf(points: Point[], better: IndicatorInfo['better']): Point | null {
  let worst: Point | null = null;
  for (const point of points) {
    if (point.value === null) continue;
    if (worst === null || worst.value === null || (better === 'lower' ? point.value > worst.value : point.value < worst.value)) worst = point;
  }
  return worst;
}

const MARK_WORDS: Record<Exclude<ReadingMark, null>, string> = { opened: 'opened it', worst: 'worst', latest: 'latest' };
export const markWord = (mark: ReadingMark) => (mark === null ? '' : MARK_WORDS[mark]);
