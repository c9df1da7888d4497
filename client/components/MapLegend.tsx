import type { NodeState } from '../state/episodes';
import { STATE_GLYPH, STATE_WORD } from './marks';

const SHOWN: NodeState[] = ['crisis', 'held', 'passed', 'bright', 'normal'];

/** The key to the map, drawn with the same swatches the map uses. */
export function MapLegend() {
  return (
    <ul className="legend" aria-label="Map key">
      {SHOWN.map((state) => (
        <li key={state} className={`legend-item state-${state}`}>
          <svg width="22" height="22" aria-hidden="true">
            <rect className="cell-body" x="1" y="1" width="20" height="20" rx="3" />
            <text className="cell-glyph" x="11" y="12" fontSize="13" textAnchor="middle" dominantBaseline="central">
              {STATE_GLYPH[state]}
            </text>
          </svg>
          {STATE_WORD[state]}
        </li>
      ))}
      <li className="legend-item legend-lamp">
        <span className="legend-bar" aria-hidden="true">
          <span />
        </span>
        allowance used — blinks faster near the deadline
      </li>
    </ul>
  );
}
