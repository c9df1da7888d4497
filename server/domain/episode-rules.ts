import type { EpisodeRecord, EpisodeRules } from './episodes/episode';
import { windowsVersion } from './episodes/pinning';
import type { NodeId } from './ids';
import type { Policy } from './policy';
import type { EngineState } from './state';

/** The tree as it is now; the windows as they were in the version the episode opened under. */
export function rulesFor(state: EngineState, episode: Pick<EpisodeRecord, 'indicator' | 'policyVersion'>): EpisodeRules {
  const pinned = state.pinned.get(episode.policyVersion);
  const chosen = windowsVersion(episode.policyVersion, state.policy.version, pinned?.indicators.has(episode.indicator));
  const windows = chosen.version === state.policy.version ? state.policy : pinned!;
  // Made for every episode event; they depend only on the two policies (immutable) and the indicator.
  let byWindows = rulesMade.get(state.policy);
  if (!byWindows) rulesMade.set(state.policy, (byWindows = new WeakMap()));
  let byIndicator = byWindows.get(windows);
  if (!byIndicator) byWindows.set(windows, (byIndicator = new Map()));
  let rules = byIndicator.get(episode.indicator);
  if (!rules) byIndicator.set(episode.indicator, (rules = makeRules(state.policy, windows, episode.indicator)));
  return rules;
}

const rulesMade = new WeakMap<Policy, WeakMap<Policy, Map<string, EpisodeRules>>>();

function makeRules(policy: Policy, windows: Policy, indicator: string): EpisodeRules {
  const { hierarchy } = policy;
  const current = policy.indicators.get(indicator);
  return {
    parentOf: (node) => hierarchy.parent(node) as NodeId | null,
    levelOf: (node) => (hierarchy.has(node) ? hierarchy.node(node).level : 'unknown'),
    ancestorsOf: (node) => hierarchy.ancestors(node) as readonly NodeId[],
    allowanceMs: (level) => windows.allowanceMs(indicator, level),
    crisisHolder: (node) => {
      const bypassTo = current?.bypassTo;
      return ((bypassTo && hierarchy.ancestorOnLevel(node, bypassTo)) || hierarchy.parent(node) || node) as NodeId;
    },
  };
}
