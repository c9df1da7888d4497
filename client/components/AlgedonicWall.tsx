import { memo, useMemo, useState } from 'react';
import type { Episode, IndicatorInfo } from '../../shared/api';
import { levelOf, nameOf, type Hierarchy } from '../state/hierarchy';
import type { WallQuery } from '../state/route';
import { mayAct, type Who } from '../state/scope';
import { SECTIONS, wallSize, type Wall, type WallSection } from '../state/wall';
import { isNarrowed, narrowWall } from '../state/wall-filter';
import { groupSection, openByDefault, type GroupWording, type WallGroup } from '../state/wall-groups';
import { EpisodeCard } from './EpisodeCard';
import { WallFilters } from './WallFilters';
import { WallGroupItem } from './WallGroupItem';

interface Props {
  wall: Wall;
  focus: string;
  tree: Hierarchy;
  indicators: Map<string, IndicatorInfo>;
  who: Who | null;
  token: string | null;
  synced: boolean;
  query: WallQuery;
  /** Episodes new at this focus (id → arrival), marked so someone across the room notices. */
  fresh: ReadonlyMap<string, number>;
  onQuery(query: WallQuery): void;
  onActed(episode: Episode): void;
}

function sectionTitle(section: WallSection, name: string, isTop: boolean): string {
  if (section === 'own') return `Held at ${name}, window running`;
  if (section === 'told') return `Told to ${name}, held elsewhere`;
  return isTop ? 'Standing at the top, no window left' : 'Standing above, no window left';
}

/** The child of `focus` that `node` sits under; `focus` itself for its own figure. */
function childOfFocus(tree: Hierarchy, focus: string) {
  return (node: string): string => {
    let id: string | null = node;
    while (id !== null && id !== focus) {
      const parent: string | null = tree.byId.get(id)?.parent ?? null;
      if (parent === focus) return id;
      id = parent;
    }
    return focus;
  };
}

/**
 * The signals that have reached this level, in the order it can act on them: its own work by time
 * left, then what it is told, then what stands at the top. Each section is grouped by indicator into
 * one line (a group of one is its card), narrowed by the filters in the URL.
 */
export const AlgedonicWall = memo(function AlgedonicWall({ wall, focus, tree, indicators, who, token, synced, query, fresh, onQuery, onActed }: Props) {
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const shown = useMemo(() => narrowWall(wall, query, focus, tree), [wall, query, focus, tree]);
  const groups = useMemo(() => SECTIONS.map((section) => [section, groupSection(section, shown[section])] as const), [shown]);
  const wordsFor = useMemo(() => {
    const childOf = childOfFocus(tree, focus);
    const base = { focus, levels: tree.levels, levelOf: (id: string) => levelOf(tree, id), nameOf: (id: string) => nameOf(tree, id), childOf };
    return (indicator: string): GroupWording => ({ ...base, label: indicators.get(indicator)?.label ?? indicator });
  }, [tree, focus, indicators]);
  const filterable = useMemo(() => [...indicators.values()].filter((indicator) => indicator.detectors.length > 0), [indicators]);

  // What stands at the top, and good news, read calmer: compact cards.
  const card = (episode: Episode, isFresh = false) => (
    <EpisodeCard
      key={episode.id}
      episode={episode}
      tree={tree}
      indicator={indicators.get(episode.indicator)}
      token={token}
      canAct={mayAct(who, episode, tree)}
      compact={episode.overdue || episode.direction === 'pleasure'}
      fresh={isFresh}
      onActed={onActed}
    />
  );
  const isOpen = (group: WallGroup) => toggled.get(group.key) ?? openByDefault(group);
  const toggle = (group: WallGroup) => setToggled((known) => new Map(known).set(group.key, !isOpen(group)));
  const item = (group: WallGroup) => {
    if (group.episodes.length === 1) {
      const episode = group.episodes[0]!;
      return (
        <li key={group.key} className={`wall-item single${fresh.has(episode.id) ? ' fresh' : ''}`}>
          {fresh.has(episode.id) && <span className="new-badge">NEW</span>}
          <ol className="cards">{card(episode)}</ol>
        </li>
      );
    }
    return <WallGroupItem key={group.key} group={group} words={wordsFor(group.indicator)} open={isOpen(group)} onToggle={() => toggle(group)} fresh={fresh} card={card} />;
  };

  const name = nameOf(tree, focus);
  const open = wallSize(wall);
  const showing = wallSize(shown);
  const narrowed = isNarrowed(query);
  const isTop = tree.root.id === focus;
  return (
    <section className="wall" aria-labelledby="wall-title" data-testid="algedonic-wall">
      <header className="pane-head">
        <h2 id="wall-title">Signals reaching {name}</h2>
        <p className="pane-sub" aria-live="polite">
          {open === 0 ? 'none' : `${open} open`}
          {narrowed && open > 0 && ` · showing ${showing}`}
          {fresh.size > 0 && ` · ${fresh.size} new`}
          {wall.settlingBelow > 0 && ` · ${wall.settlingBelow} being settled below`}
        </p>
      </header>
      <WallFilters query={query} indicators={filterable} onQuery={onQuery} />
      <div className="wall-scroll">
        {groups.map(([section, list]) =>
          list.length === 0 ? null : (
            <section key={section} className={`wall-section section-${section}`} aria-labelledby={`wall-${section}`}>
              <h3 id={`wall-${section}`} className="section-head">
                {sectionTitle(section, name, isTop)} <span className="count">{shown[section].length}</span>
              </h3>
              <ol className="wall-list">{list.map(item)}</ol>
            </section>
          ),
        )}
        {open === 0 && (
          <p className="calm">
            {synced ? `All quiet at ${name}.` : 'Waiting for the live feed…'}
            {synced && wall.settlingBelow > 0 && ` ${wall.settlingBelow} signal${wall.settlingBelow === 1 ? ' is' : 's are'} being settled below.`}
          </p>
        )}
        {open > 0 && showing === 0 && (
          <p className="calm">
            Nothing of the {open} here matches.{' '}
            <button type="button" className="link" onClick={() => onQuery({})}>
              Show everything
            </button>
          </p>
        )}
      </div>
    </section>
  );
});
