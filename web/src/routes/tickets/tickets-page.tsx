import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTickets } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { priorityLabels, ticketStatusColors, ticketStatusLabels } from '../../labels';

/** T-14: the communication index: newest activity first, search, "hide closed and rated", paging. */
export function TicketsPage() {
  const [q, setQ] = useState('');
  const [messageId, setMessageId] = useState('');
  const [hideClosed, setHideClosed] = useState(true);
  const [dq] = useDebouncedValue(q.trim(), 300);
  const [dm] = useDebouncedValue(messageId.trim(), 300);
  const list = useTickets({
    q: dq || undefined,
    messageId: dm || undefined,
    hideClosed: hideClosed ? 'true' : undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Communication center</PageTitle>
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
                    <Badge color={ticketStatusColors[t.status]} variant="light">
                      {ticketStatusLabels[t.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {priorityLabels[t.priority]} {t.hotrush && <Badge color="red">HotRush</Badge>}
                  </Table.Td>
                  <Table.Td>{formatDateTime(t.lastActivityAt)}</Table.Td>
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
