import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { confirmPasswordReset } from '../../api/auth';
import { fieldError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { required, useFormErrors } from '../../components/use-field-errors';
import { AuthCard } from './auth-card';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => confirmPasswordReset({ token, password }),
    onSuccess: (r) => navigate(r.kind === 'staff' ? '/staff/login?reset=1' : '/login?reset=1'),
  });
  const errors = useFormErrors(confirm.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = errors.validate({
      password: required(password, 'Choose a new password.'),
      repeat: required(repeat, 'Repeat the new password.') || (repeat !== password && 'The two passwords differ.'),
    });
    if (ok) confirm.mutate();
  };
  if (!token) {
    return (
      <AuthCard title="Reset password">
        <Alert color="red">This link has no token. Ask for a new link.</Alert>
        <Anchor component={Link} to="/forgot-password">
          Ask for a new link
        </Anchor>
      </AuthCard>
    );
  }
  const tokenError = fieldError(confirm.error, 'token');
  return (
    <AuthCard title="Reset password" subtitle="At least 8 characters; not your name or e-mail; not a common password.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {tokenError ? (
            <Alert color="red" role="alert">
              {tokenError}{' '}
              <Anchor component={Link} to="/forgot-password">
                Ask for a new link
              </Anchor>
            </Alert>
          ) : (
            <ErrorAlert error={errors.hasClientErrors ? null : confirm.error} fields={['password']} />
          )}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            value={password}
            error={errors.errorFor('password')}
            onChange={(e) => {
              errors.touch('password');
              setPassword(e.currentTarget.value);
            }}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            value={repeat}
            error={errors.errorFor('repeat')}
            onChange={(e) => {
              errors.touch('repeat');
              setRepeat(e.currentTarget.value);
            }}
          />
          <Button type="submit" loading={confirm.isPending}>
            Set the new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
