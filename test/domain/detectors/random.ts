/** Seeded generators for detector tests (mulberry32; Box–Muller; Knuth's Poisson). */
import { mulberry32 } from '../../../scripts/sim/prng';

export { mulberry32 };

export function gaussian(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function poisson(random: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

/** `length` values of mean + sd × N(0, 1) from `seed`. */
export function noise(seed: number, length: number, mean: number, sd: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length }, () => mean + sd * gaussian(random));
}
