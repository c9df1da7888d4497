import { scopeRefusal, type ActingAs, type ActedOn } from '../../shared/scope';

// ENG > NW > GM > MFT; LON beside NW.
const PARENT: Record<string, string | null> = { ENG: null, NW: 'ENG', GM: 'NW', MFT: 'GM', LON: 'ENG' };
const isWithin = (node: string, ancestor: string): boolean => {
  for (let at: string | null | undefined = node; at != null; at = PARENT[at]) if (at === ancestor) return true;
  return false;
};
const open = (holder: string): ActedOn => ({ holder, status: 'open' });
const resolved = (holder: string): ActedOn => ({ holder, status: 'resolved' });
const coordinator = (node: string): ActingAs => ({ role: 'coordinator', node });
const reporter = (node: string): ActingAs => ({ role: 'reporter', node });

describe('who may act on an episode (one rule, server and client)', () => {
  it.each([
    // why: a coordinator settles what its own node holds
    ['coordinator of the holder', coordinator('GM'), open('GM'), null],
    // why: and anything held below it, which it may step into
    ['coordinator above the holder', coordinator('ENG'), open('GM'), null],
    // why: once an episode has climbed past a node, that node no longer holds it
    ['coordinator below the holder', coordinator('MFT'), open('GM'), 'outside-subtree'],
    ['coordinator of another region', coordinator('LON'), open('GM'), 'outside-subtree'],
    // why: a reporter speaks only for what its unit still holds
    ['reporter of the holding unit', reporter('MFT'), open('MFT'), null],
    ['reporter of the origin once it climbed', reporter('MFT'), open('GM'), 'not-the-holder'],
    ['admin anywhere', { role: 'admin', node: null } as ActingAs, open('GM'), null],
    // why: a token with no node covers nothing
    ['coordinator token without a node', { role: 'coordinator', node: null } as ActingAs, open('GM'), 'no-node'],
    ['no token', null, open('GM'), 'no-token'],
    // why: a resolved episode is settled; server and client used to disagree here (the server took notes)
    ['resolved, even for the admin', { role: 'admin', node: null } as ActingAs, resolved('GM'), 'resolved'],
    ['resolved, coordinator of the holder', coordinator('GM'), resolved('GM'), 'resolved'],
    // why: out of scope is said before resolved, so nobody outside learns more than a 403
    ['resolved and out of scope', coordinator('LON'), resolved('GM'), 'outside-subtree'],
  ] as const)('%s', (_why, actor, episode, expected) => {
    expect(scopeRefusal(actor, episode, isWithin)).toBe(expected);
  });
});
