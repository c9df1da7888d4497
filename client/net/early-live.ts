import type { LiveEvent } from '../state/live';
import { openLive, type LiveLink } from './live';

/**
 * The socket opened as the page starts, before the hierarchy has loaded and the room is drawn, so
 * the connection is made and the snapshot is on its way while the rest loads (at 5,000 units the
 * room's first drawing holds the page for a moment, and a socket opened after it waits that long).
 * What it hears before the room takes it over is kept and handed over in order.
 */
interface Early {
  token: string | null;
  link: LiveLink;
  heard: LiveEvent[];
  listener: ((event: LiveEvent) => void) | null;
}

let early: Early | null = null;
let opened = false;

/** Opens the socket for `token` now: once a page, for the room's first drawing (later sockets are the room's own). */
export function openLiveEarly(token: string | null): void {
  if (opened) return;
  opened = true;
  const waiting: Early = { token, link: null as unknown as LiveLink, heard: [], listener: null };
  waiting.link = openLive(token, (event) => (waiting.listener ? waiting.listener(event) : waiting.heard.push(event)));
  early = waiting;
}

/** Subscribes the waiting socket to the node the room will open on, as soon as that is known. */
export function focusLiveEarly(node: string): void {
  early?.link.focus(node);
}

/** The waiting socket for `token`, its news so far replayed into `emit`; null (and the socket closed) when there is none for this token. */
export function adoptLiveEarly(token: string | null, emit: (event: LiveEvent) => void): LiveLink | null {
  const waiting = early;
  early = null;
  if (!waiting) return null;
  if (waiting.token !== token) {
    waiting.link.close();
    return null;
  }
  waiting.listener = emit;
  for (const event of waiting.heard) emit(event);
  waiting.heard = [];
  return waiting.link;
}
