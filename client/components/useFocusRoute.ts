import { useCallback, useEffect, useState } from 'react';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { nodeFromPath, pathForNode } from '../state/route';

/** Where the URL points: a node of this hierarchy, or one it does not have (said so, not hidden). */
interface Place {
  focus: string;
  /** The id a `/node/ID` URL names that this hierarchy does not have; null when the URL names a real node. */
  missing: string | null;
}

function placeOf(tree: Hierarchy): Place {
  const named = nodeFromPath(window.location.pathname);
  if (named === null || tree.byId.has(named)) return { focus: named ?? tree.root.id, missing: null };
  return { focus: tree.root.id, missing: named };
}

/**
 * The node in focus, named by the URL (`/node/RJ1`), so a link can be shared and Back goes back. The
 * query string (the wall's filters) is kept as the focus moves. A URL naming a node this hierarchy
 * does not have keeps its URL and reports the id as `missing`.
 */
export function useFocusRoute(tree: Hierarchy): [string, (id: string) => void, string | null] {
  const [place, setPlace] = useState(() => placeOf(tree));

  useEffect(() => {
    const onPop = () => setPlace(placeOf(tree));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [tree]);

  useEffect(() => {
    document.title = place.missing === null ? `${nameOf(tree, place.focus)} · Opsroom` : `No node ${place.missing} · Opsroom`;
  }, [tree, place]);

  const navigate = useCallback(
    (id: string) => {
      if (!tree.byId.has(id)) return;
      const path = pathForNode(id, tree.root.id);
      if (window.location.pathname !== path) window.history.pushState({ node: id }, '', `${path}${window.location.search}`);
      setPlace({ focus: id, missing: null });
    },
    [tree],
  );
  return [place.focus, navigate, place.missing];
}
