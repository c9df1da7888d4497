import type { Triple } from '../../shared/api';
import { tripleBars, tripleRatios } from '../charts/triple';
import { formatValue } from '../state/time-words';

/** Beer's triple index: actuality against capability against potentiality, on one scale. */
export function TripleBars({ triple, unit }: { triple: Triple; unit: string }) {
  const bars = tripleBars(triple);
  const ratios = tripleRatios(triple).filter((ratio) => ratio.value !== null);
  return (
    <div className="triple">
      <dl className="triple-bars">
        {bars.map((bar) => (
          <div key={bar.key} className={`triple-row triple-${bar.key}`}>
            <dt>{bar.label}</dt>
            <dd>
              <span className="triple-track" aria-hidden="true">
                <span className="triple-fill" style={{ width: `${(bar.fraction * 100).toFixed(1)}%` }} />
              </span>
              <span className="triple-value">{bar.value === null ? 'not set' : formatValue(bar.value, unit)}</span>
            </dd>
          </div>
        ))}
      </dl>
      {ratios.length > 0 && (
        <p className="triple-ratios">
          {ratios.map((ratio) => (
            <span key={ratio.key} title={ratio.label}>
              {ratio.label.split(' ')[0]} <strong>{ratio.value === null ? '—' : ratio.value.toFixed(2)}</strong>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
