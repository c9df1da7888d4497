import type { MouseEvent } from 'react';
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
  wall: Wall;
  live: LiveState;
  session: Session;
  onOpen(id: string): void;
}

/** Where we are in the tree, how many signals, whether the feed is live, who is signed in. */
export function TopBar({ tree, focus, wall, live, session, onOpen }: Props) {
  const trail = ancestorsOf(tree, focus);
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
                {node.name}
              </a>
            </li>
          ))}
          <li aria-current="page">{nameOf(tree, focus)}</li>
        </ol>
      </nav>
      <p className="tally" aria-label="Signals at this level">
        <span className={wall.pinned.length ? 'tally-crisis on' : 'tally-crisis'}>
          <span aria-hidden="true">◆</span> {wall.pinned.length} crisis
        </span>
        <span className={wall.signals.length ? 'tally-alert on' : 'tally-alert'}>
          <span aria-hidden="true">▲</span> {wall.signals.length} alert{wall.signals.length === 1 ? '' : 's'}
        </span>
        <span className={wall.bright.length ? 'tally-bright on' : 'tally-bright'}>
          <span aria-hidden="true">★</span> {wall.bright.length} bright
        </span>
      </p>
      <ConnectionLamp connection={live.connection} stale={live.stale} problem={live.problem} />
      <WallClock />
      <SignIn session={session} tree={tree} />
    </header>
  );
}
