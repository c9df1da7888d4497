import type { Severity } from '../../../shared/api';
import type { EpisodeId } from '../ids';

const RANK: Record<Severity, number> = { alert: 1, crisis: 2 };

/** An open episode on the same indicator and direction that arose strictly below the breaching node. */
export interface OpenBelow {
  id: EpisodeId;
  severity: Severity;
}

export type InhibitionDecision =
  | { decision: 'open'; reason: 'nothing-open-below' | 'worse-than-anything-below' }
  | { decision: 'inhibit'; by: EpisodeId[]; reason: 'same-problem-open-below' };

/**
 * Inhibition across levels (Alertmanager's inhibit rules, applied to the tree): a node's own breach
 * starts no clock while an episode at least as severe on the same indicator and direction is open
 * below it. A breach worse than anything below is a problem of its own and opens.
 */
export function inhibition(severity: Severity, below: readonly OpenBelow[]): InhibitionDecision {
  if (below.length === 0) return { decision: 'open', reason: 'nothing-open-below' };
  const by = below.filter((episode) => RANK[episode.severity] >= RANK[severity]).map((episode) => episode.id);
  if (by.length === 0) return { decision: 'open', reason: 'worse-than-anything-below' };
  return { decision: 'inhibit', by, reason: 'same-problem-open-below' };
}
