import { Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { loginPath } from '../api/client.ts';
import { useAuth } from './AuthContext.tsx';

/** Shows its children to a logged-in user; anyone else goes to the login page, which brings them back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loggedOut } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (user === null) return <Navigate to={loggedOut ? '/login' : loginPath(location.pathname + location.search)} replace />;
  return children;
}
