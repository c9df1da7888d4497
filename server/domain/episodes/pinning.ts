/** What a kept policy version is needed for: an episode that runs, or may reopen, under it. */
export interface PinnedUse {
  version: number;
  status: 'open' | 'resolved';
  resolvedAt: number | null;
  /** How soon after resolving the episode may reopen at the level it reached, with its window. */
  reopenWithinMs: number;
}

export type PinDecision =
  | { keep: true; reason: 'an-open-episode-runs-under-it' | 'a-resolved-episode-may-reopen-under-it' }
  | { keep: false; reason: 'nothing-runs-under-it' };

/**
 * A policy version is kept while an episode opened under it is open, or resolved recently enough to
 * reopen: its windows must run under the version it opened under until it is settled for good.
 */
export function keepVersion(version: number, uses: readonly PinnedUse[], now: number): PinDecision {
  let reopenable = false;
  for (const use of uses) {
    if (use.version !== version) continue;
    if (use.status === 'open') return { keep: true, reason: 'an-open-episode-runs-under-it' };
    if (use.resolvedAt !== null && now - use.resolvedAt <= use.reopenWithinMs) reopenable = true;
  }
  return reopenable ? { keep: true, reason: 'a-resolved-episode-may-reopen-under-it' } : { keep: false, reason: 'nothing-runs-under-it' };
}

export type WindowsDecision =
  | { version: number; reason: 'its-own-version-is-in-force' | 'its-own-version-is-pinned' }
  | { version: number; reason: 'its-version-is-gone-or-lacks-the-indicator' };

/** Whose allowances an episode's windows run under: its own version's, while that is kept and knows the indicator. */
export function windowsVersion(episodeVersion: number, current: number, pinnedKnowsIndicator: boolean | undefined): WindowsDecision {
  if (episodeVersion === current) return { version: current, reason: 'its-own-version-is-in-force' };
  if (pinnedKnowsIndicator) return { version: episodeVersion, reason: 'its-own-version-is-pinned' };
  return { version: current, reason: 'its-version-is-gone-or-lacks-the-indicator' };
}
