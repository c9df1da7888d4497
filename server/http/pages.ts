import { PAGE_MAX_CHARS } from '../../shared/api';
import type { RawEvent } from '../storage/event-log';
import { toIso } from '../domain/time';

/**
 * GET /api/events as JSON text, built one stored event at a time: at most `limit` events, and no more
 * once the text passes `maxChars` (one event at least, so paging always moves on). Each event's data
 * is written as stored, never parsed, so a page costs its own size whatever `limit` asks.
 */
export function eventsPage(rows: Iterable<RawEvent>, after: number, limit: number, maxChars: number = PAGE_MAX_CHARS): string {
  const parts: string[] = [];
  let chars = 0;
  let next = after;
  let more = false;
  // One row beyond `limit` says whether there is more.
  for (const row of rows) {
    if (parts.length >= limit) {
      more = true;
      break;
    }
    const text = `{"seq":${row.seq},"at":${JSON.stringify(toIso(row.at))},"kind":${JSON.stringify(row.kind)},"type":${JSON.stringify(row.type)},"data":${row.data}}`;
    if (parts.length > 0 && chars + text.length > maxChars) {
      more = true;
      break;
    }
    parts.push(text);
    chars += text.length + 1;
    next = row.seq;
  }
  return `{"events":[${parts.join(',')}],"next":${next},"more":${more}}`;
}
