import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { addCannedReply, deleteCannedReply, ticketKeys, useAllCannedReplies, useDepartments } from '../../api/tickets';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { required, useFormErrors } from '../../components/use-field-errors';

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
  const errors = useFormErrors(add.error);
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
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const ok = errors.validate({
              title: required(form.title, 'Enter a title.'),
              body: required(form.body, 'Enter the text of the reply.'),
            });
            if (ok) add.mutate();
          }}
        >
          <Stack gap="xs">
            <ErrorAlert error={errors.hasClientErrors ? null : add.error} fields={['title', 'body', 'department']} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Title"
                value={form.title}
                onChange={(e) => {
                  errors.touch('title');
                  setForm({ ...form, title: e.currentTarget.value });
                }}
                error={errors.errorFor('title')}
                required
              />
              <Select
                label="Department"
                placeholder="All departments"
                clearable
                data={(departments.data ?? []).map((d) => ({ value: d.key, label: d.name }))}
                value={form.department}
                error={errors.errorFor('department')}
                onChange={(v) => setForm({ ...form, department: v })}
              />
            </SimpleGrid>
            <Textarea
              label="Text"
              autosize
              minRows={3}
              value={form.body}
              onChange={(e) => {
                errors.touch('body');
                setForm({ ...form, body: e.currentTarget.value });
              }}
              error={errors.errorFor('body')}
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
      <Stack gap="sm">
        {list.data?.items.map((c) => (
          <Card key={c.id} withBorder padding="sm" data-testid="canned-row">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text fw={500}>{c.title}</Text>
                <Text size="xs" c="dimmed">
                  {depName(c.department)}
                </Text>
              </div>
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
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={3}>
              {c.body}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
