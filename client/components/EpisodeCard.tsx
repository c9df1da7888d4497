import { memo } from 'react';
import type { Episode, IndicatorInfo } from '../../shared/api';
import { EPISODE_SPARK_VIEW, episodeSpark, referenceOf } from '../charts/episode-spark';
import { ageWords, cardSentence, coverageWords, currentValue } from '../state/card-words';
import { episodeLines, wordingFor } from '../state/episode-words';
import { formatValue, splitValue } from '../state/time-words';
import { periodLabel } from '../state/values';
import { useNow } from './clock';
import { levelOf as levelIn, nameOf as nameIn, type Hierarchy } from '../state/hierarchy';
import { EpisodeActions } from './EpisodeActions';
import { AllowanceBar, Ago, Legs, TimeLeft } from './EpisodeTime';
import { EpisodeLink } from './navigation';

interface Props {
  episode: Episode;
  tree: Hierarchy;
  indicator: IndicatorInfo | undefined;
  token: string | null;
  canAct: boolean;
  compact?: boolean;
  /** New at this focus: framed, with a NEW badge (inside an opened group, where the group's own badge cannot say which). */
  fresh?: boolean;
  onActed(episode: Episode): void;
}

const BADGE = {
  crisis: { glyph: '◆', word: 'Crisis' },
  alert: { glyph: '▲', word: 'Alert' },
  pleasure: { glyph: '★', word: 'Bright spot' },
};

/**
 * One algedonic signal: what is wrong in numbers (the figure now, what it crossed or what was
 * expected, how widely it was reported, its course since it opened), where it came from, how far it
 * climbed and how long it spent at each level, who is on it. Drawn from the episode alone: no fetch.
 */
export const EpisodeCard = memo(function EpisodeCard({ episode, tree, indicator, token, canAct, compact = false, fresh = false, onActed }: Props) {
  const kind = episode.direction === 'pleasure' ? 'pleasure' : episode.severity;
  const badge = BADGE[kind];
  const label = indicator?.label ?? episode.indicator;
  const levelOf = (id: string) => levelIn(tree, id) || id;
  const nameOf = (id: string) => nameIn(tree, id);
  const notes = episode.path.filter((entry) => entry.type === 'note' || (entry.type === 'acknowledged' && entry.note));
  const climbed = episode.holder !== episode.node;
  const lines = episodeLines(episode, wordingFor(tree, episode.indicator, indicator));
  const sentence = cardSentence(episode, indicator);
  // The opening figure is in the sentence now; a late figure is still worth its own line.
  const figureLine = sentence === null || lines.figure?.startsWith('Late') ? lines.figure : null;

  return (
    <li className={`episode kind-${kind}${compact ? ' compact' : ''}${fresh ? ' fresh' : ''}`} data-episode={episode.id} aria-label={`${fresh ? 'New. ' : ''}${badge.word}: ${lines.summary}`}>
      {fresh && <span className="new-badge">NEW</span>}
      <div className="episode-head">
        <span className={`badge badge-${kind}`}>
          <span aria-hidden="true">{badge.glyph}</span> {badge.word}
        </span>
        <h3 className="episode-title">
          <EpisodeLink id={episode.id} label={`${label}: the whole episode`}>{label}</EpisodeLink>
        </h3>
        <TimeLeft episode={episode} />
      </div>
      <p className="episode-where">
        <strong>{nameOf(episode.node)}</strong> <span className="muted">{levelOf(episode.node)}</span>
        {climbed && (
          <>
            {' '}
            <span aria-hidden="true">→</span> held by <strong>{nameOf(episode.holder)}</strong> <span className="muted">{episode.holderLevel}</span>
          </>
        )}
        {episode.overdue && <span className="overdue-tag">overdue</span>}
      </p>
      <Figures episode={episode} indicator={indicator} sentence={sentence} compact={compact} />
      {figureLine && <p className="episode-meta episode-figure">{figureLine}</p>}
      {lines.alsoOut && <p className="episode-meta episode-also-out">{lines.alsoOut}</p>}
      {lines.systemic && <p className="episode-meta episode-systemic">{lines.systemic}</p>}
      {lines.outcome && <p className="episode-meta episode-outcome">{lines.outcome}</p>}
      {episode.direction === 'pain' && <AllowanceBar episode={episode} />}
      {!compact && <Legs episode={episode} levelOf={levelOf} nameOf={nameOf} />}
      <p className="episode-meta">
        <CoverageAndAge episode={episode} periodMs={indicator?.periodMs ?? null} /> · <span>{lines.kind}</span> ·{' '}
        {episode.acknowledgedBy ? (
          <span className="acked">
            <span aria-hidden="true">✓</span> {episode.acknowledgedBy} is on it
          </span>
        ) : (
          episode.direction === 'pain' && <span className="unacked">not acknowledged</span>
        )}
      </p>
      {notes.length > 0 && (
        <ul className="notes" aria-label="Notes">
          {notes.slice(compact ? -1 : -3).map((entry, index) =>
            entry.type === 'note' || entry.type === 'acknowledged' ? (
              <li key={`${entry.at}-${index}`}>
                <span className="note-by">{entry.by}</span> {entry.note} <span className="muted">· <Ago at={entry.at} /></span>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {canAct && token && <EpisodeActions episode={episode} token={token} onActed={onActed} />}
    </li>
  );
});

/** The figure now, big; what it is measured against; how widely it was reported and for how long; its course. */
function Figures({ episode, indicator, sentence, compact }: { episode: Episode; indicator: IndicatorInfo | undefined; sentence: string | null; compact: boolean }) {
  const silent = episode.kind === 'no-report';
  const value = currentValue(episode);
  const big = !silent && indicator && value !== null ? splitValue(value, indicator.unit) : null;
  const spark = episode.spark ?? [];
  return (
    <div className={`episode-figures${silent ? ' silent' : ''}`}>
      {silent ? (
        <p className="episode-now silent">{sentence ?? 'no report'}</p>
      ) : (
        big && (
          <p className="episode-now" aria-label={`now ${formatValue(value, indicator!.unit)}`}>
            {big.number}
            {big.unit && <span className="episode-now-unit">{big.unit === '%' ? '%' : ` ${big.unit}`}</span>}
          </p>
        )
      )}
      {!compact && spark.length > 0 && <EpisodeSpark episode={episode} label={indicator?.label ?? episode.indicator} />}
      {!silent && sentence && <p className="episode-cause">{sentence}</p>}
    </div>
  );
}

/** "12:00 · reported by 38 of 42 · for 3 h": which period the figure now is, how widely reported, how long open. */
function CoverageAndAge({ episode, periodMs }: { episode: Episode; periodMs: number | null }) {
  const now = useNow();
  const figure = episode.kind === 'no-report' || !episode.now || periodMs === null ? null : periodLabel(episode.now.period, periodMs);
  const words = [figure, coverageWords(episode), ageWords(Math.max(0, now - Date.parse(episode.openedAt)))].filter((part) => part !== null);
  return <span className="episode-coverage">{words.join(' · ')}</span>;
}

/** The episode's course from a little before it opened to now, with the line it is measured against and a tick where it opened. */
function EpisodeSpark({ episode, label }: { episode: Episode; label: string }) {
  const spark = episode.spark ?? [];
  const geometry = episodeSpark(spark, referenceOf(episode.cause), episode.period);
  const { width, height } = EPISODE_SPARK_VIEW;
  return (
    <svg className="episode-spark" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={`${label}: ${spark.length} figures since a little before it opened`}>
      {geometry.reference && <line className="episode-spark-reference" x1={0} x2={width} y1={geometry.reference.y} y2={geometry.reference.y} vectorEffect="non-scaling-stroke" />}
      {geometry.openedX !== null && <line className="episode-spark-opened" x1={geometry.openedX} x2={geometry.openedX} y1={0} y2={height} vectorEffect="non-scaling-stroke" />}
      {geometry.line && <path className="episode-spark-line" d={geometry.line} vectorEffect="non-scaling-stroke" />}
      {/* A zero-length stroke with round caps: a dot that stays round however the drawing is stretched. */}
      {geometry.last && <path className="episode-spark-now" d={`M${geometry.last.x},${geometry.last.y}h0`} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
