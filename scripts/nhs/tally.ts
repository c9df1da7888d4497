/** Counts of things that happened to rows, by reason, keeping the first few places for the listing. */
export class Tally {
  private readonly counts = new Map<string, number>();
  private readonly places = new Map<string, string[]>();

  constructor(private readonly keep = 5) {}

  add(reason: string, place?: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (place === undefined) return;
    const list = this.places.get(reason) ?? [];
    if (list.length < this.keep) list.push(place);
    this.places.set(reason, list);
  }

  count(reason?: string): number {
    if (reason !== undefined) return this.counts.get(reason) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  reasons(): string[] {
    return [...this.counts.keys()].sort();
  }

  /** One line per reason: `  12  reason (lines 4, 9, … and 10 more)`. */
  lines(indent = '  '): string[] {
    return this.reasons().map((reason) => {
      const n = this.counts.get(reason)!;
      const where = this.places.get(reason) ?? [];
      const more = n > where.length && where.length > 0 ? ` … and ${n - where.length} more` : '';
      const listing = where.length > 0 ? ` (${where.join(', ')}${more})` : '';
      return `${indent}${String(n).padStart(7)}  ${reason}${listing}`;
    });
  }
}
