import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authKeys, changePassword, createToken, endSession, revokeToken, useSessions, useTokens } from '../../api/auth';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { required, useFormErrors } from '../../components/use-field-errors';

/** A thin line between the rows of a list that is not a table (fits any width). */
const rowBorder = { borderBottom: '1px solid var(--mantine-color-gray-3)' };

export function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => changePassword({ currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      notifications.show({ message: 'Your password was changed; your other sessions were ended.' });
    },
  });
  const errors = useFormErrors(change.error);
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const ok = errors.validate({
            currentPassword: required(current, 'Enter your current password.'),
            newPassword: required(next, 'Choose a new password.'),
          });
          if (ok) change.mutate();
        }}
      >
        <Stack>
          <Title order={4}>Password</Title>
          <ErrorAlert
            error={errors.hasClientErrors ? null : change.error}
            fields={['currentPassword', 'newPassword']}
          />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={current}
            error={errors.errorFor('currentPassword')}
            onChange={(e) => {
              errors.touch('currentPassword');
              setCurrent(e.currentTarget.value);
            }}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            value={next}
            error={errors.errorFor('newPassword')}
            onChange={(e) => {
              errors.touch('newPassword');
              setNext(e.currentTarget.value);
            }}
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            Change password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

export function TokensCard() {
  const qc = useQueryClient();
  const { data } = useTokens();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createToken(name),
    onSuccess: (r) => {
      setSecret(r.secret);
      setName('');
      qc.invalidateQueries({ queryKey: authKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: authKeys.tokens }),
  });
  const tokenErrors = useFormErrors(create.error);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>API tokens</Title>
        <Text size="sm" c="dimmed">
          Scripts use a token as <Code>Authorization: Bearer …</Code>; it has your permissions.
        </Text>
        {secret && (
          <Alert color="green" title="Copy your token now: it is shown only once">
            <Group>
              <Code>{secret}</Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (tokenErrors.validate({ name: required(name, 'Name the token.') })) create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="Token name"
              value={name}
              required
              error={tokenErrors.errorFor('name')}
              onChange={(e) => {
                tokenErrors.touch('name');
                setName(e.currentTarget.value);
              }}
            />
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </form>
        {!!data?.items.length && (
          <Stack gap={0}>
            {data.items.map((t) => (
              <Group key={t.id} justify="space-between" wrap="nowrap" py="xs" style={rowBorder}>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate="end">
                    {t.name} <Code>{t.prefix}…</Code>
                  </Text>
                  <Text size="xs" c="dimmed">
                    Last used: <Time value={t.lastUsedAt} empty="never" />
                  </Text>
                </div>
                <Button size="xs" color="red" variant="subtle" onClick={() => revoke.mutate(t.id)}>
                  Revoke
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export function SessionsCard() {
  const qc = useQueryClient();
  const { data } = useSessions();
  const revoke = useMutation({
    mutationFn: (id: string) => endSession(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: authKeys.sessions }),
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>Sessions</Title>
        <Stack gap={0}>
          {data?.items.map((s) => (
            <Group key={s.id} justify="space-between" wrap="nowrap" py="xs" style={rowBorder}>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" lineClamp={1} title={s.userAgent}>
                  {s.userAgent || 'Unknown device'}
                </Text>
                <Text size="xs" c="dimmed">
                  {s.ip} · last seen <Time value={s.lastSeenAt} />
                </Text>
              </div>
              {s.current ? (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  This session
                </Text>
              ) : (
                <Button size="xs" color="red" variant="subtle" onClick={() => revoke.mutate(s.id)}>
                  End
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
