/** The results file, data/bench/results.json: its schema (what the quick test parses with) and how a figure is judged. */
import { z } from 'zod';

export const figureSchema = z.strictObject({
  value: z.number().finite(),
  unit: z.string().min(1),
  /** The same work done by the bare minimum in the same run; null where the issue names no ceiling. */
  ceiling: z.number().finite().nullable(),
  /** value / ceiling, oriented so that higher is better (ceiling / value for latencies). */
  ratio: z.number().finite().nullable(),
  goal: z.string().min(1),
  /** null where the issue sets no goal (the figure is reported only). */
  met: z.boolean().nullable(),
  /** How it was measured where that is not obvious (scaled down, generated rather than imported). */
  note: z.string().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const resultsSchema = z.strictObject({
  run: z.strictObject({
    quick: z.boolean(),
    startedAt: z.iso.datetime(),
    seconds: z.number().nonnegative(),
    cores: z.number().int().positive(),
    /** The 1-minute load average at the start and at the end: the load generator shares the cores with others. */
    load: z.tuple([z.number(), z.number()]),
    node: z.string(),
  }),
  figures: z.record(z.string().regex(/^[a-z0-9_]+$/), figureSchema),
  /** Figures of the issue this run did not measure, and why. */
  missing: z.record(z.string(), z.string()),
});
export type Results = z.infer<typeof resultsSchema>;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** A throughput against an absolute goal (no ceiling). */
export function atLeast(value: number, unit: string, goal: number, note?: string): Figure {
  return { value, unit, ceiling: null, ratio: null, goal: `≥ ${goal} ${unit}`, met: value >= goal, ...(note ? { note } : {}) };
}

/** A throughput beside its ceiling: the goal is a share of the ceiling. */
export function shareOf(value: number, ceiling: number, unit: string, goalRatio: number, note?: string): Figure {
  const ratio = value / ceiling;
  return { value, unit, ceiling, ratio, goal: `ratio ≥ ${goalRatio}`, met: ratio >= goalRatio, ...(note ? { note } : {}) };
}

/** A latency beside its ceiling: at most `factor` times the ceiling. Ratio is ceiling / value, so higher is better. */
export function withinOf(value: number, ceiling: number, unit: string, factor: number, note?: string): Figure {
  return { value, unit, ceiling, ratio: ceiling / value, goal: `≤ ${factor} × ceiling`, met: value <= factor * ceiling, ...(note ? { note } : {}) };
}

/** A cost against an absolute bound (lower is better). */
export function atMost(value: number, unit: string, goal: number, note?: string): Figure {
  return { value, unit, ceiling: null, ratio: null, goal: `≤ ${goal} ${unit}`, met: value <= goal, ...(note ? { note } : {}) };
}
