import { Anchor, Button, Card, Grid, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type ChatSession,
  type StaffChatView,
  chatKeys,
  chatToTicket,
  endChat,
  takeChat,
  useChatMessages,
  useChatSession,
  useChatSocket,
  useStaffChats,
} from '../../api/chat';
import { useCreateMutation } from '../../api/create-mutation';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
import { ChatStatusBadge, ChatTicketLink, Composer, MessageLog } from './conversation';

const views: { value: StaffChatView; label: string }[] = [
  { value: 'waiting', label: 'Waiting' },
  { value: 'mine', label: 'Mine' },
  { value: 'ended', label: 'Ended' },
];

/**
 * S-4: the agents' live chat: waiting chats (oldest first), the ones I took, ended ones; the chat
 * opened beside the list with Take, End and Turn into ticket. Events arrive over the socket; a
 * reconnect catches up on the messages after the last one shown.
 */
export function StaffChatPage() {
  const { id } = useParams();
  const [view, setView] = useState<StaffChatView>('waiting');
  const selected = id ?? null;
  const [tick, setTick] = useState(0);
  const { connected } = useChatSocket(true, (e) => {
    if (e.type === 'ready' || e.type === 'resync' || (e.type === 'message' && e.session.id === selected))
      setTick((n) => n + 1);
  });
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Live chat</PageTitle>
        <Text size="sm" c={connected ? 'green' : 'dimmed'} data-testid="chat-connection">
          {connected ? 'Live' : 'Connecting…'}
        </Text>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Which chats"
              value={view}
              onChange={(v) => setView(v as StaffChatView)}
              data={views}
            />
            <ChatList view={view} selected={selected} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {selected ? (
            <StaffConversation key={selected} id={selected} tick={tick} />
          ) : (
            <Text c="dimmed" size="sm">
              Choose a chat to read it.
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ChatList({ view, selected }: { view: StaffChatView; selected: string | null }) {
  const list = useStaffChats(view);
  const phone = useIsPhone();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const link = (s: ChatSession) => (
    <Anchor component={Link} to={`/staff/chat/${s.id}`} fw={s.id === selected ? 700 : undefined}>
      {s.customerName}
    </Anchor>
  );
  if (list.error) return <ErrorAlert error={list.error} />;
  if (list.data && items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {view === 'waiting' ? 'Nobody is waiting.' : view === 'mine' ? 'You have no open chats.' : 'No ended chats.'}
      </Text>
    );
  return (
    <Stack gap="xs">
      {phone ? (
        items.map((s) => (
          <Card key={s.id} withBorder padding="sm">
            <Group justify="space-between">
              {link(s)}
              <ChatStatusBadge status={s.status} />
            </Group>
            <Text size="sm">{s.companyName}</Text>
            <Text size="xs" c="dimmed">
              Started <Time value={s.startedAt} />
            </Text>
          </Card>
        ))
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Company</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Agent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{link(s)}</Table.Td>
                <Table.Td>{s.companyName}</Table.Td>
                <Table.Td>
                  <Time value={s.startedAt} />
                </Table.Td>
                <Table.Td>{s.agentName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Group>
          <Button variant="light" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function StaffConversation({ id, tick }: { id: string; tick: number }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useChatSession(true, id);
  const { messages, error, catchUp } = useChatMessages(true, id);
  const [seen, setSeen] = useState(tick);
  if (tick !== seen) {
    setSeen(tick);
    void catchUp();
  }
  const changed = (s: ChatSession) => {
    queryClient.setQueryData(chatKeys.session(true, id), s);
    void queryClient.invalidateQueries({ queryKey: ['chat', 'staff-list'] });
  };
  const take = useMutation({ mutationFn: () => takeChat(id), onSuccess: changed });
  const end = useMutation({ mutationFn: () => endChat(true, id), onSuccess: changed });
  const ticket = useCreateMutation({
    mutationFn: (_: undefined, key) => chatToTicket(id, key),
    onSuccess: (r) => changed(r.session),
  });
  const s = session.data;
  if (!s) return <ErrorAlert error={session.error} />;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text fw={600} component="h2" size="lg" m={0}>
              {s.customerName} · {s.companyName}
            </Text>
            <Text size="xs" c="dimmed">
              Started <Time value={s.startedAt} />
              {s.agentName ? ` · taken by ${s.agentName}` : ''}
            </Text>
          </div>
          <ChatStatusBadge status={s.status} />
        </Group>
        <ErrorAlert error={error ?? take.error ?? end.error ?? ticket.error} />
        <MessageLog messages={messages} mine="agent" height={360} />
        <ChatTicketLink session={s} staff />
        {s.status === 'active' && <Composer staff sessionId={id} onSent={() => void catchUp()} />}
        <Group>
          {s.status === 'waiting' && (
            <Button onClick={() => take.mutate()} loading={take.isPending}>
              Take
            </Button>
          )}
          {!s.ticket && messages.length > 0 && (
            <Button variant="light" onClick={() => ticket.mutate(undefined)} loading={ticket.isPending}>
              Turn into ticket
            </Button>
          )}
          {s.status !== 'ended' && (
            <Button variant="subtle" color="red" onClick={() => end.mutate()} loading={end.isPending}>
              End chat
            </Button>
          )}
          {s.status === 'ended' && (
            <Button variant="subtle" onClick={() => navigate('/staff/chat')}>
              Close
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
