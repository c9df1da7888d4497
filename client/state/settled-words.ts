/**
 * "Settled recently" in words: subsidiarity working is the good news, so the line says how much
 * was settled and, lowest level first, where.
 */

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
/** Level names come from the configuration (unit, district, region): an English plural. */
const plural = (level: string) => (/(s|x|ch|sh)$/.test(level) ? `${level}es` : `${level}s`);

export interface SettledCounts {
  total: number;
  /** How many each level settled, by level name. */
  byLevel: Record<string, number>;
}

/**
 * "Settled recently: 12 in the last 7 days — 9 settled by the units themselves, 2 by districts, 1 by a region".
 * `levels` top first, as the hierarchy names them; `top` names the one node at the top ("England").
 */
export function settledLine(counts: SettledCounts, levels: string[], top: string, days: number): string {
  const span = days === 1 ? 'the last day' : `the last ${days} days`;
  if (counts.total === 0) return `Settled recently: none in ${span}`;
  const leaf = levels[levels.length - 1];
  const lowestFirst = [...levels].reverse();
  const extra = Object.keys(counts.byLevel).filter((level) => !levels.includes(level)).sort();
  const parts: string[] = [];
  for (const level of [...lowestFirst, ...extra]) {
    const count = counts.byLevel[level] ?? 0;
    if (count === 0) continue;
    parts.push(`${count} ${parts.length === 0 ? 'settled ' : ''}${byWhom(level, count, leaf, levels[0], top)}`);
  }
  return `Settled recently: ${counts.total} in ${span}${parts.length > 0 ? ` — ${parts.join(', ')}` : ''}`;
}

function byWhom(level: string, count: number, leaf: string | undefined, topLevel: string | undefined, top: string): string {
  if (level === leaf) return count === 1 ? `by the ${level} itself` : `by the ${plural(level)} themselves`;
  if (level === topLevel) return `by ${top}`;
  return count === 1 ? `by ${article(level)} ${level}` : `by ${plural(level)}`;
}

/** "settled by Salford Royal itself", "settled at the region, by North West": how one settled episode is listed. `levels` top first. */
export function settledBy(level: string | null, levels: string[], holderName: string): string {
  if (level === null) return 'settled';
  if (level === levels[levels.length - 1]) return `settled by ${holderName} itself`;
  return `settled at the ${level === levels[0] ? 'top' : level}, by ${holderName}`;
}
