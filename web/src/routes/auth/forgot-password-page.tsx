import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../api/auth';
import { ErrorAlert } from '../../components/error-alert';
import { emailCheck, useFormErrors } from '../../components/use-field-errors';
import { AuthCard } from './auth-card';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => requestPasswordReset(email) });
  const errors = useFormErrors(request.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.validate({ email: emailCheck(email) })) request.mutate();
  };
  return (
    <AuthCard title="Forgot password" subtitle="We mail you a link to choose a new password.">
      {request.isSuccess ? (
        <Alert color="green" role="status">
          If an account exists for {email}, we sent a link to it. The link works once, within 24 hours.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={errors.hasClientErrors ? null : request.error} fields={['email']} />
            <TextInput
              label="E-mail"
              type="email"
              required
              value={email}
              error={errors.errorFor('email')}
              onChange={(e) => {
                errors.touch('email');
                setEmail(e.currentTarget.value);
              }}
            />
            <Button type="submit" loading={request.isPending}>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        Back to log-in
      </Anchor>
    </AuthCard>
  );
}
