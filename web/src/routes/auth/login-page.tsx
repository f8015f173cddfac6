import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { logIn, useMe, useSignedIn } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { emailCheck, required, useFormErrors } from '../../components/use-field-errors';
import { AuthCard } from './auth-card';
import { ResendConfirmation } from './resend-confirmation';

/** Only a path of this app, and of the console the person belongs to, is followed after log-in. */
function safeNext(next: string | null, staff: boolean): string {
  const home = staff ? '/staff' : '/';
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return home;
  const inStaff = next === '/staff' || next.startsWith('/staff/');
  return inStaff === staff && !next.startsWith('/staff/login') && !next.startsWith('/login') ? next : home;
}

/** Customer log-in (/login) and staff log-in (/staff/login). */
export function LoginPage({ staff = false }: { staff?: boolean }) {
  // After a confirmation link the address comes along, so that only the password is left to type.
  const confirmedEmail = (useLocation().state as { email?: string } | null)?.email;
  const [email, setEmail] = useState(confirmedEmail ?? '');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { data: me } = useMe();
  const errors = useFormErrors(null);
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
    const ok = errors.validate({
      email: emailCheck(email),
      password: required(password, 'Enter your password.'),
    });
    if (ok) login.mutate();
  };
  const locked = login.error instanceof ApiError && login.error.status === 423;
  const unconfirmed = login.error instanceof ApiError && login.error.problem.code === 'email-unconfirmed';
  const reset = params.get('reset') === '1';
  const confirmed = params.get('confirmed') === '1';

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
      {confirmed && (
        <Alert color="green" role="status">
          Your e-mail address is confirmed. Log in with your password.
        </Alert>
      )}
      {login.error && (
        <Alert
          color={unconfirmed ? 'yellow' : 'red'}
          role="alert"
          title={locked ? 'Account blocked' : unconfirmed ? 'Confirm your e-mail first' : 'Log-in failed'}
        >
          {errorMessage(login.error)}{' '}
          {locked && (
            <Anchor component={Link} to="/forgot-password">
              Reset your password
            </Anchor>
          )}
        </Alert>
      )}
      {unconfirmed && <ResendConfirmation key={login.submittedAt} email={email.trim()} />}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            value={email}
            error={errors.errorFor('email')}
            onChange={(e) => {
              errors.touch('email');
              setEmail(e.currentTarget.value);
            }}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            error={errors.errorFor('password')}
            onChange={(e) => {
              errors.touch('password');
              setPassword(e.currentTarget.value);
            }}
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
