import type { Episode } from '../../shared/api';
import { isWithin, type Hierarchy } from './hierarchy';

/** Who a bearer token belongs to, as GET /api/whoami tells it. */
export interface Who {
  role: 'admin' | 'reporter' | 'coordinator';
  node: string | null;
  name: string;
}

/**
 * Whether to offer acknowledge / note on an episode. The server still decides; this only keeps
 * buttons away from people who could not use them: a reporter acts on what their unit holds, a
 * coordinator on what is held anywhere in their subtree.
 */
export function mayAct(who: Who | null, episode: Episode, tree: Hierarchy): boolean {
  if (!who || episode.status !== 'open') return false;
  if (who.role === 'admin') return true;
  if (who.node === null) return false;
  if (who.role === 'reporter') return episode.holder === who.node;
  return isWithin(tree, episode.holder, who.node);
}
