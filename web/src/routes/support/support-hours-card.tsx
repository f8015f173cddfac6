import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { SupportHoursView } from '../../api/support';
import { formatDay, today } from '../../format';
import { SupportHours, weekText } from '../tickets/support-hours';

/**
 * S-5: the support hours on the desk's clock and the viewer's (the new-ticket page's line), the
 * terms' table of cities, and the coming holidays.
 */
export function SupportHoursCard({ hours, title = 'Support hours' }: { hours: SupportHoursView; title?: string }) {
  const from = today();
  const holidays = hours.holidays.filter((d) => d >= from);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <SupportHours hours={hours} />
        <Text size="sm">Most of our support specialists are on duty at these times:</Text>
        <Table maw={520} data-testid="support-cities">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>City</Table.Th>
              <Table.Th>Local time</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hours.cities.map((c) => (
              <Table.Tr key={c.city}>
                <Table.Td>{c.city}</Table.Td>
                <Table.Td>{weekText(c.hours) || 'Closed'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {holidays.length > 0 && (
          <Text size="sm">No support on these holidays: {holidays.map((d) => formatDay(d)).join(', ')}.</Text>
        )}
      </Stack>
    </Paper>
  );
}
