import { PageTitle } from '../../components/page-title';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Rating,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Ticket, type TicketView, useTicketCounts, useTickets } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { customerStatus, priorityLabels } from '../../labels';

const views: { value: TicketView; label: string; count?: 'open' | 'awaiting' | 'solved' }[] = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open', count: 'open' },
  { value: 'awaiting', label: 'Awaiting your reply', count: 'awaiting' },
  { value: 'solved', label: 'Solved', count: 'solved' },
  { value: 'closed', label: 'Closed' },
];
const isView = (v: string | null): v is TicketView => views.some((x) => x.value === v);

/**
 * T-14: the communication index: newest activity first, by view (`?view=awaiting`, the home page's
 * links), search, "hide closed and rated", paging. A table from 768 px, cards on a phone.
 */
export function TicketsPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('view');
  const view: TicketView = isView(raw) ? raw : 'all';
  const [q, setQ] = useState('');
  const [messageId, setMessageId] = useState('');
  const [hideClosed, setHideClosed] = useState(true);
  const [dq] = useDebouncedValue(q.trim(), 300);
  const [dm] = useDebouncedValue(messageId.trim(), 300);
  const counts = useTicketCounts();
  const list = useTickets({
    q: dq || undefined,
    messageId: dm || undefined,
    // "Hide closed and rated" belongs to the whole index; a view already says what it holds.
    hideClosed: view === 'all' && hideClosed ? 'true' : undefined,
    view: view === 'all' ? undefined : view,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const setView = (v: string | null) => {
    const next = new URLSearchParams(params);
    if (v && v !== 'all') next.set('view', v);
    else next.delete('view');
    setParams(next, { replace: true });
  };
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Communication center</PageTitle>
        <Button component={Link} to="/tickets/new">
          New ticket
        </Button>
      </Group>
      <Tabs value={view} onChange={setView} keepMounted={false}>
        <Tabs.List>
          {views.map((v) => {
            const n = v.count ? counts.data?.[v.count] : undefined;
            return (
              <Tabs.Tab
                key={v.value}
                value={v.value}
                rightSection={
                  n !== undefined ? (
                    <Badge size="sm" variant={n > 0 ? 'filled' : 'light'} color={n > 0 ? undefined : 'gray'} circle>
                      {n}
                    </Badge>
                  ) : undefined
                }
              >
                {v.label}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Group align="end" wrap="wrap">
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
        {view === 'all' && (
          <Checkbox
            label="Hide closed and rated tickets"
            checked={hideClosed}
            onChange={(e) => setHideClosed(e.currentTarget.checked)}
            mb={6}
          />
        )}
      </Group>
      <ErrorAlert error={list.error} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed">{emptyText[view]}</Text>}
      {rows.length > 0 && (
        <>
          <Table striped highlightOnHover visibleFrom="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Brief description</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th visibleFrom="md">Department</Table.Th>
                <Table.Th>Last activity</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Rating</VisuallyHidden>
                </Table.Th>
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
                    <Text size="xs" c="dimmed">
                      {t.type.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge ticket={t} />
                  </Table.Td>
                  <Table.Td>
                    <Priority ticket={t} />
                  </Table.Td>
                  <Table.Td visibleFrom="md">{t.department.name}</Table.Td>
                  <Table.Td>
                    <Time value={t.lastActivityAt} />
                  </Table.Td>
                  <Table.Td>
                    <RatingCell ticket={t} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack hiddenFrom="sm" gap="sm">
            {rows.map((t) => (
              <Card key={t.number} withBorder padding="sm" data-testid="ticket-card" data-number={t.number}>
                <Stack gap={6}>
                  <Anchor component={Link} to={`/tickets/${t.number}`} fw={600}>
                    {t.title}
                  </Anchor>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" c="dimmed">
                      #{t.number}
                    </Text>
                    <StatusBadge ticket={t} />
                    <Priority ticket={t} />
                  </Group>
                  <Group justify="space-between">
                    <Text size="sm" c="dimmed">
                      Last activity <Time value={t.lastActivityAt} />
                    </Text>
                    <RatingCell ticket={t} />
                  </Group>
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          Older tickets
        </Button>
      )}
    </Stack>
  );
}

const emptyText: Record<TicketView, string> = {
  all: 'No tickets here.',
  open: 'No open tickets.',
  awaiting: 'Nothing is waiting for your reply.',
  solved: 'No solved tickets waiting to close.',
  closed: 'No closed tickets.',
};

function StatusBadge({ ticket }: { ticket: Ticket }) {
  const s = customerStatus(ticket);
  return (
    // A dot of the colour and the word in the text colour: readable (4.5:1) whatever the colour.
    <Badge color={s.color} variant="dot" size="lg" tt="none" style={{ overflow: 'visible' }} miw="fit-content">
      {s.label}
    </Badge>
  );
}

function Priority({ ticket: t }: { ticket: Ticket }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{priorityLabels[t.priority]}</Text>
      {t.hotrush && (
        <Badge color="red" size="sm">
          HotRush
        </Badge>
      )}
    </Group>
  );
}

function RatingCell({ ticket: t }: { ticket: Ticket }) {
  if (t.canRate && !t.rating)
    return (
      <Anchor component={Link} to={`/tickets/${t.number}?rate=1`} size="sm">
        Rate us
      </Anchor>
    );
  if (!t.rating) return null;
  return <Rating value={t.rating} readOnly size="xs" role="img" aria-label={`Rated ${t.rating} of 5`} />;
}
