import type { Episode, IndicatorInfo } from '../../shared/api';
import { rowWords, wordingFor } from '../state/episode-words';
import { levelOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { EpisodeActions } from './EpisodeActions';
import { TimeLeft } from './EpisodeTime';
import { EpisodeLink } from './navigation';

interface Props {
  episode: Episode;
  tree: Hierarchy;
  /** The indicator the row sits under; without it the row leaves out values and periods rather than guess their format. */
  indicator?: IndicatorInfo;
  token: string | null;
  canAct: boolean;
  onActed(episode: Episode): void;
}

/** One signal in a line, for the node view: what, where it is held, time left, who is on it. */
export function EpisodeRow({ episode, tree, indicator, token, canAct, onActed }: Props) {
  const kind = episode.direction === 'pleasure' ? 'pleasure' : episode.severity;
  const glyph = { crisis: '◆', alert: '▲', pleasure: '★' }[kind];
  const origin = nameOf(tree, episode.node);
  const held = episode.holder === episode.node ? 'held there' : `held by the ${levelOf(tree, episode.holder) || episode.holderLevel}`;
  const words = rowWords(episode, wordingFor(tree, episode.indicator, indicator));
  return (
    <li className={`episode-row kind-${kind}`} data-episode={episode.id}>
      <span className={`badge badge-${kind}`} aria-label={kind}>
        {glyph}
      </span>
      <span className="row-where">
        <EpisodeLink id={episode.id}>
          <strong>{origin}</strong>
        </EpisodeLink>{' '}
        <span className="muted">{held}</span>
        {words && <span className="muted row-words"> · {words}</span>}
      </span>
      <TimeLeft episode={episode} />
      {episode.acknowledgedBy && (
        <span className="acked row-acked">
          <span aria-hidden="true">✓</span> {episode.acknowledgedBy}
        </span>
      )}
      {canAct && token && <EpisodeActions episode={episode} token={token} onActed={onActed} />}
    </li>
  );
}
