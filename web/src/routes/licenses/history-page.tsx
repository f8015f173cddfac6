import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get } from '../../api/client';
import { eventLabels, type LicenseEvent } from '../../api/license-types';
import { ErrorAlert } from '../../components/error-alert';

function describe(e: LicenseEvent): string {
  const d = e.detail as Record<string, string | number | boolean | undefined>;
  if (d.from !== undefined && d.to !== undefined) return `${d.from || '—'} → ${d.to || '—'}`;
  if (d.to) return `to ${d.to}`;
  if (d.module) return String(d.module);
  if (d.name) return `${d.name}${d.expiresAt ? ` until ${String(d.expiresAt).slice(0, 10)}` : ''}`;
  if (d.product) return String(d.product);
  if (d.url) return String(d.url);
  return '';
}

/** L-6: every event of the license, oldest first (staff see the whole history; holders their part). */
export function LicenseHistoryPage({ staff = false }: { staff?: boolean }) {
  const { key = '' } = useParams();
  const { data, error } = useQuery({
    queryKey: ['license-history', staff, key],
    queryFn: () => get<{ items: LicenseEvent[] }>(`${staff ? '/staff' : ''}/licenses/${key}/history`),
  });
  return (
    <Stack>
      <Anchor component={Link} to={staff ? '/staff/licenses' : '/licenses'} size="sm">
        ← {staff ? 'Licenses' : 'My licenses'}
      </Anchor>
      <Title order={2}>History of {key}</Title>
      <ErrorAlert error={error} />
      {data && data.items.length === 0 && <Text c="dimmed">No events yet.</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((e) => (
            <Table.Tr key={e.id} data-testid="history-row" data-kind={e.kind}>
              <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
              <Table.Td>{eventLabels[e.kind] ?? e.kind}</Table.Td>
              <Table.Td>{describe(e)}</Table.Td>
              <Table.Td>{e.actorKind === 'staff' ? `${e.actor} (staff)` : e.actor}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
