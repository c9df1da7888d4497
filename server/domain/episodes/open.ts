import type { Direction, EpisodeKind, Severity } from '../../../shared/api';
import { instant, type EpisodeId, type Instant, type IndicatorId, type NodeId } from '../ids';
import type { EpisodeRecord, EpisodeRules, OpeningCause } from './episode';

export interface OpenRequest {
  id: EpisodeId;
  node: NodeId;
  indicator: IndicatorId;
  kind: EpisodeKind;
  direction: Direction;
  severity: Severity;
  /** The period whose figure opened it, and that figure. */
  period: Instant;
  value: number | null;
  /** The figure's coverage, and what it was measured against. */
  coverage?: number;
  cause?: OpeningCause | null;
  policyVersion: number;
  /** Lower episodes that held this breach back until now (it has become systemic). */
  inhibitedBy?: EpisodeId[];
}

/**
 * A new episode. Trouble is held where it arose, with that level's window; a crisis opens held by
 * the bypass level and every ancestor is told; a bright spot has no window and is told to every ancestor.
 */
export function openEpisode(request: OpenRequest, now: Instant, rules: EpisodeRules): EpisodeRecord {
  const { node, direction, severity } = request;
  const crisis = direction === 'pain' && severity === 'crisis';
  const tellEveryone = crisis || direction === 'pleasure';
  const holder = crisis && rules.parentOf(node) !== null ? rules.crisisHolder(node) : node;
  const allowance = direction === 'pleasure' ? null : rules.allowanceMs(rules.levelOf(holder));
  return {
    id: request.id,
    node,
    indicator: request.indicator,
    direction,
    kind: request.kind,
    severity,
    policyVersion: request.policyVersion,
    openedAt: now,
    period: request.period,
    value: request.value,
    ...(request.coverage === undefined ? {} : { coverage: request.coverage }),
    ...(request.cause === undefined ? {} : { cause: request.cause }),
    acknowledgedBy: null,
    reached: tellEveryone ? [node, ...rules.ancestorsOf(node)] : holder === node ? [node] : [node, holder],
    inhibits: [],
    inhibitedBy: request.inhibitedBy ?? [],
    path: [{ type: 'opened', at: now, holder }],
    state: { status: 'open', holder, deadline: allowance === null ? null : instant(now + allowance), overdue: false },
  };
}
