import { performance } from 'node:perf_hooks';

/** Engine time is `anchor.wall` plus the monotonic time elapsed since `anchor.mono`. */
export interface ClockAnchor {
  wall: number;
  mono: number;
}

export interface ClockSample {
  wall: number;
  mono: number;
}

export interface ClockRules {
  /** Disagreement between the wall clock and elapsed time that is drift (followed), not a step. */
  toleranceMs: number;
  /** A forward step that lasts this long is believed (a machine resumed from suspend, a clock set right). */
  acceptForwardAfterMs: number;
}

export const DEFAULT_CLOCK_RULES: ClockRules = { toleranceMs: 30_000, acceptForwardAfterMs: 10 * 60_000 };

/** A step in progress: how far the wall clock is from elapsed time, since when (monotonic). */
export interface ClockStep {
  byMs: number;
  sinceMono: number;
}

export type ClockReason = 'in-step' | 'stepped-back-held' | 'stepped-forward-held' | 'stepped-forward-accepted';

export interface ClockReading {
  time: number;
  anchor: ClockAnchor;
  step: ClockStep | null;
  reason: ClockReason;
}

/**
 * Read engine time from a wall/monotonic sample. The wall clock is followed while it agrees with
 * elapsed time; a step beyond the tolerance is not: engine time runs on elapsed time, so windows
 * neither freeze for an hour (clock set back) nor run out at once (clock set a day ahead). A forward
 * step that lasts `acceptForwardAfterMs` is believed; a backward one never is while running, since
 * engine time does not go back.
 */
export function readClock(anchor: ClockAnchor, step: ClockStep | null, sample: ClockSample, rules: ClockRules): ClockReading {
  const expected = anchor.wall + (sample.mono - anchor.mono);
  const byMs = sample.wall - expected;
  if (Math.abs(byMs) <= rules.toleranceMs) return { time: sample.wall, anchor: sample, step: null, reason: 'in-step' };
  const sinceMono = step && Math.sign(step.byMs) === Math.sign(byMs) ? step.sinceMono : sample.mono;
  if (byMs > 0 && sample.mono - sinceMono >= rules.acceptForwardAfterMs) return { time: sample.wall, anchor: sample, step: null, reason: 'stepped-forward-accepted' };
  return { time: expected, anchor, step: { byMs, sinceMono }, reason: byMs > 0 ? 'stepped-forward-held' : 'stepped-back-held' };
}

export interface ClockReport {
  /** The time the engine acts on (windows, deadlines, the 5-minute limit on a reading's ts). */
  engine: string;
  wall: string;
  /** Wall minus engine time: positive when the wall clock is ahead. */
  driftMs: number;
  status: ClockReason | 'frozen' | 'injected';
  /** The latest step seen in this process, if any. */
  lastStep: { detectedAt: string; byMs: number; outcome: ClockReason } | null;
}

/** The server's clock: wall time, guarded against steps by the monotonic clock. */
export class SteadyClock {
  private anchor: ClockAnchor;
  private step: ClockStep | null = null;
  private reason: ClockReason = 'in-step';
  private last: ClockReport['lastStep'] = null;

  constructor(
    private readonly wall: () => number = Date.now,
    private readonly mono: () => number = () => performance.now(),
    private readonly rules: ClockRules = DEFAULT_CLOCK_RULES,
    /** Where a step of the wall clock is told (the server's logger). */
    private readonly tell: (message: string) => void = (message) => console.error(message),
  ) {
    this.anchor = { wall: wall(), mono: mono() };
  }

  now(): number {
    const sample = { wall: this.wall(), mono: this.mono() };
    const reading = readClock(this.anchor, this.step, sample, this.rules);
    if (reading.reason !== 'in-step' && (reading.reason !== this.reason || this.last === null)) {
      this.last = { detectedAt: new Date(sample.wall).toISOString(), byMs: Math.round(sample.wall - (this.anchor.wall + sample.mono - this.anchor.mono)), outcome: reading.reason };
      this.tell(`opsroom: the wall clock stepped ${this.last.byMs > 0 ? 'forward' : 'back'} by ${Math.abs(this.last.byMs)} ms; ${reading.reason === 'stepped-forward-accepted' ? 'following it now' : 'engine time keeps to elapsed time'}`);
    }
    this.anchor = reading.anchor;
    this.step = reading.step;
    this.reason = reading.reason;
    return reading.time;
  }

  report(): ClockReport {
    const engine = this.now();
    const wall = this.wall();
    return { engine: new Date(engine).toISOString(), wall: new Date(wall).toISOString(), driftMs: Math.round(wall - engine), status: this.reason, lastStep: this.last };
  }
}
