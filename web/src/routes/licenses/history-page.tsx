import { PageTitle } from '../../components/page-title';
import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { type LicenseEvent, useLicenseHistory } from '../../api/licenses';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
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

const actor = (e: LicenseEvent) => (e.actorKind === 'staff' ? `${e.actor} (staff)` : e.actor);

/** L-6: every event of the license, oldest first (staff see the whole history; holders their part). */
export function LicenseHistoryPage({ staff = false }: { staff?: boolean }) {
  const { key = '' } = useParams();
  const { data, error } = useLicenseHistory(key, staff);
  const phone = useIsPhone();
  if (error instanceof ApiError && error.status === 404) return <NotFound what={`The license ${key}`} />;
  return (
    <Stack>
      <Anchor component={Link} to={staff ? '/staff/licenses' : '/licenses'} size="sm">
        ← {staff ? 'Licenses' : 'My licenses'}
      </Anchor>
      <PageTitle>{`History of ${key}`}</PageTitle>
      <ErrorAlert error={error} />
      {data && data.items.length === 0 && <Text c="dimmed">No events yet.</Text>}
      {phone ? (
        <Stack gap="sm">
          {data?.items.map((e) => (
            <Card key={e.id} withBorder padding="sm" data-testid="history-row" data-kind={e.kind}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>{licenseEventLabels[e.kind] ?? e.kind}</Text>
                <Text size="sm" c="dimmed">
                  <Time value={e.at} />
                </Text>
              </Group>
              {describe(e) && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {describe(e)}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                By {actor(e)}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
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
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{describe(e)}</Table.Td>
                <Table.Td>{actor(e)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
