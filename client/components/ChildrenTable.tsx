import { useMemo, useState } from 'react';
import type { IndicatorInfo } from '../../shared/api';
import { sortChildRows, type ChildRow, type ChildSort, type ChildSortKey } from '../state/children';
import { silentTag } from '../state/no-report';
import { formatValue } from '../state/time-words';
import { valueState } from '../state/values';
import { STATE_GLYPH, STATE_WORD } from './marks';

interface Props {
  rows: ChildRow[];
  indicators: IndicatorInfo[];
  level: string;
  /** Units not reporting in a row's subtree (the row's own node included), and the name of the unit level. */
  silentIn?: (id: string) => number;
  unitLevel?: string;
  onOpen(id: string): void;
}

/** What a child is settling itself, not reached this level: counted by the server, never listed here. */
function SettlingCell({ counts }: { counts: ChildRow['settling'] }) {
  const total = counts.alert + counts.crisis;
  const words = `${total} being settled below${counts.crisis > 0 ? `, ${counts.crisis} of them crisis` : ''}`;
  return (
    <td className="num settling" data-settling={total} title={total > 0 ? words : undefined}>
      {total > 0 && (
        <>
          {total}
          {counts.crisis > 0 && <span aria-label={`${counts.crisis} crisis`}> ◆{counts.crisis}</span>}
        </>
      )}
    </td>
  );
}

function SilentTag({ count, isUnit, unitLevel }: { count: number; isUnit: boolean; unitLevel: string }) {
  const tag = silentTag(count, isUnit, unitLevel);
  return tag ? <span className="no-report-tag" data-no-report={count}>{tag}</span> : null;
}

/** The children of the node in focus, worst first; every column sorts. */
export function ChildrenTable({ rows, indicators, level, silentIn, unitLevel = 'unit', onOpen }: Props) {
  const [sort, setSort] = useState<ChildSort>({ key: 'state', descending: true });
  const sorted = useMemo(() => sortChildRows(rows, sort), [rows, sort]);
  if (rows.length === 0) return null;

  const header = (key: ChildSortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'name' })}>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="children">
      <table className="children-table" data-testid="children-table">
        <caption>
          {rows.length} {level}
          {rows.length === 1 ? '' : 's'} below
        </caption>
        <thead>
          <tr>
            {header('name', 'Name')}
            {header('state', 'State')}
            {header('open', 'Open', true)}
            {header('settling', 'Settling below', true)}
            {indicators.map((indicator) => header(`indicator:${indicator.id}`, indicator.label, true))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.node.id} className={`state-${row.state}`}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onOpen(row.node.id)}>
                  {row.node.name}
                </button>
                <SilentTag count={silentIn?.(row.node.id) ?? 0} isUnit={row.node.level === unitLevel} unitLevel={unitLevel} />
              </th>
              <td className={`state-word state-${row.state}`}>
                <span aria-hidden="true">{STATE_GLYPH[row.state] || '·'}</span> {STATE_WORD[row.state]}
              </td>
              <td className="num">{row.openBelow || ''}</td>
              <SettlingCell counts={row.settling} />
              {indicators.map((indicator) => {
                const value = row.values[indicator.id];
                const standing = valueState(value, indicator.better);
                return (
                  <td key={indicator.id} className={`num standing-${standing}`}>
                    {formatValue(value?.value ?? null, indicator.unit)}
                    {standing === 'crisis' || standing === 'alert' ? <span aria-label={`beyond ${standing}`}> {standing === 'crisis' ? '◆' : '▲'}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
