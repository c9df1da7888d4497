import type { IndicatorInfo } from '../../shared/api';
import { fromBelowWords, type NodeSignals } from '../state/node-signals';

interface Props {
  signals: NodeSignals;
  indicator: IndicatorInfo;
  onShowOnWall(indicator: string): void;
}

/** Under an indicator card: how many signals on it reached this level from below, and the way to their line on the wall. */
export function FromBelow({ signals, indicator, onShowOnWall }: Props) {
  const words = fromBelowWords(signals.fromBelow, signals.own.length);
  if (!words) return null;
  return (
    <p className={`from-below${signals.fromBelow.crisis > 0 ? ' has-crisis' : ''}`} data-testid="from-below" data-count={signals.fromBelow.count}>
      <button type="button" className="link" onClick={() => onShowOnWall(indicator.id)} aria-label={`${words}: show ${indicator.label} on the wall`}>
        {words} <span aria-hidden="true">→</span>
      </button>
    </p>
  );
}
