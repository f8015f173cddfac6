import { Alert, Anchor, Loader, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { confirmEmail } from '../../api/auth';
import { fieldError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { AuthCard } from './auth-card';
import { ResendConfirmation } from './resend-confirmation';

/**
 * the link of the confirmation mail. It confirms the address once, then sends the person to
 * log in (the link opens no session). A used or expired link offers to send a new one.
 */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => confirmEmail(token),
    onSuccess: (r) => navigate('/login?confirmed=1', { replace: true, state: { email: r.email } }),
  });
  // Once per page, though React runs effects twice in development: a second call would spend nothing
  // but would answer "already used".
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    confirm.mutate();
  }, [token, confirm]);

  if (!token) {
    return (
      <AuthCard title="Confirm your e-mail">
        <Alert color="red">This link has no token. Open the link of the mail exactly as it came.</Alert>
        <Anchor component={Link} to="/login" size="sm">
          Go to log-in
        </Anchor>
      </AuthCard>
    );
  }
  const tokenError = fieldError(confirm.error, 'token');
  return (
    <AuthCard title="Confirm your e-mail">
      {confirm.error ? (
        tokenError ? (
          <Alert color="red" role="alert">
            {tokenError}
          </Alert>
        ) : (
          <ErrorAlert error={confirm.error} />
        )
      ) : (
        <Stack align="center">
          <Loader aria-label="Confirming" />
          Confirming your e-mail address…
        </Stack>
      )}
      {tokenError && <ResendForm />}
      <Anchor component={Link} to="/login" size="sm">
        Go to log-in
      </Anchor>
    </AuthCard>
  );
}

function ResendForm() {
  const [email, setEmail] = useState('');
  return (
    <Stack gap="xs">
      <TextInput
        label="E-mail"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <ResendConfirmation key={email} email={email.trim()} />
    </Stack>
  );
}
