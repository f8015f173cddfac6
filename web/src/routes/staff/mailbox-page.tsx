import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get } from '../../api/client';
import type { Mail, MailSummary, Page } from '../../api/types';

const statusColor: Record<string, string> = { sent: 'green', pending: 'yellow', sending: 'blue', failed: 'red' };

/** E-1: the outbox; without SMTP settings this is where mail is read (the dev mailbox). */
export function MailboxPage() {
  const list = useInfiniteQuery({
    queryKey: ['staff-mailbox'],
    initialPageParam: '',
    queryFn: ({ pageParam }) => get<Page<MailSummary>>(`/staff/mailbox?${new URLSearchParams(pageParam ? { limit: '50', cursor: pageParam } : { limit: '50' })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>Dev mailbox</Title>
      <Text c="dimmed" size="sm">
        Every mail Clientele sends, newest first. Without SMTP settings, mail is only kept here.
      </Text>
      <TextInput label="Recipient" placeholder="name@example.com" value={to} onChange={(e) => setTo(e.currentTarget.value)} maw={360} />
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="mail-row" data-to={m.to}>
              <Table.Td>{new Date(m.createdAt).toLocaleString()}</Table.Td>
              <Table.Td>{m.to}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/staff/mailbox/${m.id}`}>
                  {m.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={statusColor[m.status] ?? 'gray'}>{m.transport === 'dev' ? 'kept (dev)' : m.status}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Button variant="light" w="fit-content" onClick={() => list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Stack>
  );
}

/** One mail, with its links clickable (a reset link must be followable from here). */
export function MailPage() {
  const { id = '' } = useParams();
  const { data: mail } = useQuery({ queryKey: ['staff-mail', id], queryFn: () => get<Mail>(`/staff/mailbox/${id}`) });
  if (!mail) return null;
  // Split into text and links; the offset makes each piece's key stable.
  let offset = 0;
  const parts = mail.text.split(/(https?:\/\/[^\s<>"]+)/g).map((text) => {
    const piece = { text, at: offset };
    offset += text.length;
    return piece;
  });
  return (
    <Stack>
      <Anchor component={Link} to="/staff/mailbox" size="sm">
        ← Dev mailbox
      </Anchor>
      <Title order={2}>{mail.subject}</Title>
      <Group gap="xs">
        <Text size="sm">To: {mail.to}</Text>
        <Badge color={statusColor[mail.status] ?? 'gray'}>{mail.status}</Badge>
        {mail.lastError && <Text size="sm" c="red">{mail.lastError}</Text>}
      </Group>
      <Card withBorder>
        <Text component="pre" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }} data-testid="mail-body">
          {parts.map((part) =>
            /^https?:\/\//.test(part.text) ? (
              <Anchor key={part.at} href={part.text}>
                {part.text}
              </Anchor>
            ) : (
              <Fragment key={part.at}>{part.text}</Fragment>
            ),
          )}
        </Text>
      </Card>
    </Stack>
  );
}
