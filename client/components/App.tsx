import { useEffect } from 'react';
import { focusLiveEarly, openLiveEarly } from '../net/early-live';
import { episodeFromPath, nodeFromPath } from '../state/route';
import { EpisodePage } from './EpisodePage';
import { usePathname } from './navigation';
import { OpsRoom } from './OpsRoom';
import { SignIn } from './SignIn';
import { useCatalogue } from './useCatalogue';
import { useSession } from './useSession';

/** Loads what the room is drawn from (hierarchy, indicators), then opens the room. */
export function App() {
  const session = useSession();
  const catalogue = useCatalogue(session.token, (root) => focusLiveEarly(nodeFromPath(window.location.pathname) ?? root));
  const episode = episodeFromPath(usePathname());
  const room = episode === null;
  // The room's socket opens with the page and subscribes as soon as the tree is known (OpsRoom takes it over).
  useEffect(() => {
    if (room) openLiveEarly(session.token);
  }, [room, session.token]);

  if (catalogue.tree && catalogue.layoutTree) {
    if (episode !== null) return <EpisodePage key={episode} id={episode} tree={catalogue.tree} indicators={catalogue.indicators} session={session} />;
    return <OpsRoom tree={catalogue.tree} layoutTree={catalogue.layoutTree} indicators={catalogue.indicators} session={session} />;
  }
  return (
    <main className="loading" aria-busy={!catalogue.error}>
      <h1>OPSROOM</h1>
      {catalogue.needsToken ? (
        <>
          <p>This ops room is not public. Sign in with your token to watch it.</p>
          <SignIn session={session} />
        </>
      ) : (
        <p role="status">{catalogue.error ? `Waiting for the server: ${catalogue.error}` : 'Loading the hierarchy…'}</p>
      )}
    </main>
  );
}
