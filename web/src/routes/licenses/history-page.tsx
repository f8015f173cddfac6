import { PageTitle } from '../../components/page-title';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { type LicenseEvent, useLicenseHistory } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { dayOf, formatDateTime } from '../../format';
import { licenseEventLabels } from '../../labels';

function describe(e: LicenseEvent): string {
  const d = e.detail as Record<string, string | number | boolean | undefined>;
  if (d.from !== undefined && d.to !== undefined) return `${d.from || '—'} → ${d.to || '—'}`;
  if (d.to) return `to ${d.to}`;
  if (d.module) return String(d.module);
  if (d.name) return `${d.name}${d.expiresAt ? ` until ${dayOf(String(d.expiresAt))}` : ''}`;
  if (d.product) return String(d.product);
  if (d.url) return String(d.url);
  return '';
}

/** L-6: every event of the license, oldest first (staff see the whole history; holders their part). */
export function LicenseHistoryPage({ staff = false }: { staff?: boolean }) {
  const { key = '' } = useParams();
  const { data, error } = useLicenseHistory(key, staff);
  return (
    <Stack>
      <Anchor component={Link} to={staff ? '/staff/licenses' : '/licenses'} size="sm">
        ← {staff ? 'Licenses' : 'My licenses'}
      </Anchor>
      <PageTitle>{`History of ${key}`}</PageTitle>
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
              <Table.Td>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{licenseEventLabels[e.kind] ?? e.kind}</Table.Td>
              <Table.Td>{describe(e)}</Table.Td>
              <Table.Td>{e.actorKind === 'staff' ? `${e.actor} (staff)` : e.actor}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
