import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { signUp, useSignedIn } from '../../api/auth';
import { fieldError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { AuthCard } from './auth-card';

export function SignupPage() {
  const [form, setForm] = useState({ companyName: '', name: '', email: '', password: '' });
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const signup = useMutation({
    mutationFn: () => signUp(form),
    onSuccess: (me) => {
      signedIn(me);
      navigate('/');
    },
  });
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signup.mutate();
  };
  return (
    <AuthCard title="Sign up" subtitle="Open a help desk account for your company.">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={signup.error} fields={['companyName', 'name', 'email', 'password']} />
          <TextInput
            label="Company name"
            required
            value={form.companyName}
            error={fieldError(signup.error, 'companyName')}
            onChange={set('companyName')}
          />
          <TextInput
            label="Your name"
            required
            value={form.name}
            error={fieldError(signup.error, 'name')}
            onChange={set('name')}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={form.email}
            error={fieldError(signup.error, 'email')}
            onChange={set('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            value={form.password}
            error={fieldError(signup.error, 'password')}
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
