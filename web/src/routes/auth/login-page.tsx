import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { logIn, useMe, useSignedIn } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { AuthCard } from './auth-card';

/** Only a path of this app, and of the console the person belongs to, is followed after log-in. */
function safeNext(next: string | null, staff: boolean): string {
  const home = staff ? '/staff' : '/';
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return home;
  const inStaff = next === '/staff' || next.startsWith('/staff/');
  return inStaff === staff && !next.startsWith('/staff/login') && !next.startsWith('/login') ? next : home;
}

/** Customer log-in (/login) and staff log-in (/staff/login). */
export function LoginPage({ staff = false }: { staff?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { data: me } = useMe();
  const login = useMutation({
    mutationFn: () => logIn(staff, { email, password }),
    onSuccess: (m) => {
      signedIn(m);
      navigate(safeNext(params.get('next'), m.kind === 'staff'), { replace: true });
    },
  });
  // Also reached right after a successful log-in, before the navigation below has rendered.
  if (me && !login.isPending) return <Navigate to={safeNext(params.get('next'), me.kind === 'staff')} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const locked = login.error instanceof ApiError && login.error.status === 423;
  const reset = params.get('reset') === '1';

  return (
    <AuthCard
      title={staff ? 'Staff log-in' : 'Log in'}
      subtitle={staff ? 'The vendor’s staff console' : 'Your customer help desk'}
    >
      {reset && (
        <Alert color="green" role="status">
          Your password was changed. Log in with the new one.
        </Alert>
      )}
      {login.error && (
        <Alert color="red" role="alert" title={locked ? 'Account blocked' : 'Log-in failed'}>
          {errorMessage(login.error)}{' '}
          {locked && (
            <Anchor component={Link} to="/forgot-password">
              Reset your password
            </Anchor>
          )}
        </Alert>
      )}
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </form>
      <Group justify="space-between">
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot password?
        </Anchor>
        {!staff && (
          <Anchor component={Link} to="/signup" size="sm">
            Sign up
          </Anchor>
        )}
      </Group>
    </AuthCard>
  );
}
