import { useState, type FormEvent } from 'react';
import { nameOf, type Hierarchy } from '../state/hierarchy';
import type { Session } from './useSession';

/** Paste a token once; it is kept for this tab. The buttons to act follow from who it belongs to. */
export function SignIn({ session, tree }: { session: Session; tree?: Hierarchy }) {
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  if (session.who) {
    const scope = session.who.node ? ` of ${tree ? nameOf(tree, session.who.node) : session.who.node}` : '';
    return (
      <div className="signin signed-in">
        <span className="who" data-testid="who">
          {session.who.name} <span className="muted">· {session.who.role}{scope}</span>
        </span>
        <button type="button" className="action small" onClick={session.signOut}>
          Sign out
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const ok = await session.signIn(token);
    setBusy(false);
    if (ok) {
      setToken('');
      setOpen(false);
    }
  };

  return (
    <div className="signin">
      <button type="button" className="action small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Sign in to act
      </button>
      {open && (
        <form className="signin-form" role="dialog" aria-label="Sign in with a token" onSubmit={(event) => void submit(event)}>
          <label htmlFor="token">Your token</label>
          <input id="token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
          <div className="action-row">
            <button type="submit" className="action primary" disabled={busy}>
              Sign in
            </button>
            <button type="button" className="action" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          {session.error && <p className="action-error" role="alert">{session.error}</p>}
        </form>
      )}
    </div>
  );
}
