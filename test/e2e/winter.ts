import type { Reading } from '../../shared/api';

const HOUR = 3_600_000;

/** A small deterministic hash → [0, 1), so the same unit always gets the same figures. */
function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

export interface UnitFigures {
  occupancy?: number;
  handovers?: number;
  ae4h?: number;
}

/** One unit's readings for one moment: an ordinary winter hour unless `figures` says otherwise. */
export function unitReadings(unit: string, ts: string, figures: UnitFigures = {}): Reading[] {
  const hour = String(Math.floor(Date.parse(ts) / HOUR));
  const jitter = (name: string) => noise(`${unit}/${name}/${hour}`);
  const beds = 300 + Math.round(noise(`${unit}/size`) * 600);
  const occupancy = figures.occupancy ?? 0.86 + noise(`${unit}/occ`) * 0.05 + jitter('occ') * 0.02;
  const attendances = 60 + Math.round(noise(`${unit}/ae`) * 140 + jitter('ae') * 20);
  const share = figures.ae4h ?? 0.73 + noise(`${unit}/4h`) * 0.08 + jitter('4h') * 0.03;
  const handovers = figures.handovers ?? Math.floor(jitter('ho') * 2);
  return [
    { unit, indicator: 'beds_open', ts, value: beds },
    { unit, indicator: 'beds_occupied', ts, value: Math.round(beds * occupancy) },
    { unit, indicator: 'handover_over_60', ts, value: handovers },
    { unit, indicator: 'ae_attendances', ts, value: attendances },
    { unit, indicator: 'ae_within_4h', ts, value: Math.round(attendances * share) },
  ];
}

/** POST /api/readings as the admin, in one batch; throws with the server's words if refused. */
export async function postReadings(url: string, adminToken: string, readings: Reading[]): Promise<void> {
  const response = await fetch(`${url}/api/readings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ readings }),
  });
  if (!response.ok) throw new Error(`readings refused: ${response.status} ${await response.text()}`);
}

/** Who is in trouble, from how many whole hours ago, and how. */
export interface Trouble {
  unit: string;
  sinceHours: number;
  figures: UnitFigures;
}

export interface WinterDay {
  units: string[];
  /** Hours of history before now. */
  hours: number;
  troubles: Trouble[];
  /** Moves the server's clock on by `ms` and lets it act on every deadline passed. */
  advance(ms: number): void;
  post(readings: Reading[]): Promise<void>;
  now(): number;
}

/**
 * Plays a winter day into the server hour by hour on its own clock: every unit reports each hour,
 * troubled units report their bad figures from their hour on, and deadlines fall due as the clock
 * moves, so episodes climb exactly as they would have live.
 */
export async function playWinterDay(day: WinterDay): Promise<void> {
  for (let hoursAgo = day.hours; hoursAgo >= 0; hoursAgo -= 1) {
    if (hoursAgo < day.hours) day.advance(HOUR);
    const ts = new Date(day.now()).toISOString();
    const readings = day.units.flatMap((unit) => {
      const trouble = day.troubles.find((t) => t.unit === unit && t.sinceHours >= hoursAgo);
      return unitReadings(unit, ts, trouble?.figures);
    });
    await day.post(readings);
  }
}
