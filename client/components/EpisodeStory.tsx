import type { Episode, IndicatorInfo, Series } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { figureLine, kindWord, outcomeLine, wordingFor } from '../state/episode-words';
import { levelOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { pathWords, sinceOpening, stamp, type PathWording, type TimelineEntry } from '../state/path-words';
import { pathForNode } from '../state/route';
import { EpisodeActions } from './EpisodeActions';
import { TimeLeft } from './EpisodeTime';
import { EpisodeReadings } from './EpisodeReadings';
import { EpisodeLink, followInPage } from './navigation';

interface Props {
  episode: Episode;
  series: Series | null;
  seriesError: string | null;
  tree: Hierarchy;
  indicator: IndicatorInfo | undefined;
  token: string | null;
  canAct: boolean;
  onActed(episode: Episode): void;
}

const GLYPH: Record<TimelineEntry['kind'], string> = {
  opened: '●',
  escalated: '↑',
  severity: '◆',
  acknowledged: '✓',
  note: '✎',
  revised: '↺',
  resolved: '✔',
  reopened: '⟲',
  inhibits: '⊘',
};

const BADGE = { crisis: '◆ Crisis', alert: '▲ Alert', pleasure: '★ Bright spot' };

/** One episode told whole: where it stands, its path step by step with why, the readings behind it, what people said. */
export function EpisodeStory({ episode, series, seriesError, tree, indicator, token, canAct, onActed }: Props) {
  const words: PathWording = { ...wordingFor(tree, episode.indicator, indicator), levelOf: (id) => levelOf(tree, id) };
  const timeline = pathWords(episode, words);
  const kind = episode.direction === 'pleasure' ? 'pleasure' : episode.severity;
  const said = episode.path.filter((entry) => entry.type === 'acknowledged' || entry.type === 'note');
  const nodeLink = (id: string) => (
    <a href={pathForNode(id, tree.root.id)} onClick={followInPage(pathForNode(id, tree.root.id))}>
      {nameOf(tree, id)}
    </a>
  );

  return (
    <article className={`ep kind-${kind}`} data-testid="episode-page" data-episode={episode.id}>
      <header className="ep-head">
        <p className="ep-kicker">
          <span className={`badge badge-${kind}`}>{BADGE[kind]}</span> <span className="muted">episode {episode.id}</span>
        </p>
        <h1>
          {words.label} at {nodeLink(episode.node)} <span className="muted level-tag">{levelOf(tree, episode.node)}</span>
        </h1>
        <p className="ep-status" data-testid="episode-status">
          {episode.status === 'open' ? (
            <>
              <strong>Open</strong> · held by {nodeLink(episode.holder)} <span className="muted">{episode.holderLevel}</span> · <TimeLeft episode={episode} />
            </>
          ) : (
            <>
              <strong>{outcomeLine(episode, words) ?? 'Resolved'}</strong>
              {episode.resolvedAt && (
                <span className="muted">
                  {' '}· {stamp(episode.resolvedAt)} · open {formatDuration(Date.parse(episode.resolvedAt) - Date.parse(episode.openedAt))}
                </span>
              )}
            </>
          )}
        </p>
        <dl className="ep-facts">
          <div>
            <dt>Opened</dt>
            <dd>{stamp(episode.openedAt)}</dd>
          </div>
          <div>
            <dt>Found by</dt>
            <dd>{kindWord(episode.kind)}</dd>
          </div>
          <div>
            <dt>Figure</dt>
            <dd>{figureLine(episode, words) ?? '—'}</dd>
          </div>
          <div>
            <dt>Reached</dt>
            <dd>{episode.reached.map((id) => nameOf(tree, id)).join(' › ')}</dd>
          </div>
          <div>
            <dt>On it</dt>
            <dd>{episode.acknowledgedBy ?? (episode.direction === 'pain' ? 'not acknowledged' : '—')}</dd>
          </div>
          <div>
            <dt>Policy</dt>
            <dd>version {episode.policyVersion}</dd>
          </div>
        </dl>
        {canAct && token && <EpisodeActions episode={episode} token={token} onActed={onActed} />}
      </header>

      <section className="ep-path" aria-labelledby="ep-path-title">
        <h2 id="ep-path-title">Its path</h2>
        <ol className="timeline" data-testid="episode-path">
          {timeline.map((entry, index) => (
            <li key={`${entry.kind}-${entry.at}-${index}`} className={`tl tl-${entry.kind}`} data-kind={entry.kind}>
              <span className="tl-glyph" aria-hidden="true">
                {GLYPH[entry.kind]}
              </span>
              <p className="tl-when">
                <time dateTime={entry.at}>{stamp(entry.at)}</time> <span className="muted">{sinceOpening(entry.at, episode.openedAt)}</span>
              </p>
              <p className="tl-title">{entry.title}</p>
              {entry.why && <p className="tl-why">{entry.why}</p>}
              {entry.quote && <blockquote className="tl-quote">{entry.quote}</blockquote>}
              {entry.episodes.length > 0 && (
                <p className="tl-links">
                  Held back by:{' '}
                  {entry.episodes.map((id, at) => (
                    <span key={id}>
                      {at > 0 && ', '}
                      <EpisodeLink id={id}>episode {id}</EpisodeLink>
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="ep-readings" aria-labelledby="ep-readings-title">
        <h2 id="ep-readings-title">The readings behind it</h2>
        <EpisodeReadings episode={episode} series={series} error={seriesError} indicator={indicator} />
      </section>

      <section className="ep-said" aria-labelledby="ep-said-title">
        <h2 id="ep-said-title">Acknowledgements and notes {said.length > 0 && <span className="count">{said.length}</span>}</h2>
        {said.length === 0 ? (
          <p className="muted">Nobody has written anything yet.</p>
        ) : (
          <ul className="notes" data-testid="episode-notes">
            {said.map((entry, index) =>
              entry.type === 'acknowledged' || entry.type === 'note' ? (
                <li key={`${entry.at}-${index}`}>
                  <span className="note-by">{entry.by}</span> <span className="muted">{entry.type === 'acknowledged' ? 'acknowledged' : 'noted'} · {stamp(entry.at)}</span>
                  {entry.note && <p>{entry.note}</p>}
                </li>
              ) : null,
            )}
          </ul>
        )}
      </section>
    </article>
  );
}
