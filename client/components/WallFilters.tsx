import { useEffect, useState, type ChangeEvent } from 'react';
import type { IndicatorInfo } from '../../shared/api';
import type { WallQuery } from '../state/route';
import { isNarrowed } from '../state/wall-filter';

interface Props {
  query: WallQuery;
  indicators: IndicatorInfo[];
  onQuery(query: WallQuery): void;
}

/** Severity, indicator, not acknowledged, held here, and a search of places: all in the URL, so a wall screen's URL is its view. */
export function WallFilters({ query, indicators, onQuery }: Props) {
  // The box keeps what is typed (spaces and all); the query gets it trimmed.
  const [text, setText] = useState(query.q ?? '');
  // Cleared or changed from elsewhere (Show everything, Back): the box follows.
  useEffect(() => setText((typed) => (typed.trim() === (query.q ?? '') ? typed : (query.q ?? ''))), [query.q]);
  const set = (patch: Partial<WallQuery>) => onQuery({ ...query, ...patch });
  const choose = (key: 'severity' | 'indicator') => (event: ChangeEvent<HTMLSelectElement>) => set({ [key]: event.target.value || undefined });
  const flag = (key: 'unacked' | 'here') => (event: ChangeEvent<HTMLInputElement>) => set({ [key]: event.target.checked || undefined });
  const known = indicators.some((indicator) => indicator.id === query.indicator);
  return (
    <form className="wall-filters" role="search" aria-label="Narrow the wall" onSubmit={(event) => event.preventDefault()}>
      <label>
        <span className="visually-hidden">Severity</span>
        <select value={query.severity ?? ''} onChange={choose('severity')}>
          <option value="">Every severity</option>
          <option value="crisis">◆ Crisis</option>
          <option value="alert">▲ Alert</option>
          <option value="bright">★ Bright spots</option>
        </select>
      </label>
      <label>
        <span className="visually-hidden">Indicator</span>
        <select value={query.indicator ?? ''} onChange={choose('indicator')}>
          <option value="">Every indicator</option>
          {indicators.map((indicator) => (
            <option key={indicator.id} value={indicator.id}>
              {indicator.label}
            </option>
          ))}
          {query.indicator !== undefined && !known && <option value={query.indicator}>{query.indicator}</option>}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={query.unacked === true} onChange={flag('unacked')} /> Not acknowledged
      </label>
      <label className="check">
        <input type="checkbox" checked={query.here === true} onChange={flag('here')} /> Held here
      </label>
      <label className="search">
        <span className="visually-hidden">Find a place by name or code</span>
        <input
          type="search"
          placeholder="Find a place or code"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            set({ q: event.target.value.trim() || undefined });
          }}
        />
      </label>
      {isNarrowed(query) && (
        <button
          type="button"
          className="action small"
          onClick={() => {
            setText('');
            onQuery({});
          }}
        >
          Show everything
        </button>
      )}
    </form>
  );
}
