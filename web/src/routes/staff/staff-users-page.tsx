import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Text,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import {
  createStaffUser,
  type StaffRole,
  type StaffUserChange,
  staffKeys,
  updateStaffUser,
  useStaffUsers,
} from '../../api/staff';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { emailCheck, required, useFormErrors } from '../../components/use-field-errors';
import { roleLabels } from '../../labels';

const staffRoles: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'];
const roles = staffRoles.map((value) => ({
  value,
  label: roleLabels[value] ?? value,
}));

export function StaffUsersPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const { data, error } = useStaffUsers();
  const admin = can(me, 'staff.users');
  const [creating, setCreating] = useState(false);
  const phone = useIsPhone();
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: Pick<StaffUserChange, 'role' | 'disabled'> }) =>
      updateStaffUser(id, change),
    onSuccess: (u) => {
      qc.invalidateQueries({ queryKey: staffKeys.users });
      notifications.show({ message: `${u.name} was saved.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Staff users</PageTitle>
        {admin && <Button onClick={() => setCreating(true)}>New staff user</Button>}
      </Group>
      <ErrorAlert error={error} />
      {phone ? (
        <Stack gap="sm">
          {data?.items.map((u) => (
            <Card key={u.id} withBorder data-testid="staff-row" data-email={u.email}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{u.name}</Text>
                  {u.locked && <Badge color="orange">Blocked</Badge>}
                </Group>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {u.email}
                </Text>
                <Select
                  aria-label={`Role of ${u.name}`}
                  data={roles}
                  value={u.role}
                  allowDeselect={false}
                  disabled={u.id === me.id}
                  onChange={(role) => role && update.mutate({ id: u.id, change: { role: role as StaffRole } })}
                />
                <Switch
                  label="Can log in"
                  aria-label={`${u.name} can log in`}
                  checked={!u.disabled}
                  disabled={u.id === me.id}
                  onChange={(e) => update.mutate({ id: u.id, change: { disabled: !e.currentTarget.checked } })}
                />
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Active</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((u) => (
              <Table.Tr key={u.id} data-testid="staff-row" data-email={u.email}>
                <Table.Td>
                  {u.name} {u.locked && <Badge color="orange">Blocked</Badge>}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Role of ${u.name}`}
                    w={220}
                    data={roles}
                    value={u.role}
                    allowDeselect={false}
                    disabled={u.id === me.id}
                    onChange={(role) => role && update.mutate({ id: u.id, change: { role: role as StaffRole } })}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${u.name} can log in`}
                    checked={!u.disabled}
                    disabled={u.id === me.id}
                    onChange={(e) => update.mutate({ id: u.id, change: { disabled: !e.currentTarget.checked } })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewStaffModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewStaffModal({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as StaffRole, password: '' });
  const create = useCreateMutation({
    mutationFn: (_: void, key) => createStaffUser(form, key),
    onSuccess: (u) => {
      qc.invalidateQueries({ queryKey: staffKeys.users });
      notifications.show({ message: `${u.name} can log in to the staff console now.` });
      onClose();
    },
  });
  const errors = useFormErrors(create.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    errors.touch(key);
    setForm({ ...form, [key]: e.currentTarget.value });
  };
  return (
    <Modal opened onClose={onClose} title="New staff user">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const ok = errors.validate({
            email: emailCheck(form.email),
            name: required(form.name, 'Enter the name.'),
            password: required(form.password, 'Choose a password.'),
          });
          if (ok) create.mutate();
        }}
      >
        <Stack>
          <ErrorAlert
            error={errors.hasClientErrors ? null : create.error}
            fields={['email', 'name', 'role', 'password']}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={form.email}
            error={errors.errorFor('email')}
            onChange={set('email')}
          />
          <TextInput label="Name" required value={form.name} error={errors.errorFor('name')} onChange={set('name')} />
          <Select
            label="Role"
            data={roles}
            value={form.role}
            allowDeselect={false}
            error={errors.errorFor('role')}
            onChange={(v) => setForm({ ...form, role: (v as StaffRole | null) ?? 'agent' })}
          />
          <PasswordInput
            label="Password"
            required
            value={form.password}
            error={errors.errorFor('password')}
            onChange={set('password')}
          />
          <Button type="submit" loading={create.isPending}>
            Create staff user
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
