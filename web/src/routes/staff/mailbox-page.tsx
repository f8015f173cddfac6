import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type MailSummary, useMail, useMailbox } from '../../api/staff';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
import { mailStatusColors } from '../../labels';

/** Mail kept by the dev transport was never handed to a real server: say so. */
function MailStatus({ mail }: { mail: MailSummary }) {
  return (
    <Badge color={mailStatusColors[mail.status] ?? 'gray'}>
      {mail.transport === 'dev' && mail.status === 'sent' ? 'kept (dev)' : mail.status}
    </Badge>
  );
}

/** E-1: the outbox; without SMTP settings this is where mail is read (the dev mailbox). */
export function MailboxPage() {
  const [to, setTo] = useState('');
  const [recipient] = useDebouncedValue(to.trim(), 250);
  const list = useMailbox(recipient);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const phone = useIsPhone();
  return (
    <Stack>
      <PageTitle>Dev mailbox</PageTitle>
      <Text c="dimmed" size="sm">
        Every mail Clientele sends, newest first. Without SMTP settings, mail is only kept here.
      </Text>
      <TextInput
        label="Recipient"
        description="The exact e-mail address"
        placeholder="name@example.com"
        type="email"
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        maw={360}
      />
      {phone ? (
        <Stack gap="sm">
          {rows.map((m) => (
            <Card key={m.id} withBorder data-testid="mail-row" data-to={m.to}>
              <Stack gap={4}>
                <Anchor component={Link} to={`/staff/mailbox/${m.id}`} fw={600}>
                  {m.subject}
                </Anchor>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {m.to}
                </Text>
                <Group justify="space-between" wrap="nowrap">
                  <MailStatus mail={m} />
                  <Text size="sm" c="dimmed">
                    <Time value={m.createdAt} />
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
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
                <Table.Td>
                  <Time value={m.createdAt} />
                </Table.Td>
                <Table.Td>{m.to}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/staff/mailbox/${m.id}`} size="sm">
                    {m.subject}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <MailStatus mail={m} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!list.isLoading && rows.length === 0 && <Text c="dimmed">No mail{recipient ? ` to ${recipient}` : ''}.</Text>}
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
  const { data: mail, error } = useMail(id);
  if (error instanceof ApiError && error.status === 404) return <NotFound what="This mail" />;
  if (error) return <ErrorAlert error={error} />;
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
      <PageTitle>{mail.subject}</PageTitle>
      <Group gap="xs">
        <Text size="sm">To: {mail.to}</Text>
        <MailStatus mail={mail} />
        {mail.lastError && (
          <Text size="sm" c="red">
            {mail.lastError}
          </Text>
        )}
      </Group>
      <Card withBorder>
        <Text
          component="pre"
          style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}
          data-testid="mail-body"
        >
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
