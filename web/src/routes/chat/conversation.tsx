import { Anchor, Badge, Box, Button, Group, Paper, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type ChatMessage, type ChatSession, postChatMessage } from '../../api/chat';
import { useCreateMutation } from '../../api/create-mutation';
import { ErrorAlert } from '../../components/error-alert';
import { useFormErrors } from '../../components/use-field-errors';
import { formatDateTime, formatTime } from '../../format';

export const maxChatMessage = 4000;

export const chatStatusLabels: Record<ChatSession['status'], string> = {
  waiting: 'Waiting for an agent',
  active: 'In progress',
  ended: 'Ended',
};

export function ChatStatusBadge({ status }: { status: ChatSession['status'] }) {
  const color = status === 'waiting' ? 'yellow' : status === 'active' ? 'green' : 'gray';
  return (
    <Badge color={color} variant="light">
      {chatStatusLabels[status]}
    </Badge>
  );
}

/**
 * The messages of a chat, oldest first, as a live region (role="log": new messages are read out
 * politely), with times in the viewer's zone; the newest stays in view.
 */
export function MessageLog({
  messages,
  mine,
  height,
}: {
  messages: ChatMessage[];
  mine: 'customer' | 'agent';
  height: number | string;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on every new message
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages.length]);
  return (
    <ScrollArea h={height} viewportRef={viewport} type="auto" offsetScrollbars>
      <Stack gap="xs" role="log" aria-live="polite" aria-label="Chat messages" data-testid="chat-log">
        {messages.length === 0 && (
          <Text size="sm" c="dimmed">
            No messages yet.
          </Text>
        )}
        {messages.map((m) => {
          const own = m.author.kind === mine;
          return (
            <Paper
              key={m.seq}
              withBorder
              p="xs"
              maw="85%"
              ml={own ? 'auto' : undefined}
              bg={own ? 'var(--mantine-color-blue-light)' : undefined}
              data-testid="chat-message"
            >
              <Group gap={6} justify="space-between" wrap="nowrap">
                <Text size="xs" fw={600}>
                  {m.author.name}
                  {m.author.kind === 'agent' ? ' (support)' : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={m.createdAt} title={formatDateTime(m.createdAt)}>
                    {formatTime(m.createdAt)}
                  </time>
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m.body}
              </Text>
            </Paper>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}

/** The composer: a labelled text area and Send (Enter sends, Shift+Enter starts a new line). */
export function Composer({ staff, sessionId, onSent }: { staff: boolean; sessionId: string; onSent: () => void }) {
  const [body, setBody] = useState('');
  const send = useCreateMutation({
    mutationFn: (text: string, key) => postChatMessage(staff, sessionId, text, key),
    onSuccess: () => {
      setBody('');
      onSent();
    },
  });
  const form = useFormErrors(send.error);
  const submit = () => {
    const text = body.trim();
    if (!form.validate({ body: !text && 'Write a message.' })) return;
    send.mutate(text);
  };
  return (
    <Box
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={form.hasClientErrors ? null : send.error} fields={['body']} />
        <Textarea
          label="Your message"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={maxChatMessage}
          value={body}
          error={form.errorFor('body')}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            form.touch('body');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={send.isPending}>
            Send
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

/** The ticket a chat was turned into, as a link for the customer or the agent. */
export function ChatTicketLink({
  session,
  staff,
  onOpen,
}: {
  session: ChatSession;
  staff: boolean;
  onOpen?: () => void;
}) {
  if (!session.ticket) return null;
  const n = session.ticket.number;
  return (
    <Text size="sm">
      This chat continues as ticket{' '}
      <Anchor component={Link} to={staff ? `/staff/tickets/${n}` : `/tickets/${n}`} onClick={onOpen}>
        #{n}
      </Anchor>
      .
    </Text>
  );
}
