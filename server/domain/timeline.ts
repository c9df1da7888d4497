import type { Episode } from '../../shared/api';
import type { Timeline } from '../../shared/contract/planning';

/**
 * The replay timeline of a span: per bucket, how many episodes opened and how many escalations (a step
 * up a path) fell in it, and every escalation instant in order, so the display can jump between them.
 */
export function timeline(episodes: readonly Episode[], from: number | null, to: number | null, buckets: number): Timeline {
  if (from === null || to === null) return { from: null, to: null, bucketMs: 0, buckets: [], escalations: [] };
  const bucketMs = Math.max(1, Math.ceil((to - from + 1) / buckets));
  const count = Math.max(1, Math.ceil((to - from + 1) / bucketMs));
  const rows = Array.from({ length: count }, (_, i) => ({ start: new Date(from + i * bucketMs).toISOString(), opened: 0, escalations: 0 }));
  const bucketOf = (at: number) => (at < from || at > to ? null : rows[Math.floor((at - from) / bucketMs)] ?? null);
  const escalations: Timeline['escalations'] = [];
  for (const episode of episodes) {
    const opened = bucketOf(Date.parse(episode.openedAt));
    if (opened) opened.opened += 1;
    for (const entry of episode.path) {
      if (entry.type !== 'escalated') continue;
      const at = Date.parse(entry.at);
      const bucket = bucketOf(at);
      if (!bucket) continue;
      bucket.escalations += 1;
      escalations.push({ at: entry.at, episode: episode.id, to: entry.to });
    }
  }
  escalations.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.episode.localeCompare(b.episode));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucketMs, buckets: rows, escalations };
}
