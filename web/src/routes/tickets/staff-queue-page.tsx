import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useStaffQueue, useStaffTicketSearch } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { priorityLabels, ticketStatusColors, ticketStatusLabels } from '../../labels';

type Assignee = 'any' | 'none' | 'me';

/** T-16: a department's queue, HotRush first, then due time, then effective priority (T-11); search across companies. */
export function StaffQueuePage() {
  const [department, setDepartment] = useState('support');
  const [assignee, setAssignee] = useState<Assignee>('any');
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 300);
  const queue = useStaffQueue(department, assignee, { enabled: !dq });
  const found = useStaffTicketSearch(dq);
  const departments = queue.data?.pages[0]?.departments ?? [];
  const rows = dq ? (found.data?.items ?? []) : (queue.data?.pages.flatMap((p) => p.items) ?? []);
  return (
    <Stack>
      <PageTitle>Tickets</PageTitle>
      <Group align="end">
        <Select
          label="Department"
          data={departments.map((d) => ({ value: d.key, label: d.name }))}
          value={department}
          onChange={(v) => v && setDepartment(v)}
          allowDeselect={false}
        />
        <SegmentedControl
          value={assignee}
          onChange={(v) => setAssignee(v as Assignee)}
          data={[
            { value: 'any', label: 'All open' },
            { value: 'none', label: 'Unassigned' },
            { value: 'me', label: 'Mine' },
          ]}
        />
        <TextInput
          label="Find"
          description="Ticket number, message ID or words"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={queue.error ?? found.error} />
      {rows.length === 0 && (queue.isSuccess || found.isSuccess) && (
        <Text c="dimmed">{dq ? 'Nothing found.' : 'The queue is empty.'}</Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Company</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Priority</Table.Th>
              <Table.Th title="T-11: the priority as the queue counts it, after the company's habit">
                Queues as
              </Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Agent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.number} data-testid="queue-row" data-number={t.number}>
                <Table.Td>{t.number}</Table.Td>
                <Table.Td>
                  {t.hotrush && (
                    <Badge color="red" mr={4}>
                      HotRush
                    </Badge>
                  )}
                  <Anchor component={Link} to={`/staff/tickets/${t.number}`}>
                    {t.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t.company.name}</Table.Td>
                <Table.Td>
                  <Badge color={ticketStatusColors[t.status]} variant="light">
                    {ticketStatusLabels[t.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{priorityLabels[t.priority]}</Table.Td>
                <Table.Td>
                  {t.effectiveLabel} ({t.effective.toFixed(2)})
                </Table.Td>
                <Table.Td>{formatDateTime(t.dueAt)}</Table.Td>
                <Table.Td>{t.assignee?.name ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!dq && queue.hasNextPage && (
        <Button variant="default" onClick={() => queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
          More
        </Button>
      )}
      <Text size="xs" c="dimmed">
        Order: HotRush first, then the due time, then the effective priority: the ticket's priority (Major 3, Normal 2,
        Minor 1) minus the company's habit over its last 90 days (mean points − 2). A company that marks everything
        Major queues as Normal.
      </Text>
    </Stack>
  );
}
