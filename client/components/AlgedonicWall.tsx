import type { Episode, IndicatorInfo } from '../../shared/api';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { mayAct, type Who } from '../state/scope';
import type { Wall } from '../state/wall';
import { EpisodeCard } from './EpisodeCard';

interface Props {
  wall: Wall;
  focus: string;
  tree: Hierarchy;
  indicators: Map<string, IndicatorInfo>;
  who: Who | null;
  token: string | null;
  synced: boolean;
  onActed(episode: Episode): void;
}

/** The signals that have climbed to this level, most urgent first; crisis pinned; bright spots apart. */
export function AlgedonicWall({ wall, focus, tree, indicators, who, token, synced, onActed }: Props) {
  const card = (episode: Episode, compact = false) => (
    <EpisodeCard
      key={episode.id}
      episode={episode}
      tree={tree}
      indicator={indicators.get(episode.indicator)}
      token={token}
      canAct={mayAct(who, episode, tree)}
      compact={compact}
      onActed={onActed}
    />
  );
  const open = wall.pinned.length + wall.signals.length;
  const name = nameOf(tree, focus);

  return (
    <section className="wall" aria-labelledby="wall-title" data-testid="algedonic-wall">
      <header className="pane-head">
        <h2 id="wall-title">Signals reaching {name}</h2>
        <p className="pane-sub" aria-live="polite">
          {open === 0 ? 'none' : `${open} open`}
          {wall.settlingBelow > 0 && ` · ${wall.settlingBelow} being settled below`}
        </p>
      </header>
      {wall.pinned.length > 0 && (
        <ol className="wall-list pinned" aria-label="Crisis, pinned">
          {wall.pinned.map((episode) => card(episode))}
        </ol>
      )}
      <div className="wall-scroll">
        {wall.signals.length > 0 && (
          <ol className="wall-list" aria-label="Signals, most urgent first">
            {wall.signals.map((episode) => card(episode))}
          </ol>
        )}
        {open === 0 && (
          <p className="calm">
            {synced ? `All quiet at ${name}.` : 'Waiting for the live feed…'}
            {synced && wall.settlingBelow > 0 && ` ${wall.settlingBelow} signal${wall.settlingBelow === 1 ? ' is' : 's are'} being settled below.`}
          </p>
        )}
      </div>
      <section className="bright-strip" aria-labelledby="bright-title">
        <h3 id="bright-title">
          <span aria-hidden="true">★</span> Bright spots {wall.bright.length > 0 && <span className="count">{wall.bright.length}</span>}
        </h3>
        {wall.bright.length > 0 ? <ol className="bright-list">{wall.bright.map((episode) => card(episode, true))}</ol> : <p className="muted">None reported at this level.</p>}
      </section>
    </section>
  );
}
