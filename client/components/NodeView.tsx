import { useCallback, useMemo, useState } from 'react';
import type { Episode, IndicatorInfo } from '../../shared/api';
import { childRows } from '../state/children';
import type { NodeMark } from '../state/episodes';
import { wordingFor } from '../state/episode-words';
import { childrenOf, isWithin, levelOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { valueKey, type LiveState } from '../state/live';
import type { Who } from '../state/scope';
import { nodeSignals } from '../state/node-signals';
import { noReportLines, noReportOf, silentWithin } from '../state/no-report';
import { judgedIndicators } from '../state/values';
import { episodesAt } from '../state/wall';
import { ChildrenTable } from './ChildrenTable';
import { FromBelow } from './FromBelow';
import { IndicatorCard } from './IndicatorCard';
import { PastPeriod } from './PastPeriod';
import { SettledRecently } from './SettledRecently';

interface Props {
  live: LiveState;
  focus: string;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  marks: Map<string, NodeMark>;
  who: Who | null;
  token: string | null;
  onOpen(id: string): void;
  onActed(episode: Episode): void;
  /** Narrow the wall to one indicator's line (the signals the node view counts rather than repeats). */
  onShowOnWall(indicator: string): void;
}

/** The node in focus in detail: each indicator with its triple index and history, then its children. */
export function NodeView({ live, focus, tree, indicators: catalogue, marks, who, token, onOpen, onActed, onShowOnWall }: Props) {
  const [showAll, setShowAll] = useState(false);
  const judged = useMemo(() => judgedIndicators(catalogue), [catalogue]);
  const indicators = showAll ? catalogue : judged;
  const episodes = useMemo(() => Object.values(live.episodes), [live.episodes]);
  const children = childrenOf(tree, focus);
  const indicatorIds = useMemo(() => indicators.map((indicator) => indicator.id), [indicators]);
  const rows = useMemo(
    () => childRows(focus, children, tree, marks, episodes, live.settlingBelow, live.values, indicatorIds),
    [focus, children, tree, marks, episodes, live.settlingBelow, live.values, indicatorIds],
  );
  // Each card lists the signals on this node's own figure; what came from below is on the wall, counted here.
  const signalsOf = useMemo(() => new Map(indicators.map((indicator) => [indicator.id, nodeSignals(episodesAt(episodes, focus, indicator.id), focus)])), [episodes, focus, indicators]);
  const silent = useMemo(() => noReportOf(episodes), [episodes]);
  const silentIn = useCallback((id: string) => silentWithin(silent, id, (unit, ancestor) => isWithin(tree, unit, ancestor)), [silent, tree]);
  const unreported = noReportLines(episodes, focus, (id) => wordingFor(tree, id, catalogue.find((indicator) => indicator.id === id)));
  // Read "settled recently" again when the room hears of a settlement.
  const heard = episodes.filter((episode) => episode.status === 'resolved').length;
  const childLevel = children[0]?.level ?? '';
  const parent = tree.byId.get(focus)?.parent ?? null;
  // The name as its source published it (ODS capitals), where the name shown writes it otherwise.
  const publishedName = tree.byId.get(focus)?.publishedName;
  const published = publishedName !== undefined && publishedName !== nameOf(tree, focus) ? publishedName : null;

  return (
    <section className="node-view" aria-labelledby="node-title" data-testid="node-view">
      <header className="pane-head">
        <h2 id="node-title">
          {nameOf(tree, focus)} <span className="muted level-tag">{levelOf(tree, focus)}</span>
          {published && (
            <span className="published-name muted" data-testid="published-name">
              {' '}· published as {published}
            </span>
          )}
        </h2>
        {judged.length < catalogue.length && (
          <button type="button" className="action small" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? `Only the ${judged.length} judged indicators` : `Show all ${catalogue.length} indicators`}
          </button>
        )}
        {parent && (
          <button type="button" className="action small" onClick={() => onOpen(parent)}>
            <span aria-hidden="true">↑</span> Up to {nameOf(tree, parent)} <kbd>Esc</kbd>
          </button>
        )}
      </header>
      <div className="node-body">
        {unreported.length > 0 && (
          <div className="no-report-banner" role="status" data-testid="no-report">
            {unreported.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        <PastPeriod node={focus} isUnit={levelOf(tree, focus) === tree.levels[tree.levels.length - 1]} indicators={indicators} catalogue={catalogue} token={token} dataQuality={live.dataQuality} />
        <div className="indicator-grid">
          {!live.synced && <p className="muted">Waiting for the live feed…</p>}
          {live.synced &&
            indicators.map((indicator) => {
              const signals = signalsOf.get(indicator.id)!;
              return (
                <div key={indicator.id} className="indicator-slot">
                  <IndicatorCard
                    node={focus}
                    indicator={indicator}
                    value={live.values[valueKey(focus, indicator.id)]}
                    episodes={signals.own}
                    tree={tree}
                    who={who}
                    token={token}
                    onActed={onActed}
                    dataQuality={live.dataQuality}
                    catalogue={catalogue}
                  />
                  <FromBelow signals={signals} indicator={indicator} onShowOnWall={onShowOnWall} />
                </div>
              );
            })}
        </div>
        {/* After the cards: at 1920×1080 its list pushed the indicator cards below the fold. */}
        <SettledRecently focus={focus} tree={tree} indicators={catalogue} token={token} heard={`${focus}:${heard}`} />
        <ChildrenTable rows={rows} indicators={indicators} level={childLevel} silentIn={silentIn} unitLevel={tree.levels[tree.levels.length - 1]} onOpen={onOpen} />
      </div>
    </section>
  );
}
