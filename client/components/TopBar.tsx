import type { MouseEvent } from 'react';
import { abbreviate } from '../charts/labels';
import { ancestorsOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { pathForNode } from '../state/route';
import type { Wall } from '../state/wall';
import { ConnectionLamp } from './ConnectionLamp';
import type { LiveState } from '../state/live';
import type { Session } from './useSession';
import { SignIn } from './SignIn';
import { WallClock } from './WallClock';

interface Props {
  tree: Hierarchy;
  focus: string;
  /** A node the URL names that this hierarchy does not have. */
  missing?: string | null;
  wall: Wall;
  live: LiveState;
  session: Session;
  /** Replay: the instant shown (null while live), and entering or leaving it. */
  replay?: { at: number | null; onEnter(): void; onLeave(): void };
  onOpen(id: string): void;
}

/** Where we are in the tree, how many signals, whether the feed is live, who is signed in. */
export function TopBar({ tree, focus, missing = null, wall, live, session, replay, onOpen }: Props) {
  const trail = missing === null ? ancestorsOf(tree, focus) : [tree.root];
  const { tally } = wall;
  const follow = (id: string) => (event: MouseEvent) => {
    event.preventDefault();
    onOpen(id);
  };
  return (
    <header className="topbar">
      <div className="brand" aria-label="Opsroom">
        OPSROOM
      </div>
      <nav className="crumbs" aria-label="Where you are">
        <ol>
          {trail.map((node) => (
            <li key={node.id}>
              <a href={pathForNode(node.id, tree.root.id)} onClick={follow(node.id)}>
                {abbreviate(node.name)}
              </a>
            </li>
          ))}
          <li aria-current="page" title={missing === null ? nameOf(tree, focus) : undefined}>
            {missing === null ? abbreviate(nameOf(tree, focus)) : `No node ${missing}`}
          </li>
        </ol>
      </nav>
      {missing === null && (
        <p className="tally" aria-label="Signals at this level">
          <span className={tally.crisis ? 'tally-crisis on' : 'tally-crisis'}>
            <span aria-hidden="true">◆</span> {tally.crisis} crisis
          </span>
          <span className={tally.alert ? 'tally-alert on' : 'tally-alert'}>
            <span aria-hidden="true">▲</span> {tally.alert} alert{tally.alert === 1 ? '' : 's'}
          </span>
          <span className={tally.bright ? 'tally-bright on' : 'tally-bright'}>
            <span aria-hidden="true">★</span> {tally.bright} bright
          </span>
        </p>
      )}
      {replay?.at != null ? (
        <p className="connection status-replay" data-testid="connection" data-status="replay">
          <span className="connection-word">Replay</span>
          {live.problem && <span className="connection-detail">{live.problem}</span>}
        </p>
      ) : (
        <ConnectionLamp connection={live.connection} stale={live.stale} problem={live.problem} history={live.clockHeldAt !== null} />
      )}
      {replay && (
        <button type="button" className="action small replay-toggle" aria-pressed={replay.at !== null} onClick={replay.at === null ? replay.onEnter : replay.onLeave}>
          {replay.at === null ? 'Replay' : 'Leave replay'}
        </button>
      )}
      <WallClock />
      <SignIn session={session} tree={tree} />
    </header>
  );
}
