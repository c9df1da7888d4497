import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { pathForEpisode } from '../state/route';

/** Fired after the room changes the URL itself, so the page shown follows without a reload. */
const NAVIGATED = 'opsroom:navigated';

/** Go to `path` within the page (history entry kept, so Back comes back). */
export function go(path: string): void {
  if (window.location.pathname + window.location.search !== path) window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(listener: () => void) {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

/** The URL's path, following Back, Forward and `go`. */
export const usePathname = (): string => useSyncExternalStore(subscribe, () => window.location.pathname, () => '/');

/** A plain click follows the link in the page; a click with a modifier (new tab, new window) is the browser's. */
export function followInPage(path: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(path);
  };
}

/** A link to an episode's page. */
export function EpisodeLink({ id, className, children, label }: { id: string; className?: string; children: ReactNode; label?: string }) {
  const path = pathForEpisode(id);
  return (
    <a href={path} className={className ? `episode-link ${className}` : 'episode-link'} onClick={followInPage(path)} aria-label={label}>
      {children}
    </a>
  );
}
