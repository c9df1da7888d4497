import type { Triple } from '../../shared/api';

export type TripleKey = 'actuality' | 'capability' | 'potentiality';

export interface TripleBar {
  key: TripleKey;
  label: string;
  value: number | null;
  /** Length of the bar, 0..1, against the largest of the three. */
  fraction: number;
}

const LABELS: Record<TripleKey, string> = { actuality: 'Actuality', capability: 'Capability', potentiality: 'Potentiality' };

/** Beer's triple index as three bars on one scale: what is, what could be now, what could be. */
export function tripleBars(triple: Triple): TripleBar[] {
  const values: Record<TripleKey, number | null> = {
    actuality: triple.actuality,
    capability: triple.capability,
    potentiality: triple.potentiality,
  };
  const largest = Math.max(0, ...Object.values(values).filter((value): value is number => value !== null && Number.isFinite(value)));
  return (Object.keys(LABELS) as TripleKey[]).map((key) => {
    const value = values[key];
    const fraction = value === null || largest <= 0 ? 0 : Math.min(1, Math.max(0, value / largest));
    return { key, label: LABELS[key], value, fraction };
  });
}

export interface TripleRatio {
  key: 'productivity' | 'latency' | 'performance';
  label: string;
  /** Already inverted by the server where lower is better, so above 1 is good. */
  value: number | null;
}

export function tripleRatios(triple: Triple): TripleRatio[] {
  return [
    { key: 'productivity', label: 'Productivity A/C', value: triple.productivity },
    { key: 'latency', label: 'Latency C/P', value: triple.latency },
    { key: 'performance', label: 'Performance A/P', value: triple.performance },
  ];
}
