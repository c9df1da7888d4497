import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Episode, IndicatorInfo } from '../../shared/api';
import type { Tree } from '../charts/treemap';
import { keepUnchangedMarks, nodeMarks, type NodeMark } from '../state/episodes';
import { childrenOf, siblingOf, type Hierarchy } from '../state/hierarchy';
import { valueKey } from '../state/live';
import { formatValue } from '../state/time-words';
import { factsFor, judgedIndicators, type Fact } from '../state/values';
import { wallFor } from '../state/wall';
import { AlgedonicWall } from './AlgedonicWall';
import { RoomClock } from './clock';
import { MapLegend } from './MapLegend';
import { MissingNode } from './MissingNode';
import { NodeView } from './NodeView';
import { RecursionMap } from './RecursionMap';
import { TopBar } from './TopBar';
import { useFocusRoute } from './useFocusRoute';
import { useArrivals } from './useArrivals';
import { useLive } from './useLive';
import { ReplayBar } from './ReplayBar';
import { ReplayMoment } from './replay-moment';
import { useReplayPosition, useReplayRoom } from './useReplay';
import type { Session } from './useSession';
import { useWallQuery } from './useWallQuery';

interface Props {
  tree: Hierarchy;
  layoutTree: Tree;
  indicators: IndicatorInfo[];
  session: Session;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
const MAP_KEYS = new Set([...Object.keys(STEP), 'Escape', 'Enter', 'Home', 'End']);

/** The room: map and node view on the left, the algedonic wall on the right. */
export function OpsRoom({ tree, layoutTree, indicators, session }: Props) {
  const [focus, navigate, missing] = useFocusRoute(tree);
  const [query, setQuery] = useWallQuery();
  const [current, dispatch] = useLive(session.token, focus);
  const [replayAt, moveReplay] = useReplayPosition();
  // Replay: the same room, fed the state at the replayed instant by the same reducer.
  const { room: replayed, pending: replayPending } = useReplayRoom(session.token, focus, replayAt);
  const live = replayed ?? current;
  const enterReplay = useCallback(() => moveReplay(current.clockHeldAt ?? Date.now() + current.clockOffsetMs), [moveReplay, current.clockHeldAt, current.clockOffsetMs]);
  const leaveReplay = useCallback(() => moveReplay(null), [moveReplay]);
  const [cursorWish, setCursorWish] = useState<string | null>(null);
  const mapFrame = useRef<HTMLDivElement>(null);
  const episodes = useMemo(() => Object.values(live.episodes), [live.episodes]);
  const marksBefore = useRef<Map<string, NodeMark> | null>(null);
  const marks = useMemo(() => (marksBefore.current = keepUnchangedMarks(marksBefore.current, nodeMarks(episodes))), [episodes]);
  // The map is drawn from the news at once; the wall, the top bar and the node view follow in a
  // render React may interrupt, so news never holds up a frame and the map is lit first.
  const later = useDeferredValue(live);
  const laterEpisodes = useMemo(() => Object.values(later.episodes), [later.episodes]);
  const wall = useMemo(() => wallFor(laterEpisodes, focus, later.settlingBelow), [laterEpisodes, focus, later.settlingBelow]);
  const laterMarks = useMemo(() => (later === live ? marks : nodeMarks(laterEpisodes)), [later, live, marks, laterEpisodes]);
  const onWall = useMemo(() => [...wall.own, ...wall.told, ...wall.standing].map((episode) => episode.id), [wall]);
  const fresh = useArrivals(onWall, focus, later.synced && later.focus === focus);
  const settlingOf = useCallback(
    (id: string) => {
      const counts = live.settlingBelow[id];
      return counts ? counts.alert + counts.crisis : 0;
    },
    [live.settlingBelow],
  );
  const indicatorsById = useMemo(() => new Map(indicators.map((indicator) => [indicator.id, indicator])), [indicators]);
  const children = childrenOf(tree, focus);
  const judged = useMemo(() => judgedIndicators(indicators), [indicators]);
  const factsOf = useMemo(() => {
    const cache = new Map<string, Fact[]>();
    return (id: string) => {
      if (!cache.has(id)) cache.set(id, factsFor(id, judged, (node, indicator) => live.values[valueKey(node, indicator)], formatValue));
      return cache.get(id);
    };
  }, [judged, live.values]);
  const cursor = children.some((child) => child.id === cursorWish) ? cursorWish : (children[0]?.id ?? null);

  const open = useCallback(
    (id: string) => {
      setCursorWish(null);
      navigate(id);
    },
    [navigate],
  );
  const up = useCallback(() => {
    const parent = tree.byId.get(focus)?.parent;
    if (!parent) return;
    setCursorWish(focus);
    navigate(parent);
  }, [tree, focus, navigate]);
  const acted = useCallback((episode: Episode) => dispatch({ type: 'episode', episode }), [dispatch]);
  const replay = { at: replayAt, onEnter: enterReplay, onLeave: leaveReplay };
  // Nobody acts on the past: in replay the cards are read, not acknowledged.
  const actor = replayAt === null ? session.who : null;
  const showOnWall = useCallback((indicator: string) => setQuery({ ...query, indicator }), [query, setQuery]);

  /** The map's keys; true when the key was one of them. Tab and Shift-Tab are never taken: they move focus in visual order. */
  const mapKey = useCallback(
    (event: KeyboardEvent<HTMLElement> | globalThis.KeyboardEvent): boolean => {
      const step = STEP[event.key];
      if (event.key === 'Escape') up();
      else if (event.key === 'Enter' && cursor) open(cursor);
      else if (step !== undefined && children.length > 0) {
        const at = children.findIndex((child) => child.id === cursor);
        setCursorWish(children[(at + step + children.length) % children.length]?.id ?? null);
      } else if (step !== undefined) {
        // A unit has no children: the arrows walk along its siblings instead.
        const sibling = siblingOf(tree, focus, step);
        if (sibling) open(sibling.id);
      } else if (event.key === 'Home' || event.key === 'End') {
        setCursorWish((event.key === 'Home' ? children[0] : children[children.length - 1])?.id ?? null);
      } else return false;
      event.preventDefault();
      return true;
    },
    [children, cursor, focus, open, tree, up],
  );
  const onKey = useCallback((event: KeyboardEvent<HTMLElement>) => void mapKey(event), [mapKey]);

  // With nothing focused (a wall screen nobody has clicked), the keys still drive the map.
  useEffect(() => {
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      if (event.target !== document.body || event.altKey || event.ctrlKey || event.metaKey || !MAP_KEYS.has(event.key)) return;
      // Move keyboard focus onto the map so the cursor shows where the keys are.
      if (mapKey(event)) mapFrame.current?.focus();
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, [mapKey]);

  if (missing !== null) {
    return (
      <RoomClock offsetMs={live.clockOffsetMs} heldAt={live.clockHeldAt}>
        <div className="room">
          <TopBar tree={tree} focus={focus} missing={missing} wall={wall} live={live} session={session} replay={replay} onOpen={open} />
          <MissingNode id={missing} top={tree.root} onOpen={open} />
        </div>
      </RoomClock>
    );
  }
  return (
    <RoomClock offsetMs={live.clockOffsetMs} heldAt={live.clockHeldAt}>
      <ReplayMoment.Provider value={replayAt === null ? null : live.clockHeldAt}>
      <div className={`room${wall.tally.crisis > 0 ? ' has-crisis' : ''}${live.clockHeldAt !== null ? ' history' : ''}${replayAt !== null ? ' replaying' : ''}`}>
        <TopBar tree={tree} focus={focus} wall={wall} live={later} session={session} replay={replay} onOpen={open} />
        <main className="room-main">
          <section className="map-pane" aria-label="Recursion map">
            <RecursionMap tree={tree} layoutTree={layoutTree} focus={focus} cursor={cursor} marks={marks} factsOf={factsOf} settlingOf={settlingOf} stale={live.stale} frame={mapFrame} onOpen={open} onKey={onKey} />
            <MapLegend />
          </section>
          <AlgedonicWall key={focus} wall={wall} focus={focus} tree={tree} indicators={indicatorsById} who={actor} token={session.token} synced={later.synced} query={query} fresh={fresh} onQuery={setQuery} onActed={acted} />
          <NodeView live={later} focus={focus} tree={tree} indicators={indicators} marks={laterMarks} who={actor} token={session.token} onOpen={open} onActed={acted} onShowOnWall={showOnWall} />
        </main>
        {replayAt !== null && <ReplayBar token={session.token} tree={tree} indicators={indicators} at={replayAt} pending={replayPending} onMove={moveReplay} onLeave={leaveReplay} />}
      </div>
      </ReplayMoment.Provider>
    </RoomClock>
  );
}
