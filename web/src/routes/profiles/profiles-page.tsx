import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { accountKeys, type Profile, profileAction, useProfiles } from '../../api/accounts';
import type { Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { can } from '../../auth';
import { LockedMark } from '../../components/locked-mark';
import { useIsPhone } from '../../components/responsive';
import { ErrorAlert } from '../../components/error-alert';
import { roleLabels } from '../../labels';
import { ReRegisterModal } from './re-register-modal';

type Verb = 'disable' | 'unlock';

/** the company's profiles; the primary manages them, everyone else reads the list. */
export function ProfilesPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const manage = can(me, 'profiles.manage');
  const { data, error, isLoading } = useProfiles();
  const [reRegistering, setReRegistering] = useState<Profile | null>(null);
  const [disabling, setDisabling] = useState<Profile | null>(null);
  const action = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: Verb }) => profileAction(id, verb),
    onSuccess: (p, { verb }) => {
      qc.invalidateQueries({ queryKey: accountKeys.profiles });
      qc.setQueryData(accountKeys.profile(p.id), p);
      setDisabling(null);
      notifications.show({ message: verb === 'disable' ? `${p.name} was disabled.` : `${p.name} was unblocked.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const run = (p: Profile, verb: Verb) => action.mutate({ id: p.id, verb });
  const phone = useIsPhone();

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Profiles</PageTitle>
        {manage && (
          <Button component={Link} to="/profiles/new">
            New account
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {phone ? (
        <Stack gap="sm">
          {data?.items.map((p) => (
            <Card key={p.id} withBorder data-testid="profile-row" data-email={p.email}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <ProfileName p={p} me={me} manage={manage} />
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {p.email}
                    </Text>
                  </div>
                  <StatusBadge p={p} />
                </Group>
                <Text size="sm">{roleLabels[p.role] ?? p.role}</Text>
                {manage && (
                  <RowActions
                    profile={p}
                    busy={action.isPending}
                    onUnlock={() => run(p, 'unlock')}
                    onDisable={() => setDisabling(p)}
                    onReRegister={() => setReRegistering(p)}
                  />
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              {manage && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((p) => (
              <Table.Tr key={p.id} data-testid="profile-row" data-email={p.email}>
                <Table.Td>
                  <ProfileName p={p} me={me} manage={manage} />
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.email}</Table.Td>
                <Table.Td>{roleLabels[p.role] ?? p.role}</Table.Td>
                <Table.Td>
                  <StatusBadge p={p} />
                </Table.Td>
                {manage && (
                  <Table.Td>
                    <RowActions
                      profile={p}
                      busy={action.isPending}
                      onUnlock={() => run(p, 'unlock')}
                      onDisable={() => setDisabling(p)}
                      onReRegister={() => setReRegistering(p)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!isLoading && data?.items.length === 0 && <Text c="dimmed">No profiles.</Text>}
      {!manage && (
        <Text c="dimmed" size="sm">
          Only the company owner (primary profile) can add, edit or disable profiles.
        </Text>
      )}
      {reRegistering && <ReRegisterModal profile={reRegistering} onClose={() => setReRegistering(null)} />}
      <Modal opened={!!disabling} onClose={() => setDisabling(null)} title={`Disable ${disabling?.name ?? ''}?`}>
        <Stack>
          <Text size="sm">
            {disabling?.name} ({disabling?.email}) can no longer log in or receive mail. The profile and its history
            stay; you can re-register it to another person later.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDisabling(null)}>
              Cancel
            </Button>
            <Button color="red" loading={action.isPending} onClick={() => disabling && run(disabling, 'disable')}>
              Disable
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The profile's name with its blocked mark, linking to where it is edited. */
function ProfileName({ p, me, manage }: { p: Profile; me: Me; manage: boolean }) {
  return (
    <>
      {p.locked && <LockedMark />}
      {p.id === me.id ? (
        <Anchor component={Link} to="/me" size="sm">
          {p.name}
        </Anchor>
      ) : manage ? (
        <Anchor component={Link} to={`/profiles/${p.id}`} size="sm">
          {p.name}
        </Anchor>
      ) : (
        p.name
      )}
      {p.id === me.id && (
        <Text span c="dimmed" size="xs">
          {' '}
          (you)
        </Text>
      )}
    </>
  );
}

function StatusBadge({ p }: { p: Profile }) {
  return p.status === 'disabled' ? <Badge color="gray">Disabled</Badge> : <Badge color="green">Active</Badge>;
}

interface RowActionsProps {
  profile: Profile;
  busy: boolean;
  onUnlock: () => void;
  onDisable: () => void;
  onReRegister: () => void;
}

/** The primary's actions on one row; the primary's own row can only be unblocked. */
function RowActions({ profile: p, busy, onUnlock, onDisable, onReRegister }: RowActionsProps) {
  const owner = p.role === 'primary';
  return (
    <Group gap="xs">
      {!owner && (
        <Button size="xs" variant="light" component={Link} to={`/profiles/${p.id}`}>
          Edit
        </Button>
      )}
      {p.locked && (
        <Button size="xs" variant="light" color="orange" disabled={busy} onClick={onUnlock}>
          Unlock
        </Button>
      )}
      {!owner && p.status === 'active' && (
        <Button size="xs" variant="light" color="red" onClick={onDisable}>
          Disable
        </Button>
      )}
      {!owner && (
        <Button size="xs" variant="light" onClick={onReRegister}>
          Re-register
        </Button>
      )}
    </Group>
  );
}
