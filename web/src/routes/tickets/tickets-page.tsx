import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { priorityLabels, statusColors, statusLabels, type Ticket } from '../../api/ticket-types';
import { ErrorAlert } from '../../components/error-alert';

/** T-14: the communication index: newest activity first, search, "hide closed and rated", paging. */
export function TicketsPage() {
  const [q, setQ] = useState('');
  const [messageId, setMessageId] = useState('');
  const [hideClosed, setHideClosed] = useState(true);
  const [dq] = useDebouncedValue(q.trim(), 300);
  const [dm] = useDebouncedValue(messageId.trim(), 300);
  const params = new URLSearchParams();
  if (dq) params.set('q', dq);
  if (dm) params.set('messageId', dm);
  if (hideClosed) params.set('hideClosed', 'true');
  const list = useInfiniteQuery({
    queryKey: ['tickets', params.toString()],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      get<{ items: Ticket[]; nextCursor: string | null }>(
        `/tickets?${params}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Communication center</Title>
        <Button component={Link} to="/tickets/new">
          New ticket
        </Button>
      </Group>
      <Group align="end">
        <TextInput
          label="Search"
          description="Words in titles and messages"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <TextInput
          label="Message ID"
          description="Like K7Q2M-9XT4P"
          value={messageId}
          onChange={(e) => setMessageId(e.currentTarget.value)}
        />
        <Checkbox
          label="Hide closed and rated tickets"
          checked={hideClosed}
          onChange={(e) => setHideClosed(e.currentTarget.checked)}
          mb={6}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed">No tickets here.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Brief description</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Last activity</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((t) => (
                <Table.Tr key={t.number} data-testid="ticket-row" data-number={t.number}>
                  <Table.Td>{t.number}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/tickets/${t.number}`}>
                      {t.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t.type.name}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColors[t.status]} variant="light">
                      {statusLabels[t.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {priorityLabels[t.priority]} {t.hotrush && <Badge color="red">HotRush</Badge>}
                  </Table.Td>
                  <Table.Td>{new Date(t.lastActivityAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {t.canRate && !t.rating && (
                      <Anchor component={Link} to={`/tickets/${t.number}?rate=1`} size="sm">
                        Rate us
                      </Anchor>
                    )}
                    {t.rating && <Text size="sm">{'★'.repeat(t.rating)}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          Older tickets
        </Button>
      )}
    </Stack>
  );
}
