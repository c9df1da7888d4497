import { useContext, useEffect, useState } from 'react';
import type { EpisodeList, IndicatorInfo } from '../../shared/api';
import { fetchEpisodes } from '../net/api';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import { settledBy, settledLine } from '../state/settled-words';
import { ClockOffset } from './clock';
import { ReplayMoment } from './replay-moment';
import { Ago } from './EpisodeTime';
import { EpisodeLink } from './navigation';

const DAYS = 7;
const DAY_MS = 86_400_000;
/** The latest few, linked; the line above counts the rest. */
const SHOWN = 5;
/** What units settle themselves never reaches this room live, so the list is read again now and then. */
const REFRESH_MS = 60_000;

interface Props {
  focus: string;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  token: string | null;
  /** Changes when the room hears of a settlement, to read the list again at once. */
  heard: string;
}

/** "Settled recently": subsidiarity working is the good news. The focus's subtree, from the server, bounded. */
export function SettledRecently({ focus, tree, indicators, token, heard }: Props) {
  const offset = useContext(ClockOffset);
  const replayed = useContext(ReplayMoment);
  const [list, setList] = useState<{ focus: string; answer: EpisodeList } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setRound((count) => count + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let cancelled = false;
    // The room's clock (the server's), to the minute, so a frozen history counts its own last week.
    // In replay, the week before the moment shown, and nothing settled after it.
    const now = replayed ?? Math.floor((Date.now() + offset) / 60_000) * 60_000;
    const from = new Date(now - DAYS * DAY_MS).toISOString();
    const resolvedTo = replayed === null ? undefined : new Date(replayed).toISOString();
    fetchEpisodes(token, { node: focus, status: 'resolved', direction: 'pain', from, resolvedTo, limit: SHOWN }).then(
      (answer) => !cancelled && (setList({ focus, answer }), setError(null)),
      (failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [focus, token, offset, heard, round, replayed]);

  const current = list?.focus === focus ? list.answer : null;
  if (!current) return error ? <p className="muted">Settled recently: not known ({error})</p> : null;
  const label = (id: string) => indicators.find((indicator) => indicator.id === id)?.label ?? id;
  const line = settledLine({ total: current.total, byLevel: current.resolvedByLevel }, tree.levels, tree.root.name, DAYS);

  return (
    <section className="settled" aria-labelledby="settled-title" data-testid="settled-recently">
      <h3 id="settled-title">{line}</h3>
      {current.episodes.length > 0 && (
        <ul aria-label={`The latest ${current.episodes.length} settled`}>
          {[...current.episodes].reverse().map((episode) => (
            <li key={episode.id}>
              <EpisodeLink id={episode.id}>
                {label(episode.indicator)} at {nameOf(tree, episode.node)}
              </EpisodeLink>{' '}
              <span className="muted">
                · {settledBy(episode.resolvedLevel, tree.levels, nameOf(tree, episode.holder))} · {episode.resolvedAt && <Ago at={episode.resolvedAt} />}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
