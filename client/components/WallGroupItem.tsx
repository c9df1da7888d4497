import { useState, type ReactNode } from 'react';
import type { Episode } from '../../shared/api';
import { branchesOf, freshFirst, groupLine, type GroupWording, type WallGroup } from '../state/wall-groups';
import { useNow } from './clock';

/** Cards shown at once in an opened group; more on request, so a group of 300 never puts 300 cards on the wall. */
export const GROUP_PAGE = 8;

const GLYPH = { crisis: '◆', alert: '▲', pleasure: '★' } as const;

interface Props {
  group: WallGroup;
  words: GroupWording;
  open: boolean;
  onToggle(): void;
  /** Episodes new at this focus, id → arrival. */
  fresh: ReadonlyMap<string, number>;
  /** The card of one episode; `fresh` marks it new (framed, badged). */
  card(episode: Episode, fresh: boolean): ReactNode;
}

/** The line ticks on its own: only it re-renders every second. */
function GroupLineText({ group, words }: { group: WallGroup; words: GroupWording }) {
  return <span className="group-line">{groupLine(group, words, useNow())}</span>;
}

/** One line for the episodes of a section on one indicator, opened in place to the cards, by the child of the focus they sit under. */
export function WallGroupItem({ group, words, open, onToggle, fresh, card }: Props) {
  const [shown, setShown] = useState(GROUP_PAGE);
  const newCount = group.episodes.filter((episode) => fresh.has(episode.id)).length;
  const panel = `group-${group.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const branches = branchesOf(freshFirst(group.episodes, fresh).slice(0, shown), words.childOf);
  const named = branchesOf(group.episodes, words.childOf).length > 1;
  const left = group.episodes.length - shown;
  return (
    <li className={`wall-item wall-group kind-${group.kind}${newCount > 0 ? ' fresh' : ''}`} data-group={group.key} data-count={group.episodes.length}>
      <button type="button" className="group-toggle" aria-expanded={open} aria-controls={panel} onClick={onToggle}>
        <span className="group-glyph" aria-hidden="true">
          {GLYPH[group.kind]}
        </span>
        <GroupLineText group={group} words={words} />
        {newCount > 0 && <span className="new-badge">{newCount === 1 ? 'NEW' : `${newCount} NEW`}</span>}
        <span className="group-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open && (
        <div id={panel} className="group-panel">
          {branches.map((branch) => (
            <section key={branch.child} className="branch" aria-label={words.nameOf(branch.child)}>
              {named && <h4 className="branch-head">{branch.child === words.focus ? `${words.nameOf(branch.child)} itself` : words.nameOf(branch.child)}</h4>}
              <ol className="cards">{branch.episodes.map((episode) => card(episode, fresh.has(episode.id)))}</ol>
            </section>
          ))}
          {left > 0 && (
            <button type="button" className="action small more" onClick={() => setShown((count) => count + GROUP_PAGE)}>
              Show {Math.min(GROUP_PAGE, left)} more ({left} not shown)
            </button>
          )}
        </div>
      )}
    </li>
  );
}
