import { Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, fieldError, get, post } from '../../api/client';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';

interface Canned {
  id: string;
  department: string | null;
  title: string;
  body: string;
}

/** T-16: canned replies that agents insert into answers; kept by department heads and admins. */
export function StaffCannedPage() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['canned-all'], queryFn: () => get<{ items: Canned[] }>('/staff/canned-replies') });
  const departments = useQuery({
    queryKey: ['staff-queue-departments'],
    queryFn: () => get<{ departments: { key: string; name: string }[] }>('/staff/tickets/queue?limit=1'),
  });
  const [form, setForm] = useState({ title: '', body: '', department: null as string | null });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['canned-all'] });
    qc.invalidateQueries({ queryKey: ['canned'] });
  };
  const add = useMutation({
    mutationFn: () => post<Canned>('/staff/canned-replies', form),
    onSuccess: () => {
      refresh();
      setForm({ title: '', body: '', department: form.department });
      notifications.show({ message: 'Canned reply added.' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/staff/canned-replies/${id}`),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const depName = (key: string | null) =>
    key ? (departments.data?.departments.find((d) => d.key === key)?.name ?? key) : 'All departments';
  return (
    <Stack>
      <Title order={2}>Canned replies</Title>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Stack gap="xs">
            <ErrorAlert error={add.error} fields={['title', 'body', 'department']} />
            <Group grow>
              <TextInput
                label="Title"
                value={form.title}
                onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
                error={fieldError(add.error, 'title')}
                required
              />
              <Select
                label="Department"
                placeholder="All departments"
                clearable
                data={(departments.data?.departments ?? []).map((d) => ({ value: d.key, label: d.name }))}
                value={form.department}
                onChange={(v) => setForm({ ...form, department: v })}
              />
            </Group>
            <Textarea
              label="Text"
              autosize
              minRows={3}
              value={form.body}
              onChange={(e) => setForm({ ...form, body: e.currentTarget.value })}
              error={fieldError(add.error, 'body')}
              required
            />
            <Group>
              <Button type="submit" loading={add.isPending}>
                Add canned reply
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <ErrorAlert error={list.error} />
      {list.data?.items.length === 0 && <Text c="dimmed">No canned replies yet.</Text>}
      <Table striped>
        <Table.Tbody>
          {list.data?.items.map((c) => (
            <Table.Tr key={c.id} data-testid="canned-row">
              <Table.Td>
                <Text fw={500}>{c.title}</Text>
                <Text size="xs" c="dimmed">
                  {depName(c.department)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={3}>
                  {c.body}
                </Text>
              </Table.Td>
              <Table.Td>
                <Confirm
                  title={`Delete the canned reply "${c.title}"?`}
                  confirmLabel="Delete"
                  color="red"
                  onConfirm={() => remove.mutate(c.id)}
                  trigger={(open) => (
                    <Button size="compact-xs" color="red" variant="subtle" onClick={open}>
                      Delete
                    </Button>
                  )}
                >
                  Agents will no longer find it when they answer.
                </Confirm>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
