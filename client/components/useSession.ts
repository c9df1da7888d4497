import { useCallback, useEffect, useState } from 'react';
import { ApiError, whoami } from '../net/api';
import { loadToken, saveToken } from '../net/session';
import type { Who } from '../state/scope';

export interface Session {
  token: string | null;
  who: Who | null;
  error: string | null;
  signIn(token: string): Promise<boolean>;
  signOut(): void;
}

/** The coordinator's token: checked with the server once, then kept for this tab. */
export function useSession(): Session {
  const [token, setToken] = useState<string | null>(loadToken);
  const [who, setWho] = useState<Who | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token || who) return;
    let cancelled = false;
    whoami(token).then(
      (answer) => !cancelled && setWho(answer),
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && (failure.status === 401 || failure.status === 403)) {
          saveToken(null);
          setToken(null);
        }
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, who]);

  const signIn = useCallback(async (pasted: string) => {
    const candidate = pasted.trim();
    if (!candidate) {
      setError('Paste a token first.');
      return false;
    }
    try {
      const answer = await whoami(candidate);
      saveToken(candidate);
      setWho(answer);
      setToken(candidate);
      setError(null);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }, []);

  const signOut = useCallback(() => {
    saveToken(null);
    setToken(null);
    setWho(null);
    setError(null);
  }, []);

  return { token, who, error, signIn, signOut };
}
