import { useCallback, useEffect, useState } from 'react';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { nodeFromPath, pathForNode } from '../state/route';

/** The node in focus, named by the URL (`/node/RJ1`), so a link can be shared and Back goes back. */
export function useFocusRoute(tree: Hierarchy): [string, (id: string) => void] {
  const fromUrl = useCallback(() => {
    const named = nodeFromPath(window.location.pathname);
    return named !== null && tree.byId.has(named) ? named : tree.root.id;
  }, [tree]);
  const [focus, setFocus] = useState(fromUrl);

  // A link to a node this network does not have lands on the top, and the URL says so.
  useEffect(() => {
    const path = pathForNode(focus, tree.root.id);
    if (window.location.pathname !== path) window.history.replaceState({ node: focus }, '', path);
  }, [focus, tree]);

  useEffect(() => {
    const onPop = () => setFocus(fromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [fromUrl]);

  useEffect(() => {
    document.title = `${nameOf(tree, focus)} · Opsroom`;
  }, [tree, focus]);

  const navigate = useCallback(
    (id: string) => {
      if (!tree.byId.has(id)) return;
      const path = pathForNode(id, tree.root.id);
      if (window.location.pathname !== path) window.history.pushState({ node: id }, '', path);
      setFocus(id);
    },
    [tree],
  );
  return [focus, navigate];
}
