import { PageTitle } from '../../components/page-title';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { type InboundState, inboundAction, ticketKeys, useInboundMail, useInboundMessage } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { RowMenu } from '../../components/row-menu';
import { Time } from '../../components/time';

const states = [
  { value: 'held', label: 'Held' },
  { value: 'posted', label: 'Posted' },
  { value: 'opened', label: 'Opened tickets' },
  { value: 'duplicate', label: 'Redeliveries' },
  { value: 'all', label: 'All' },
];

type InboundRow = NonNullable<ReturnType<typeof useInboundMail>['data']>['pages'][number]['items'][number];

/** The state of a message with its reason, the ticket it went to and the checks it rests on. */
function InboundStatus({ m }: { m: InboundRow }) {
  return (
    <div>
      <Badge variant="light">{m.state}</Badge>{' '}
      <Text span size="xs">
        {m.reason}
      </Text>
      {m.ticketNumber && (
        <Anchor component={Link} to={`/staff/tickets/${m.ticketNumber}`} size="xs" ml={4}>
          #{m.ticketNumber}
        </Anchor>
      )}
      {m.checks && (
        <Text size="xs" c="dimmed" data-testid="inbound-checks" style={{ overflowWrap: 'anywhere' }}>
          {m.checks}
        </Text>
      )}
    </div>
  );
}

/** A held message's actions in the row's menu. */
function Actions({
  id,
  subject,
  act,
}: {
  id: string;
  subject: string;
  act: (v: { id: string; action: 'discard' | 'retry' }) => void;
}) {
  return (
    <RowMenu label={`Actions for "${subject || 'no subject'}"`}>
      <Menu.Item leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => act({ id, action: 'retry' })}>
        Process again
      </Menu.Item>
      <Menu.Item
        color="red"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={() => act({ id, action: 'discard' })}
      >
        Discard
      </Menu.Item>
    </RowMenu>
  );
}

/** E-2: inbound mail; held messages (bounces, auto-replies, unknown senders…) wait here for a person. */
export function StaffInboundPage() {
  const qc = useQueryClient();
  const [state, setState] = useState<InboundState | 'all'>('held');
  const [open, setOpen] = useState<string | null>(null);
  const list = useInboundMail(state);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const phone = useIsPhone();
  const detail = useInboundMessage(open);
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'discard' | 'retry' }) => inboundAction(id, action),
    onSuccess: (m) => {
      qc.invalidateQueries({ queryKey: ticketKeys.inbound });
      notifications.show({ message: `Message ${m.state}${m.reason ? `: ${m.reason}` : ''}` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Stack>
      <PageTitle>Inbound mail</PageTitle>
      <Text size="sm" c="dimmed">
        Replies to a notification's own reply address, from the person it was sent to, become ticket messages; mail to
        the support address opens tickets when the sender's domain authenticates it (DMARC, DKIM or SPF). Everything
        else is held here with the reason and the checks it rests on, and never answered automatically.
      </Text>
      {phone ? (
        <Select
          label="Show"
          data={states}
          value={state}
          allowDeselect={false}
          onChange={(v) => v && setState(v as InboundState | 'all')}
        />
      ) : (
        <SegmentedControl
          value={state}
          onChange={(v) => setState(v as InboundState | 'all')}
          data={states}
          w="fit-content"
        />
      )}
      <ErrorAlert error={list.error} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed">Nothing here.</Text>}
      {phone ? (
        <Stack gap="sm">
          {rows.map((m) => (
            <Card key={m.id} withBorder data-testid="inbound-row">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Anchor component="button" fw={600} ta="left" onClick={() => setOpen(m.id)}>
                    {m.subject || '(no subject)'}
                  </Anchor>
                  {m.state === 'held' && <Actions id={m.id} subject={m.subject} act={act.mutate} />}
                </Group>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {m.from || '—'} · <Time value={m.receivedAt} />
                </Text>
                <InboundStatus m={m} />
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id} data-testid="inbound-row">
                <Table.Td>
                  <Time value={m.receivedAt} />
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.from || '—'}</Table.Td>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => setOpen(m.id)}>
                    {m.subject || '(no subject)'}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <InboundStatus m={m} />
                </Table.Td>
                <Table.Td>{m.state === 'held' && <Actions id={m.id} subject={m.subject} act={act.mutate} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Button variant="light" w="fit-content" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          Load more
        </Button>
      )}
      <Modal opened={!!open} onClose={() => setOpen(null)} title={detail.data?.subject || 'Message'} size="xl">
        <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }}>
          {detail.data?.source}
        </Code>
      </Modal>
    </Stack>
  );
}
