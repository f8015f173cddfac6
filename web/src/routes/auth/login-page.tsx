import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage, post } from '../../api/client';
import type { Me } from '../../api/types';
import { useMe, useSignedIn } from '../../auth';
import { AuthCard } from './auth-card';

/** Customer log-in (/login) and staff log-in (/staff/login). */
export function LoginPage({ staff = false }: { staff?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { data: me } = useMe();
  const home = staff ? '/staff' : '/';
  const login = useMutation({
    mutationFn: () => post<Me>(staff ? '/staff/auth/login' : '/auth/login', { email, password }),
    onSuccess: (m) => {
      signedIn(m);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : m.kind === 'staff' ? '/staff' : '/');
    },
  });
  if (me && !login.isPending) return <Navigate to={me.kind === 'staff' ? '/staff' : home} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const locked = login.error instanceof ApiError && login.error.status === 423;
  const reset = params.get('reset') === '1';

  return (
    <AuthCard title={staff ? 'Staff log-in' : 'Log in'} subtitle={staff ? 'The vendor’s staff console' : 'Your customer help desk'}>
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
          <TextInput label="E-mail" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
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
