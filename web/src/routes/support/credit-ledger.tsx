import { Anchor, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CreditEntry } from '../../api/support';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
import { entryLabels, signed } from './plan-labels';

/**
 * S-2: the credit ledger, newest first: date, kind, amount (+/−), balance after, ticket, reason, who.
 * `ticketPath` makes a ticket's link (the portal's or the staff console's).
 */
export function CreditLedger({
  entries,
  ticketPath,
  hasMore,
  loadingMore,
  onMore,
}: {
  entries: CreditEntry[];
  ticketPath: (number: string) => string;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const phone = useIsPhone();
  const ticket = (e: CreditEntry) =>
    e.ticket ? (
      <Anchor component={Link} to={ticketPath(e.ticket.number)} underline="always">
        #{e.ticket.number}
      </Anchor>
    ) : (
      '—'
    );
  const amount = (e: CreditEntry) => (
    <Text span fw={600} c={e.amount > 0 ? 'green' : 'red'}>
      {signed(e.amount)}
    </Text>
  );
  if (entries.length === 0) return <Text c="dimmed">No credit movements yet.</Text>;
  return (
    <Stack gap="sm">
      {phone ? (
        entries.map((e) => (
          <Card key={e.id} withBorder data-testid="credit-entry">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>
                {entryLabels[e.kind]} {amount(e)}
              </Text>
              <Text size="sm" c="dimmed">
                <Time value={e.at} />
              </Text>
            </Group>
            <Text size="sm">{e.reason || '—'}</Text>
            <Text size="sm" c="dimmed">
              Balance after {e.balanceAfter} · {e.who} {e.ticket && '· '}
              {e.ticket && ticket(e)}
            </Text>
          </Card>
        ))
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th ta="right">Credits</Table.Th>
              <Table.Th ta="right">Balance after</Table.Th>
              <Table.Th>Ticket</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id} data-testid="credit-entry">
                <Table.Td>
                  <Time value={e.at} />
                </Table.Td>
                <Table.Td>{entryLabels[e.kind]}</Table.Td>
                <Table.Td ta="right">{amount(e)}</Table.Td>
                <Table.Td ta="right">{e.balanceAfter}</Table.Td>
                <Table.Td>{ticket(e)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.reason || '—'}</Table.Td>
                <Table.Td>{e.who}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {hasMore && (
        <Button variant="default" w="fit-content" onClick={onMore} loading={loadingMore}>
          Show older entries
        </Button>
      )}
    </Stack>
  );
}
