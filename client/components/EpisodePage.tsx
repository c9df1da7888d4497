import { useCallback, useEffect, useState } from 'react';
import type { Episode, IndicatorInfo, Series } from '../../shared/api';
import { ApiError, fetchClockOffset, fetchEpisode, fetchSeries, fetchWhatif } from '../net/api';
import { ancestorsOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { pathForNode } from '../state/route';
import { mayAct } from '../state/scope';
import { ClockOffset } from './clock';
import { EpisodeStory } from './EpisodeStory';
import { followInPage } from './navigation';
import type { Session } from './useSession';
import { WallClock } from './WallClock';

interface Props {
  id: string;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  session: Session;
}

/** Periods of history drawn before the episode's opening, for what came before. */
const CONTEXT_PERIODS = 24;
/** While open, the page reads the episode again this often, so a wall showing it stays true. */
const REFRESH_MS = 30_000;

/** The what-if run's episode of that id, from the kept job (a 404 once the job is no longer kept). */
async function whatifEpisode(token: string | null, job: string, id: string): Promise<Episode> {
  const found = (await fetchWhatif(token, job)).result?.differences.find((difference) => difference.whatif?.id === id)?.whatif;
  if (!found) throw new ApiError(`what-if run ${job} has no episode ${id} among its differences`, 404, 'not_found');
  return found;
}

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'failed'; message: string } | { state: 'ready'; episode: Episode };

/** `/episode/ID`: one episode's whole story, read from GET /api/episodes/:id (parsed with the shared schema). */
export function EpisodePage({ id, tree, indicators, session }: Props) {
  // `?whatif=<job>`: the episode of that what-if run (its rerun under another policy), not the live record.
  const [whatifJob] = useState(() => new URLSearchParams(window.location.search).get('whatif'));
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [series, setSeries] = useState<{ series: Series | null; error: string | null }>({ series: null, error: null });
  const [round, setRound] = useState(0);
  const [offset, setOffset] = useState(0);
  const episode = loaded.state === 'ready' ? loaded.episode : null;
  const indicator = indicators.find((candidate) => candidate.id === episode?.indicator);

  useEffect(() => {
    let cancelled = false;
    const read = whatifJob === null ? fetchEpisode(session.token, id) : whatifEpisode(session.token, whatifJob, id);
    read.then(
      (found) => !cancelled && setLoaded({ state: 'ready', episode: found }),
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && failure.status === 404) setLoaded({ state: 'missing' });
        else setLoaded({ state: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, session.token, round, whatifJob]);

  // Time left is counted on the server's clock (a history replayed on its own clock included), not this machine's.
  useEffect(() => {
    let cancelled = false;
    fetchClockOffset().then(
      (found) => !cancelled && setOffset(found),
      () => undefined, // the page still reads without it; only "time left" may be off
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const open = episode?.status === 'open' && whatifJob === null;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setRound((count) => count + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [open]);

  // The readings follow the episode: fetched again when its path grows, it is settled, or the page refreshes.
  const periodMs = indicator?.periodMs ?? 3_600_000;
  const node = episode?.node;
  const indicatorId = episode?.indicator;
  const from = episode ? new Date(Date.parse(episode.period) - CONTEXT_PERIODS * periodMs).toISOString() : undefined;
  const to = episode?.resolvedAt ? new Date(Date.parse(episode.resolvedAt) + 6 * periodMs).toISOString() : undefined;
  const steps = episode?.path.length ?? 0;
  useEffect(() => {
    if (node === undefined || indicatorId === undefined) return;
    let cancelled = false;
    fetchSeries(session.token, { node, indicator: indicatorId, from, to }).then(
      (answer) => !cancelled && setSeries({ series: answer, error: null }),
      (failure: unknown) => !cancelled && setSeries({ series: null, error: failure instanceof Error ? failure.message : String(failure) }),
    );
    return () => {
      cancelled = true;
    };
  }, [node, indicatorId, from, to, steps, round, session.token]);

  useEffect(() => {
    document.title = episode ? `${indicator?.label ?? episode.indicator} at ${nameOf(tree, episode.node)} · episode · Opsroom` : `Episode ${id} · Opsroom`;
  }, [episode, indicator, tree, id]);

  const acted = useCallback((updated: Episode) => setLoaded({ state: 'ready', episode: updated }), []);

  return (
    <ClockOffset.Provider value={offset}>
      <div className="ep-page">
        <header className="topbar">
          <div className="brand" aria-label="Opsroom">
            OPSROOM
          </div>
          <nav className="crumbs" aria-label="Where this episode arose">
            <ol>
              {episode &&
                [...ancestorsOf(tree, episode.node), tree.byId.get(episode.node)].map(
                  (node) =>
                    node && (
                      <li key={node.id}>
                        <a href={pathForNode(node.id, tree.root.id)} onClick={followInPage(pathForNode(node.id, tree.root.id))}>
                          {node.name}
                        </a>
                      </li>
                    ),
                )}
              {!episode && (
                <li>
                  <a href="/" onClick={followInPage('/')}>
                    {tree.root.name}
                  </a>
                </li>
              )}
              <li aria-current="page">Episode {id}</li>
            </ol>
          </nav>
          <WallClock />
        </header>
        <main className="ep-main">
          {loaded.state === 'loading' && <p role="status">Loading episode {id}…</p>}
          {loaded.state === 'missing' && (
            <section className="ep-missing" role="alert">
              <h1>No episode “{id}”</h1>
              <p>
                This ops room has no episode with that ID. <a href="/" onClick={followInPage('/')}>Back to {tree.root.name}</a>
              </p>
            </section>
          )}
          {loaded.state === 'failed' && (
            <p role="alert">
              Episode {id} could not be read: {loaded.message}
            </p>
          )}
          {episode && whatifJob !== null && (
            <p className="ep-whatif" role="note" data-testid="whatif-episode">
              What-if run {whatifJob}: this is the episode as the rerun under another policy had it, not the live record.
            </p>
          )}
          {episode && (
            <EpisodeStory
              episode={episode}
              series={series.series}
              seriesError={series.error}
              tree={tree}
              indicator={indicator}
              token={session.token}
              canAct={whatifJob === null && mayAct(session.who, episode, tree)}
              onActed={acted}
            />
          )}
        </main>
      </div>
    </ClockOffset.Provider>
  );
}
