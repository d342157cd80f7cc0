import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from '../api/client.ts';
import type { CurrentUser } from '../api/types.ts';
import { refreshAreaTree } from '../lib/useAreaTree.ts';

interface AuthState {
  /** undefined while the first /auth/me is on its way, null when nobody is logged in. */
  user: CurrentUser | null | undefined;
  /** The user logged out themselves: the next login starts afresh instead of returning to their page. */
  loggedOut: boolean;
  login: (username: string, password: string) => Promise<CurrentUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>();
  const [loggedOut, setLoggedOut] = useState(false);

  useEffect(() => {
    // An expired session anywhere drops the user; RequireAuth then sends them to the login page.
    setUnauthorizedHandler(() => setUser(null));
    api<CurrentUser>('/auth/me').then(setUser, () => setUser(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await api<CurrentUser>('/auth/login', { method: 'POST', body: { username, password } });
    refreshAreaTree(); // another user may have used this browser: their tree is not ours
    setUser(me);
    setLoggedOut(false);
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch {
      // Server unreachable: still forget the user here; the session ends on its own.
    }
    setUser(null);
    setLoggedOut(true);
  }, []);

  const state = useMemo(() => ({ user, loggedOut, login, logout }), [user, loggedOut, login, logout]);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The logged-in user; only for pages under RequireAuth. */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser outside RequireAuth');
  return user;
}
