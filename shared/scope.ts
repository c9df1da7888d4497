import type { IsWithin } from './reach';

/**
 * Who may act on an episode: one rule for the server (which enforces it) and the client (which offers
 * only the buttons that would work). A reporter acts on what its unit holds; a coordinator on what is
 * held anywhere in its subtree; the admin anywhere. Nobody acts on a resolved episode: it is settled,
 * and what was done belongs on it while it is open (the server used to take notes on resolved
 * episodes while the client offered none; this is the one rule now).
 */
export interface ActingAs {
  readonly role: 'admin' | 'reporter' | 'coordinator';
  readonly node: string | null;
}

export interface ActedOn {
  readonly holder: string;
  readonly status: 'open' | 'resolved';
}

/** Why an actor may not act; null when it may. */
export type ScopeRefusal = 'no-token' | 'resolved' | 'no-node' | 'not-the-holder' | 'outside-subtree';

export function scopeRefusal(actor: ActingAs | null, episode: ActedOn, isWithin: IsWithin): ScopeRefusal | null {
  if (!actor) return 'no-token';
  const outOfScope = scopeOf(actor, episode.holder, isWithin);
  if (outOfScope !== null) return outOfScope;
  return episode.status === 'open' ? null : 'resolved';
}

function scopeOf(actor: ActingAs, holder: string, isWithin: IsWithin): ScopeRefusal | null {
  if (actor.role === 'admin') return null;
  if (actor.node === null) return 'no-node';
  if (actor.role === 'reporter') return holder === actor.node ? null : 'not-the-holder';
  return isWithin(holder, actor.node) ? null : 'outside-subtree';
}

export const mayActOn = (actor: ActingAs | null, episode: ActedOn, isWithin: IsWithin): boolean => scopeRefusal(actor, episode, isWithin) === null;
