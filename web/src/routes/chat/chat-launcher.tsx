import { Affix, Alert, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessageCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  chatKeys,
  endChat,
  startChat,
  useChatAvailability,
  useChatMessages,
  useChatSession,
  useChatSocket,
  useRecentChats,
} from '../../api/chat';
import { useCreateMutation } from '../../api/create-mutation';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime, zoneName } from '../../format';
import { Time } from '../../components/time';
import { ChatStatusBadge, ChatTicketLink, Composer, MessageLog } from './conversation';

/**
 * S-4: "Chat with support", a button at the bottom right of every portal page for customers of a
 * VIP company, opening the chat in a drawer. Outside support hours it tells the next opening in the
 * viewer's zone; the chat itself goes on past closing time.
 */
export function ChatLauncher() {
  const availability = useChatAvailability();
  const [opened, { open, close }] = useDisclosure(false);
  if (!availability.data?.vip) return null;
  return (
    <>
      <Affix position={{ bottom: 20, right: 20 }}>
        <Button leftSection={<IconMessageCircle size={18} aria-hidden />} onClick={open} radius="xl" size="md">
          Chat with support
        </Button>
      </Affix>
      <Drawer opened={opened} onClose={close} position="right" title="Chat with support" size="md">
        {opened && <ChatPanel onLeave={close} />}
      </Drawer>
    </>
  );
}

function ChatPanel({ onLeave }: { onLeave: () => void }) {
  const queryClient = useQueryClient();
  const availability = useChatAvailability();
  const [chosen, setChosen] = useState<string | null>(null);
  const sessionId = chosen ?? availability.data?.current?.id ?? null;
  if (!availability.data) return null;
  if (sessionId) return <CustomerChat id={sessionId} onNew={() => setChosen(null)} onLeave={onLeave} />;
  const { open, nextOpening } = availability.data;
  return (
    <Stack>
      {open ? (
        <StartChat
          onStarted={(id) => {
            setChosen(id);
            void queryClient.invalidateQueries({ queryKey: chatKeys.all });
          }}
        />
      ) : (
        <Alert color="blue" title="Live chat is closed now">
          Live chat is available during support hours. It opens again on{' '}
          <strong>
            {formatDateTime(nextOpening)} ({zoneName(new Date(nextOpening))})
          </strong>
          . You can open a ticket meanwhile.
        </Alert>
      )}
      <RecentChats onLeave={onLeave} />
    </Stack>
  );
}

/** The customer's earlier chats and the tickets they became. */
function RecentChats({ onLeave }: { onLeave: () => void }) {
  const recent = useRecentChats();
  const items = recent.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm" component="h3" m={0}>
        Earlier chats
      </Text>
      {items.map((s) => (
        <Group key={s.id} justify="space-between" gap="xs">
          <Text size="sm">
            <Time value={s.startedAt} />
            {s.agentName ? ` with ${s.agentName}` : ''}
          </Text>
          {s.ticket ? (
            <ChatTicketLink session={s} staff={false} onOpen={onLeave} />
          ) : (
            <ChatStatusBadge status={s.status} />
          )}
        </Group>
      ))}
    </Stack>
  );
}

function StartChat({ onStarted }: { onStarted: (id: string) => void }) {
  const start = useCreateMutation({
    mutationFn: (_: undefined, key) => startChat('', key),
    onSuccess: (s) => onStarted(s.id),
  });
  return (
    <Stack>
      <Text size="sm">
        Our support team answers here while support hours are open. Start a chat and write your question.
      </Text>
      <ErrorAlert error={start.error} />
      <Group>
        <Button onClick={() => start.mutate(undefined)} loading={start.isPending}>
          Start chat
        </Button>
      </Group>
    </Stack>
  );
}

function CustomerChat({ id, onNew, onLeave }: { id: string; onNew: () => void; onLeave: () => void }) {
  const queryClient = useQueryClient();
  const session = useChatSession(false, id);
  const { messages, error, catchUp } = useChatMessages(false, id);
  useChatSocket(false, (e) => {
    if (e.type === 'ready' || e.type === 'resync' || (e.type === 'message' && e.session.id === id)) void catchUp();
  });
  const end = useMutation({
    mutationFn: () => endChat(false, id),
    onSuccess: (s) => {
      queryClient.setQueryData(chatKeys.session(false, id), s);
      void queryClient.invalidateQueries({ queryKey: chatKeys.availability });
    },
  });
  const s = session.data;
  if (!s) return <ErrorAlert error={session.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <ChatStatusBadge status={s.status} />
        {s.agentName && s.status !== 'waiting' && <Text size="sm">With {s.agentName}</Text>}
      </Group>
      <ErrorAlert error={error ?? end.error} />
      <MessageLog messages={messages} mine="customer" height="calc(100dvh - 360px)" />
      {s.status === 'ended' ? (
        <Stack gap="xs">
          <Text size="sm">This chat has ended.</Text>
          <ChatTicketLink session={s} staff={false} onOpen={onLeave} />
          <Group>
            <Button variant="light" onClick={onNew}>
              New chat
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Composer staff={false} sessionId={id} onSent={() => void catchUp()} />
          <Group justify="flex-start">
            <Button variant="subtle" color="red" onClick={() => end.mutate()} loading={end.isPending}>
              End chat
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
