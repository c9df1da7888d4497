import type { Episode, IndicatorInfo } from '../../shared/api';
import { episodeLines, wordingFor } from '../state/episode-words';
import { levelOf as levelIn, nameOf as nameIn, type Hierarchy } from '../state/hierarchy';
import { EpisodeActions } from './EpisodeActions';
import { AllowanceBar, Ago, Legs, OpenFor, TimeLeft } from './EpisodeTime';
import { EpisodeLink } from './navigation';

interface Props {
  episode: Episode;
  tree: Hierarchy;
  indicator: IndicatorInfo | undefined;
  token: string | null;
  canAct: boolean;
  compact?: boolean;
  onActed(episode: Episode): void;
}

const BADGE = {
  crisis: { glyph: '◆', word: 'Crisis' },
  alert: { glyph: '▲', word: 'Alert' },
  pleasure: { glyph: '★', word: 'Bright spot' },
};

/** One algedonic signal: where it came from, how far it climbed and how long it spent at each level, who is on it. */
export function EpisodeCard({ episode, tree, indicator, token, canAct, compact = false, onActed }: Props) {
  const kind = episode.direction === 'pleasure' ? 'pleasure' : episode.severity;
  const badge = BADGE[kind];
  const label = indicator?.label ?? episode.indicator;
  const levelOf = (id: string) => levelIn(tree, id) || id;
  const nameOf = (id: string) => nameIn(tree, id);
  const notes = episode.path.filter((entry) => entry.type === 'note' || (entry.type === 'acknowledged' && entry.note));
  const climbed = episode.holder !== episode.node;
  const lines = episodeLines(episode, wordingFor(tree, episode.indicator, indicator));

  return (
    <li className={`episode kind-${kind}${compact ? ' compact' : ''}`} data-episode={episode.id} aria-label={`${badge.word}: ${lines.summary}`}>
      <div className="episode-head">
        <span className={`badge badge-${kind}`}>
          <span aria-hidden="true">{badge.glyph}</span> {badge.word}
        </span>
        <h3 className="episode-title">
          <EpisodeLink id={episode.id} label={`${label}: the whole episode`}>{label}</EpisodeLink>
        </h3>
        <TimeLeft episode={episode} />
      </div>
      <p className="episode-where">
        <strong>{nameOf(episode.node)}</strong> <span className="muted">{levelOf(episode.node)}</span>
        {climbed && (
          <>
            {' '}
            <span aria-hidden="true">→</span> held by <strong>{nameOf(episode.holder)}</strong> <span className="muted">{episode.holderLevel}</span>
          </>
        )}
        {episode.overdue && <span className="overdue-tag">overdue</span>}
      </p>
      {lines.figure && <p className="episode-meta episode-figure">{lines.figure}</p>}
      {lines.alsoOut && <p className="episode-meta episode-also-out">{lines.alsoOut}</p>}
      {lines.systemic && <p className="episode-meta episode-systemic">{lines.systemic}</p>}
      {lines.outcome && <p className="episode-meta episode-outcome">{lines.outcome}</p>}
      {episode.direction === 'pain' && <AllowanceBar episode={episode} />}
      {!compact && <Legs episode={episode} levelOf={levelOf} nameOf={nameOf} />}
      <p className="episode-meta">
        <span>{lines.kind}</span> · <OpenFor since={episode.openedAt} /> ·{' '}
        {episode.acknowledgedBy ? (
          <span className="acked">
            <span aria-hidden="true">✓</span> {episode.acknowledgedBy} is on it
          </span>
        ) : (
          episode.direction === 'pain' && <span className="unacked">not acknowledged</span>
        )}
      </p>
      {notes.length > 0 && (
        <ul className="notes" aria-label="Notes">
          {notes.slice(compact ? -1 : -3).map((entry, index) =>
            entry.type === 'note' || entry.type === 'acknowledged' ? (
              <li key={`${entry.at}-${index}`}>
                <span className="note-by">{entry.by}</span> {entry.note} <span className="muted">· <Ago at={entry.at} /></span>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {canAct && token && <EpisodeActions episode={episode} token={token} onActed={onActed} />}
    </li>
  );
}
