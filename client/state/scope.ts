import type { Episode } from '../../shared/api';
import type { Who } from '../../shared/contract/responses';
import { mayActOn } from '../../shared/scope';
import { isWithin, type Hierarchy } from './hierarchy';

export type { Who };

/** Whether to offer acknowledge / note on an episode: the server's own rule (shared/scope.ts), so no button is offered that would be refused. */
export const mayAct = (who: Who | null, episode: Episode, tree: Hierarchy): boolean =>
  mayActOn(who, episode, (node, ancestor) => tree.byId.has(node) && isWithin(tree, node, ancestor));
