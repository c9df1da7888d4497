import type { Finding } from '../detectors/types';
import type { EpisodeContext, EpisodeRecord } from './episode';

export interface OpenRequest {
  id: string;
  node: string;
  indicator: string;
  finding: Finding;
  at: number;
  policyVersion: number;
}

/**
 * A new episode. Trouble is held where it arose, with that level's window; a crisis opens held by
 * the bypass level and every ancestor is told; a bright spot has no window and is told to every ancestor.
 */
export function openEpisode(request: OpenRequest, context: EpisodeContext): EpisodeRecord {
  const { finding, node, at } = request;
  const crisis = finding.direction === 'pain' && finding.severity === 'crisis';
  const tellEveryone = crisis || finding.direction === 'pleasure';
  const holder = crisis && context.parentOf(node) !== null ? context.crisisHolder(node) : node;
  const allowance = finding.direction === 'pleasure' ? null : context.allowanceMs(context.levelOf(holder));
  return {
    id: request.id,
    node,
    indicator: request.indicator,
    direction: finding.direction,
    kind: finding.kind,
    severity: finding.severity,
    policyVersion: request.policyVersion,
    openedAt: at,
    acknowledgedBy: null,
    reached: tellEveryone ? [node, ...context.ancestorsOf(node)] : holder === node ? [node] : [node, holder],
    path: [{ type: 'opened', at, holder }],
    state: { status: 'open', holder, deadline: allowance === null ? null : at + allowance, overdue: false },
  };
}
