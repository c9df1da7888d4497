export interface BackoffRules {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffRules = { firstMs: 1000, maxMs: 60_000 };

/** How long to wait before the next attempt after `failures` failures in a row: doubling, capped. */
export function backoffMs(failures: number, rules: BackoffRules = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  return Math.min(rules.maxMs, rules.firstMs * 2 ** Math.min(failures - 1, 30));
}
