import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authKeys, changePassword, createToken, endSession, revokeToken, useSessions, useTokens } from '../../api/auth';
import { fieldError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';

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
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <Stack>
          <Title order={4}>Password</Title>
          <ErrorAlert error={change.error} fields={['currentPassword', 'newPassword']} />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={current}
            error={fieldError(change.error, 'currentPassword')}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            value={next}
            error={fieldError(change.error, 'newPassword')}
            onChange={(e) => setNext(e.currentTarget.value)}
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
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="Token name"
              value={name}
              required
              error={fieldError(create.error, 'name')}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </form>
        {!!data?.items.length && (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Starts with</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>{t.name}</Table.Td>
                    <Table.Td>
                      <Code>{t.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(t.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" color="red" variant="subtle" onClick={() => revoke.mutate(t.id)}>
                        Revoke
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {s.userAgent || 'Unknown'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.ip}</Table.Td>
                  <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {s.current ? (
                      <Text size="sm" c="dimmed">
                        This session
                      </Text>
                    ) : (
                      <Button size="xs" color="red" variant="subtle" onClick={() => revoke.mutate(s.id)}>
                        End
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
