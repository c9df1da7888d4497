import type { DataQualityView, Episode, IndicatorInfo, NodeValue } from '../../shared/api';
import { cardDifferences } from '../state/data-quality';
import type { Hierarchy } from '../state/hierarchy';
import { mayAct, type Who } from '../state/scope';
import { percent, splitValue } from '../state/time-words';
import { periodLabel, standingWords } from '../state/values';
import { EpisodeRow } from './EpisodeRow';
import { Sparkline } from './Sparkline';
import { TripleBars } from './TripleBars';

interface Props {
  node: string;
  indicator: IndicatorInfo;
  value: NodeValue | undefined;
  episodes: Episode[];
  tree: Hierarchy;
  who: Who | null;
  token: string | null;
  onActed(episode: Episode): void;
  /** The focus node's published totals that differ from its sums (the live state's `dataQuality`). */
  dataQuality?: DataQualityView[];
  /** Every indicator, to name a ratio's parts in its marks. */
  catalogue?: IndicatorInfo[];
}

/** One indicator of the node in focus: latest value, the triple index, recent history, its signals. */
export function IndicatorCard({ node, indicator, value, episodes, tree, who, token, onActed, dataQuality = [], catalogue = [] }: Props) {
  const { state: standing, words: standingText } = standingWords(value, indicator);
  const shown = splitValue(value?.value ?? null, indicator.unit);
  const triple = value?.triple;
  const judgedAgainst = triple && (triple.capability !== null || triple.potentiality !== null);
  const differences = cardDifferences(dataQuality, node, indicator, (id) => catalogue.find((known) => known.id === id));
  return (
    <article className={`indicator standing-${standing}`} data-indicator={indicator.id} aria-labelledby={`ind-${indicator.id}`}>
      <header className="indicator-head">
        <h3 id={`ind-${indicator.id}`}>{indicator.label}</h3>
        <span className="muted">{indicator.better} is better</span>
      </header>
      <div className="indicator-value">
        <span className="big-number">
          {shown.number}
          <span className="big-unit">{shown.unit === '%' ? '%' : ` ${shown.unit}`}</span>
        </span>
        <span className={`standing standing-${standing}`}>{standingText}</span>
      </div>
      {value && (
        <p className="indicator-coverage muted">
          {periodLabel(value.period, indicator.periodMs)} · {percent(value.coverage)} reported
          {!value.final && <span className="provisional"> · provisional</span>}
        </p>
      )}
      {differences.map((mark) => (
        <p key={mark.indicator} className="indicator-published muted" role="note" title={mark.source ?? 'a published total that differs from the sum of its members'}>
          <span aria-hidden="true">⚑ </span>
          {mark.text}
        </p>
      ))}
      {triple && judgedAgainst && <TripleBars triple={triple} unit={indicator.unit} />}
      <Sparkline node={node} indicator={indicator} latest={value} token={token} />
      {episodes.length > 0 && (
        <ol className="indicator-episodes" aria-label={`Signals on ${indicator.label}`}>
          {episodes.map((episode) => (
            <EpisodeRow key={episode.id} episode={episode} tree={tree} indicator={indicator} token={token} canAct={mayAct(who, episode, tree)} onActed={onActed} />
          ))}
        </ol>
      )}
    </article>
  );
}
