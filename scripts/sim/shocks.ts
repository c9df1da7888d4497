import { between, streamFor } from './prng';

/**
 * What happens to one signal (a unit's pressure on one indicator):
 * - `settles`: goes over the alert bound and back inside the unit's own window;
 * - `climbs`: stays over long enough for the episode to pass to the district and beyond;
 * - `spike`: a short jump past the crisis bound;
 * - `bright`: a clear improvement held for a while (a bright spot).
 */
export type ShockKind = 'settles' | 'climbs' | 'spike' | 'bright';

export interface Shock {
  kind: ShockKind;
  start: number;
  rise: number;
  hold: number;
  fall: number;
  /** Pressure at the top of the shock (1 = the alert bound, below 0 = better than normal). */
  peak: number;
}

/** How a unit behaves: how often it is hit, and what kinds of shock it tends to have. */
export type Temperament = 'steady' | 'stretched' | 'improving';

export interface ShockTiming {
  /** Ticks the unit holds an episode before it passes up, and the district after it. */
  unitWindow: number;
  districtWindow: number;
  /** Whether the indicator has a crisis bound to spike past. */
  hasCrisis: boolean;
}

const CHANCE: Record<Temperament, number> = { steady: 0.45, stretched: 0.85, improving: 0.6 };
const KINDS: Record<Temperament, Array<[ShockKind, number]>> = {
  steady: [['settles', 0.7], ['bright', 0.2], ['spike', 0.1]],
  stretched: [['settles', 0.35], ['climbs', 0.45], ['spike', 0.15], ['bright', 0.05]],
  improving: [['settles', 0.3], ['bright', 0.55], ['climbs', 0.15]],
};

/** Ticks in one scheduling block: at least a simulated day, and longer than the longest shock (a climb). */
export function blockLength(timing: ShockTiming): number {
  return Math.max(24, Math.ceil(1.9 * (timing.unitWindow + timing.districtWindow)) + 6);
}

function pickKind(next: () => number, temperament: Temperament, timing: ShockTiming): ShockKind {
  let roll = next();
  for (const [kind, weight] of KINDS[temperament]) {
    roll -= weight;
    if (roll < 0) return kind === 'spike' && !timing.hasCrisis ? 'settles' : kind;
  }
  return 'settles';
}

/** The shock (if any) scheduled in one block of one signal: a pure function of the seed and the block. */
export function shockInBlock(seed: number, signal: string, block: number, temperament: Temperament, timing: ShockTiming): Shock | null {
  const next = streamFor(seed, 'shock', signal, block);
  if (next() >= CHANCE[temperament]) return null;
  const length = blockLength(timing);
  const start = block * length + Math.floor(next() * length);
  const kind = pickKind(next, temperament, timing);
  const window = Math.max(1, timing.unitWindow);
  switch (kind) {
    case 'settles':
      // Over the bound for less than the unit's window, so it is put right locally.
      return { kind, start, rise: 1, hold: Math.max(1, Math.floor(window * between(next, 0.3, 0.7))), fall: 1, peak: between(next, 1.15, 1.4) };
    case 'climbs':
      return {
        kind, start, rise: 2,
        hold: Math.ceil((timing.unitWindow + timing.districtWindow) * between(next, 1.2, 1.9)),
        fall: 2, peak: between(next, 1.2, 1.5),
      };
    case 'spike':
      return { kind, start, rise: 1, hold: 1, fall: 1, peak: between(next, 1.9, 2.3) };
    case 'bright':
      return { kind, start, rise: 2, hold: Math.max(4, Math.ceil(window * between(next, 1, 2))), fall: 2, peak: between(next, -3.5, -2.5) };
  }
}

/** 0 outside the shock, rising to 1 at its top and back: a trapezoid. */
export function shockShape(shock: Shock, tick: number): number {
  const x = tick - shock.start;
  if (x < 0) return 0;
  if (x < shock.rise) return (x + 1) / (shock.rise + 1);
  if (x < shock.rise + shock.hold) return 1;
  const down = x - shock.rise - shock.hold;
  if (down < shock.fall) return 1 - (down + 1) / (shock.fall + 1);
  return 0;
}

/** The shocks that may touch `tick`: those of its block and the two before it (no shock outlasts a block). */
export function shocksNear(seed: number, signal: string, tick: number, temperament: Temperament, timing: ShockTiming): Shock[] {
  const block = Math.floor(tick / blockLength(timing));
  const shocks: Shock[] = [];
  for (let b = Math.max(0, block - 2); b <= block; b++) {
    const shock = shockInBlock(seed, signal, b, temperament, timing);
    if (shock && shockShape(shock, tick) > 0) shocks.push(shock);
  }
  return shocks;
}
