/** Which end of the scale a thinned stretch keeps: the higher value, or the lower. */
export type Keep = 'high' | 'low';

/**
 * The end of the scale an episode is about: for trouble the worse value (higher when lower is
 * better), for a bright spot the better one. Thinning keeps that, so a peak never vanishes.
 */
export const keepFor = (direction: 'pain' | 'pleasure', better: 'higher' | 'lower'): Keep =>
  (direction === 'pain') === (better === 'lower') ? 'high' : 'low';

/**
 * At most `max` points (periods in order). The first and the last (the figure now) are kept as they
 * are; the points between fall into `max − 2` equal stretches, each shown by its most extreme point
 * on the `keep` side (the earliest, on a tie), so the line keeps its shape and its worst moments.
 */
export function thinSpark<P extends { value: number }>(points: readonly P[], max: number, keep: Keep): P[] {
  if (points.length <= max) return [...points];
  if (max < 3) return max <= 0 ? [] : max === 1 ? [points[points.length - 1]!] : [points[0]!, points[points.length - 1]!];
  const middle = points.slice(1, -1);
  const buckets = max - 2;
  const out: P[] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * middle.length) / buckets);
    const to = Math.floor(((b + 1) * middle.length) / buckets);
    let best = middle[from]!;
    for (let i = from + 1; i < to; i++) {
      const point = middle[i]!;
      if (keep === 'high' ? point.value > best.value : point.value < best.value) best = point;
    }
    out.push(best);
  }
  out.push(points[points.length - 1]!);
  return out;
}
