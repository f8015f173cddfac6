import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { type Me, useMe } from './api/auth';
import { errorMessage } from './api/client';

export function can(me: Me | null | undefined, permission: string): boolean {
  return !!me?.permissions.includes(permission);
}

function Loading() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** GET /me failed for another reason than "not signed in": the server is down or restarting. */
function Unreachable({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Center h="100vh" p="md">
      <Stack maw={420}>
        <Alert color="red" title="Clientele cannot be reached" role="alert">
          {errorMessage(error)}
        </Alert>
        <Button onClick={retry} w="fit-content">
          Try again
        </Button>
      </Stack>
    </Center>
  );
}

const loginLink = (login: string, path: string) => `${login}?next=${encodeURIComponent(path)}`;

/** Customer pages: anonymous → /login, staff → their console. */
export function RequireProfile({ children }: { children: (me: Me) => ReactNode }) {
  const { data: me, isLoading, error, refetch } = useMe();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (me === undefined && error) return <Unreachable error={error} retry={() => refetch()} />;
  if (!me)
    return (
      <Navigate
        to={location.pathname === '/' ? '/login' : loginLink('/login', location.pathname + location.search)}
        replace
      />
    );
  if (me.kind !== 'profile') return <Navigate to="/staff" replace />;
  return <>{children(me)}</>;
}

/** Staff pages: anonymous → /staff/login, customers → the portal. */
export function RequireStaff({ children }: { children: (me: Me) => ReactNode }) {
  const { data: me, isLoading, error, refetch } = useMe();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (me === undefined && error) return <Unreachable error={error} retry={() => refetch()} />;
  if (!me)
    return (
      <Navigate
        to={
          location.pathname === '/staff'
            ? '/staff/login'
            : loginLink('/staff/login', location.pathname + location.search)
        }
        replace
      />
    );
  if (me.kind !== 'staff') return <Navigate to="/" replace />;
  return <>{children(me)}</>;
}
