import { existsSync, rmSync } from 'node:fs';
import type { Episode } from '../../shared/api';
import type { Config } from '../../shared/config';
import { openOpsroom, type Opsroom } from '../../server/app/opsroom';
import { acquireWriterLock } from '../../server/storage/writer-lock';
import type { DayReadings } from './sitrep-readings';

/**
 * A report date's readings reach the engine an hour after the 08:00 snapshot. A window includes its
 * last instant, so a window of N days takes in exactly the next N daily reports.
 */
const REPORT_LAG_MS = 3_600_000;

/**
 * A checkpoint every week of the history: a planner's seek to any instant then loads the rung below it
 * (about 0.4 s for a winter) and replays at most a week of reports (about as long again), instead of
 * replaying from the start. The room keeps them as its seek ladder (OPSROOM_SEEK_CHECKPOINTS).
 */
export const IMPORT_CHECKPOINT_EVERY_MS = 7 * 86_400_000;

export function reportTime(date: string, _firstDate?: string): number {
  return Date.parse(`${date}T08:00:00Z`) + REPORT_LAG_MS;
}

export interface BackfillResult {
  room: Opsroom;
  accepted: number;
  duplicates: number;
  /** Data-quality findings recorded (published totals that differ from the sums). */
  findings: number;
  ingests: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Refuses an existing database (a second import would mix two timelines), unless told to replace it;
 * and refuses, naming it, a database another process writes (a running server), before deleting anything.
 */
export function prepareDatabase(dbPath: string, replace: boolean): void {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return;
  const lock = acquireWriterLock(dbPath);
  try {
    if (!replace) {
      throw new Error(`${dbPath} already exists; an import starts a new history. Choose another --db, or pass --replace to delete it first.`);
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  } finally {
    lock.release();
  }
}

/**
 * Runs the engine over the history with the readings' own dates as its clock: one ingest per
 * report date, in date order, so every episode, escalation and resolution is logged when it happened.
 * A date's data-quality findings are recorded right after its readings, at the same time.
 */
export function backfill(config: Config, dbPath: string, days: readonly DayReadings[], progress?: (done: number, total: number) => void): BackfillResult {
  if (days.length === 0) throw new Error('nothing to import: no readings in the selected seasons and dates');
  const firstDate = days[0]!.date;
  let clock = reportTime(firstDate, firstDate);
  const firstAt = clock;
  const room = openOpsroom({ config, dbPath, clock: () => clock });
  let accepted = 0;
  let duplicates = 0;
  let findings = 0;
  let checkpointAt = firstAt;
  try {
    days.forEach((day, i) => {
      clock = reportTime(day.date, firstDate);
      if (clock - checkpointAt >= IMPORT_CHECKPOINT_EVERY_MS) {
        room.snapshot();
        checkpointAt = clock;
      }
      const result = room.ingest(day.readings, clock);
      accepted += result.accepted;
      duplicates += result.duplicates;
      if (day.findings && day.findings.length > 0) findings += room.recordFindings(day.findings, clock).accepted;
      progress?.(i + 1, days.length);
    });
    // What fell due at the last report (a reopened episode whose window had already run out) is applied now.
    room.tick(clock);
  } catch (error) {
    room.close();
    throw error;
  }
  return { room, accepted, duplicates, findings, ingests: days.length, firstAt, lastAt: clock };
}

export interface EpisodeCounts {
  total: number;
  open: number;
  bySettledLevel: Map<string, number>;
  escalated: number;
  brightSpots: number;
  crises: number;
  /** Missing reports: a trust silent past a period's grace. */
  noReports: number;
  /** Episodes by indicator. */
  byIndicator: Map<string, number>;
}

export function countEpisodes(episodes: readonly Episode[]): EpisodeCounts {
  const counts: EpisodeCounts = { total: episodes.length, open: 0, bySettledLevel: new Map(), escalated: 0, brightSpots: 0, crises: 0, noReports: 0, byIndicator: new Map() };
  for (const episode of episodes) {
    if (episode.status === 'open') counts.open++;
    else if (episode.resolvedLevel !== null) counts.bySettledLevel.set(episode.resolvedLevel, (counts.bySettledLevel.get(episode.resolvedLevel) ?? 0) + 1);
    if (episode.path.some((entry) => entry.type === 'escalated')) counts.escalated++;
    if (episode.direction === 'pleasure') counts.brightSpots++;
    if (episode.severity === 'crisis') counts.crises++;
    if (episode.kind === 'no-report') counts.noReports++;
    counts.byIndicator.set(episode.indicator, (counts.byIndicator.get(episode.indicator) ?? 0) + 1);
  }
  return counts;
}
