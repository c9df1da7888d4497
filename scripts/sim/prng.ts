/** mulberry32: a small, fast 32-bit generator; the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A 32-bit hash of a key (FNV-1a over its text), to give every (unit, signal, block) its own stream. */
export function hashKey(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u241f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator keyed by the seed and a place in the model, so any tick can be computed on its own. */
export const streamFor = (seed: number, ...parts: ReadonlyArray<string | number>) => mulberry32(hashKey(seed, ...parts));

/** A number in [low, high) from a generator. */
export const between = (next: () => number, low: number, high: number) => low + (high - low) * next();
