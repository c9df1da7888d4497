import type { Reading } from '../../shared/api';
import type { Config } from '../../shared/config';
import type { Effect } from './effects';
import { Policy } from './policy';
import { advance, knows, step, type EngineInput, type StepResult } from './reducer';
import { emptyState, type EngineState } from './state';

export type { EngineInput, StepResult };

export interface ReadingIssue {
  index: number;
  field: 'unit' | 'indicator';
  message: string;
}

/** Readings this policy refuses (422): unknown or non-unit node, unknown or derived indicator. */
export function checkReadings(policy: Policy, readings: readonly Reading[]): ReadingIssue[] {
  const issues: ReadingIssue[] = [];
  const { hierarchy, indicators } = policy;
  readings.forEach((reading, index) => {
    if (!hierarchy.has(reading.unit)) issues.push({ index, field: 'unit', message: `unknown unit "${reading.unit}"` });
    else if (!hierarchy.isUnit(reading.unit)) issues.push({ index, field: 'unit', message: `"${reading.unit}" is a ${hierarchy.node(reading.unit).level}, not a unit; only units post readings` });
    const indicator = indicators.get(reading.indicator);
    if (!indicator) issues.push({ index, field: 'indicator', message: `unknown indicator "${reading.indicator}"` });
    else if (indicator.ratio) issues.push({ index, field: 'indicator', message: `"${reading.indicator}" is derived (${indicator.ratio.numerator} / ${indicator.ratio.denominator}); post its parts` });
    else if (hierarchy.has(reading.unit) && !policy.reports(reading.unit, reading.indicator)) {
      issues.push({ index, field: 'indicator', message: `"${reading.unit}" does not report "${reading.indicator}"; its configuration lists ${policy.reportsListed(reading.unit)!.join(', ')}` });
    }
  });
  return issues;
}

/** The reducer's state with its operations: what adapters and tests hold. `step` is the reducer itself. */
export class Engine {
  state: EngineState;

  constructor(config: Config, policyVersion = 1, state?: EngineState) {
    this.state = state ?? emptyState(new Policy(config, policyVersion));
  }

  get policy(): Policy {
    return this.state.policy;
  }

  check(readings: readonly Reading[]): ReadingIssue[] {
    return checkReadings(this.state.policy, readings);
  }

  /** When the next deadline, grace period or expected report falls; `advance` acts on it once the clock is past it. */
  nextDue(): number | null {
    return this.state.timers.peek()?.due ?? null;
  }

  step(input: EngineInput, now: number): StepResult {
    const result = step(this.state, input, now);
    this.state = result.state;
    return result;
  }

  advance(now: number): Effect[] {
    return advance(this.state, now);
  }

  knows(node: string, indicator: string): boolean {
    return knows(this.state, node, indicator);
  }
}
