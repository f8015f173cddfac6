import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, fieldError } from '../../api/client';
import { addCannedReply, deleteCannedReply, ticketKeys, useAllCannedReplies, useDepartments } from '../../api/tickets';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';

/** T-16: canned replies that agents insert into answers; kept by department heads and admins. */
export function StaffCannedPage() {
  const qc = useQueryClient();
  const list = useAllCannedReplies();
  const departments = useDepartments();
  const [form, setForm] = useState({ title: '', body: '', department: null as string | null });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ticketKeys.cannedAll });
    qc.invalidateQueries({ queryKey: ticketKeys.canned });
  };
  const add = useCreateMutation({
    mutationFn: (_: void, key) => addCannedReply(form, key),
    onSuccess: () => {
      refresh();
      setForm({ title: '', body: '', department: form.department });
      notifications.show({ message: 'Canned reply added.' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteCannedReply(id),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const depName = (key: string | null) =>
    key ? (departments.data?.find((d) => d.key === key)?.name ?? key) : 'All departments';
  return (
    <Stack>
      <PageTitle>Canned replies</PageTitle>
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
                data={(departments.data ?? []).map((d) => ({ value: d.key, label: d.name }))}
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
