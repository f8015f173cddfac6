import { Badge, Button, Group, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, get, post } from '../../api/client';
import type { Me, Profile } from '../../api/types';
import { roleLabels } from '../../api/types';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { emptyProfileForm, ProfileFields, type ProfileForm } from './profile-fields';

export function ProfilesPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const manage = can(me, 'profiles.manage');
  const { data, error } = useQuery({ queryKey: ['profiles'], queryFn: () => get<{ items: Profile[] }>('/profiles') });
  const [reRegistering, setReRegistering] = useState<Profile | null>(null);
  const action = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'disable' | 'unlock' }) => post<Profile>(`/profiles/${id}/${verb}`),
    onSuccess: (p, { verb }) => {
      qc.invalidateQueries({ queryKey: ['profiles'] });
      notifications.show({ message: verb === 'disable' ? `${p.name} was disabled.` : `${p.name} was unblocked.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Profiles</Title>
        {manage && (
          <Button component={Link} to="/profiles/new">
            New account
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
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
                {p.locked && (
                  <Tooltip label="Blocked after failed log-ins">
                    <span role="img" aria-label="Blocked after failed log-ins">
                      🔒{' '}
                    </span>
                  </Tooltip>
                )}
                {p.id === me.id ? <Link to="/me">{p.name}</Link> : manage ? <Link to={`/profiles/${p.id}`}>{p.name}</Link> : p.name}
              </Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>{roleLabels[p.role]}</Table.Td>
              <Table.Td>{p.status === 'disabled' ? <Badge color="gray">Disabled</Badge> : <Badge color="green">Active</Badge>}</Table.Td>
              {manage && (
                <Table.Td>
                  {p.role !== 'primary' && (
                    <Group gap="xs">
                      <Button size="xs" variant="light" component={Link} to={`/profiles/${p.id}`}>
                        Edit
                      </Button>
                      {p.locked && (
                        <Button size="xs" variant="light" onClick={() => action.mutate({ id: p.id, verb: 'unlock' })}>
                          Unlock
                        </Button>
                      )}
                      {p.status === 'active' && (
                        <Button size="xs" variant="light" color="red" onClick={() => action.mutate({ id: p.id, verb: 'disable' })}>
                          Disable
                        </Button>
                      )}
                      <Button size="xs" variant="light" onClick={() => setReRegistering(p)}>
                        Re-register
                      </Button>
                    </Group>
                  )}
                  {p.role === 'primary' && p.locked && (
                    <Button size="xs" variant="light" onClick={() => action.mutate({ id: p.id, verb: 'unlock' })}>
                      Unlock
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!manage && (
        <Text c="dimmed" size="sm">
          Only the company owner (primary profile) can add, edit or disable profiles.
        </Text>
      )}
      {reRegistering && <ReRegisterModal profile={reRegistering} onClose={() => setReRegistering(null)} />}
    </Stack>
  );
}

function ReRegisterModal({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<ProfileForm>({ ...emptyProfileForm });
  const save = useMutation({
    mutationFn: () =>
      post<Profile>(`/profiles/${profile.id}/re-register`, {
        email: form.email,
        name: form.name,
        phone: form.phone || undefined,
        jobTitle: form.jobTitle || undefined,
        password: form.password || undefined,
      }),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ['profiles'] });
      notifications.show({ message: `The profile now belongs to ${p.name}.` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Re-register ${profile.name}'s profile to another person`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            What this profile did stays in its history. The new person gets its access from now on.
          </Text>
          <ErrorAlert error={save.error} />
          <ProfileFields form={form} onChange={setForm} error={save.error} withRole={false} />
          <Button type="submit" loading={save.isPending}>
            Re-register
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
