import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { signUp } from '../../api/auth';
import { ErrorAlert } from '../../components/error-alert';
import { emailCheck, required, useFormErrors } from '../../components/use-field-errors';
import { formatDateTime } from '../../format';
import { AuthCard } from './auth-card';
import { ResendConfirmation } from './resend-confirmation';

/** Sign-up. Nobody is signed in: the address is confirmed by the mailed link first. */
export function SignupPage() {
  const [form, setForm] = useState({ companyName: '', name: '', email: '', password: '' });
  const signup = useMutation({ mutationFn: () => signUp(form) });
  const errors = useFormErrors(signup.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    errors.touch(key);
    setForm({ ...form, [key]: e.currentTarget.value });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Every missing field at once, before anything is sent; the server checks the rest.
    const ok = errors.validate({
      companyName: required(form.companyName, 'Enter the company name.'),
      name: required(form.name, 'Enter your name.'),
      email: emailCheck(form.email),
      password: required(form.password, 'Choose a password.'),
    });
    if (ok) signup.mutate();
  };
  if (signup.data) {
    const { email, confirmationExpiresAt } = signup.data;
    return (
      <AuthCard title="Check your mail" subtitle="One step left: confirm your e-mail address.">
        <Alert color="green" role="status">
          We sent a link to {email}. Open it by {formatDateTime(confirmationExpiresAt)} to confirm your address; it
          works once. Then log in with your password.
        </Alert>
        <ResendConfirmation email={email} />
        <Anchor component={Link} to="/login" size="sm">
          Go to log-in
        </Anchor>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign up" subtitle="Open a help desk account for your company.">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert
            error={errors.hasClientErrors ? null : signup.error}
            fields={['companyName', 'name', 'email', 'password']}
          />
          <TextInput
            label="Company name"
            required
            value={form.companyName}
            error={errors.errorFor('companyName')}
            onChange={set('companyName')}
          />
          <TextInput
            label="Your name"
            required
            value={form.name}
            error={errors.errorFor('name')}
            onChange={set('name')}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={form.email}
            error={errors.errorFor('email')}
            onChange={set('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            value={form.password}
            error={errors.errorFor('password')}
            onChange={set('password')}
          />
          <Button type="submit" loading={signup.isPending}>
            Sign up
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/login" size="sm">
        I have an account: log in
      </Anchor>
    </AuthCard>
  );
}
