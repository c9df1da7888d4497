import { useCallback, useEffect, useState } from 'react';
import { parseWallQuery, searchWithWallQuery, type WallQuery } from '../state/route';

/** The wall's filters, read from and written to the URL's query string (replaced, not pushed: Back moves between nodes). */
export function useWallQuery(): [WallQuery, (query: WallQuery) => void] {
  const [query, setQuery] = useState(() => parseWallQuery(window.location.search));

  useEffect(() => {
    const onPop = () => setQuery(parseWallQuery(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const update = useCallback((next: WallQuery) => {
    const search = searchWithWallQuery(window.location.search, next);
    if (window.location.search !== search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    setQuery(next);
  }, []);
  return [query, update];
}
