/** The bearer token lives for the browser tab only: pasted once, gone when the tab closes. */
const KEY = 'opsroom.token';

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the token lasts until reload, which is still usable.
  }
}
