import type { MouseEvent } from 'react';
import type { NodeInfo } from '../../shared/api';
import { pathForNode } from '../state/route';

/** A URL naming a node this hierarchy does not have: said plainly, with the way back to the top. */
export function MissingNode({ id, top, onOpen }: { id: string; top: NodeInfo; onOpen(id: string): void }) {
  const follow = (event: MouseEvent) => {
    event.preventDefault();
    onOpen(top.id);
  };
  return (
    <main className="missing-node" role="alert" data-testid="missing-node">
      <h1>No node {id} in this hierarchy</h1>
      <p>
        The link names a node this ops room does not know (it may have closed, merged, or been mistyped).{' '}
        <a href={pathForNode(top.id, top.id)} onClick={follow}>
          Go to the top: {top.name}
        </a>
      </p>
    </main>
  );
}
