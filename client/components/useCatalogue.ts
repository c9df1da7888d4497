import { useEffect, useMemo, useRef, useState } from 'react';
import type { IndicatorInfo, NodeInfo } from '../../shared/api';
import { ApiError, fetchHierarchy, fetchIndicators } from '../net/api';
import { treeOf, type Tree } from '../charts/treemap';
import { buildHierarchy, type Hierarchy } from '../state/hierarchy';

export interface Catalogue {
  tree: Hierarchy | null;
  layoutTree: Tree | null;
  indicators: IndicatorInfo[];
  error: string | null;
  /** Reads are not public here: nothing to show until someone signs in. */
  needsToken: boolean;
}

const RETRY_MS = 3000;

/**
 * The hierarchy and indicator catalogue, loaded once (retrying while the server starts). `onRoot`
 * hears the top node's id the moment the hierarchy arrives, before the room is drawn.
 */
export function useCatalogue(token: string | null, onRoot?: (root: string) => void): Catalogue {
  const heard = useRef(onRoot);
  heard.current = onRoot;
  const [loaded, setLoaded] = useState<{ nodes: NodeInfo[]; levels: string[]; indicators: IndicatorInfo[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsToken, setNeedsToken] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const [hierarchy, indicators] = await Promise.all([fetchHierarchy(token), fetchIndicators(token)]);
        if (cancelled) return;
        const root = hierarchy.nodes.find((node) => node.parent === null);
        if (root) heard.current?.(root.id);
        setLoaded({ ...hierarchy, indicators });
        setError(null);
        setNeedsToken(false);
      } catch (failure) {
        if (cancelled) return;
        const refused = failure instanceof ApiError && (failure.status === 401 || failure.status === 403);
        setNeedsToken(refused);
        setError(failure instanceof Error ? failure.message : String(failure));
        if (!refused) retry = setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [token]);

  const tree = useMemo(() => (loaded && loaded.nodes.length > 0 ? buildHierarchy(loaded.nodes, loaded.levels) : null), [loaded]);
  const layoutTree = useMemo(() => (loaded && tree ? treeOf(loaded.nodes) : null), [loaded, tree]);
  return { tree, layoutTree, indicators: loaded?.indicators ?? [], error, needsToken };
}
