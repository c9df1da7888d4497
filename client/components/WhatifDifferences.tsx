import { useState } from 'react';
import type { Episode, IndicatorInfo } from '../../shared/api';
import type { WhatifResult } from '../../shared/contract/planning';
import { wordingFor } from '../state/episode-words';
import { levelOf, type Hierarchy } from '../state/hierarchy';
import { pathWords, stamp } from '../state/path-words';
import { differenceLine } from '../state/whatif';
import { EpisodeLink, followInPage } from './navigation';
import { pathForEpisode } from '../state/route';

const PAGE = 25;
const KIND_WORDS = { 'live-only': 'live only', 'whatif-only': 'what-if only', 'settled-elsewhere': 'settled at another level' } as const;

interface Props {
  /** The job the result is kept under: the what-if run's episodes open on their page with it. */
  job: string;
  result: WhatifResult;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  words: Parameters<typeof differenceLine>[1];
}

/** The episodes that differ between the runs, each with its outcome and its whole path in both. */
export function WhatifDifferences({ job, result, tree, indicators, words }: Props) {
  const [shown, setShown] = useState(PAGE);
  if (result.differences.length === 0) return null;
  const pathOf = (episode: Episode) => {
    const wording = { ...wordingFor(tree, episode.indicator, indicators.find((indicator) => indicator.id === episode.indicator)), levelOf: (id: string) => levelOf(tree, id) };
    return (
      <ol className="whatif-path">
        {pathWords(episode, wording).map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <time dateTime={entry.at}>{stamp(entry.at)}</time> {entry.title}
            {entry.why && <span className="muted"> — {entry.why}</span>}
          </li>
        ))}
      </ol>
    );
  };
  return (
    <section className="whatif-differences" aria-labelledby="whatif-differences-title">
      <h3 id="whatif-differences-title">
        {result.differenceCount} episode{result.differenceCount === 1 ? '' : 's'} differ{result.differenceCount === 1 ? 's' : ''}
        {result.differenceCount > result.differences.length && <span className="muted"> (the first {result.differences.length} listed)</span>}
      </h3>
      <ol className="whatif-list">
        {result.differences.slice(0, shown).map((difference) => {
          const line = differenceLine(difference, words);
          return (
            <li key={line.key} className={`whatif-difference kind-${difference.kind}`} data-key={line.key}>
              <p className="whatif-title">
                <span className="whatif-kind">{KIND_WORDS[difference.kind]}</span> {line.title}
              </p>
              <p>
                Live: {line.live}
                {difference.live && (
                  <>
                    {' '}
                    · <EpisodeLink id={difference.live.id}>open its episode page</EpisodeLink>
                  </>
                )}
              </p>
              <p>
                What-if: {line.whatif}
                {difference.whatif && (
                  <>
                    {' '}
                    · <a href={`${pathForEpisode(difference.whatif.id)}?whatif=${encodeURIComponent(job)}`} onClick={followInPage(`${pathForEpisode(difference.whatif.id)}?whatif=${encodeURIComponent(job)}`)}>open the what-if run's episode page</a>
                  </>
                )}
              </p>
              <details>
                <summary>Both paths</summary>
                <div className="whatif-paths">
                  <div>
                    <h4>Live</h4>
                    {difference.live ? pathOf(difference.live) : <p className="muted">not opened</p>}
                  </div>
                  <div>
                    <h4>What-if</h4>
                    {difference.whatif ? pathOf(difference.whatif) : <p className="muted">not opened</p>}
                  </div>
                </div>
              </details>
            </li>
          );
        })}
      </ol>
      {shown < result.differences.length && (
        <button type="button" className="action small" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, result.differences.length - shown)} more
        </button>
      )}
    </section>
  );
}
