import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, get, post, setCsrfToken } from './api/client';
import type { Me } from './api/types';

/** Who is signed in; null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await get<Me>('/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** After a log-in: remember the CSRF token and the person. */
export function useSignedIn() {
  const qc = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    qc.setQueryData(['me'], me);
  };
}

export function useLogOut() {
  const qc = useQueryClient();
  return async () => {
    await post('/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}

export function can(me: Me | null | undefined, permission: string): boolean {
  return !!me?.permissions.includes(permission);
}

function Loading() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** Customer pages: anonymous → /login, staff → their console. */
export function RequireProfile({ children }: { children: (me: Me) => ReactNode }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.kind !== 'profile') return <Navigate to="/staff" replace />;
  return <>{children(me)}</>;
}

/** Staff pages: anonymous → /staff/login, customers → the portal. */
export function RequireStaff({ children }: { children: (me: Me) => ReactNode }) {
  const { data: me, isLoading } = useMe();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to="/staff/login" replace />;
  if (me.kind !== 'staff') return <Navigate to="/" replace />;
  return <>{children(me)}</>;
}
