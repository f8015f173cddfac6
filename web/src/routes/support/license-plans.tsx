import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LicensePlan } from '../../api/support';
import { useIsPhone } from '../../components/responsive';
import { formatDate } from '../../format';
import { planColors, planDetail, planLabels } from './plan-labels';

/** S-1: each license with the plan in force; `action` adds a control per license (staff). */
export function LicensePlans({
  licenses,
  action,
}: {
  licenses: LicensePlan[];
  action?: (l: LicensePlan) => ReactNode;
}) {
  const phone = useIsPhone();
  if (licenses.length === 0) return <Text c="dimmed">No licenses yet.</Text>;
  if (phone)
    return (
      <Stack gap="sm">
        {licenses.map((l) => (
          <Card key={l.key} withBorder data-testid="license-plan" data-key={l.key}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{l.product}</Text>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {l.key}
                </Text>
              </div>
              <Badge color={planColors[l.plan]}>{planLabels[l.plan]}</Badge>
            </Group>
            <Text size="sm" mt={4}>
              {planDetail(l, formatDate)}
            </Text>
            {action?.(l)}
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>License</Table.Th>
          <Table.Th>Plan</Table.Th>
          <Table.Th>Details</Table.Th>
          {action && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {licenses.map((l) => (
          <Table.Tr key={l.key} data-testid="license-plan" data-key={l.key}>
            <Table.Td>{l.product}</Table.Td>
            <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {l.key}
            </Table.Td>
            <Table.Td>
              <Badge color={planColors[l.plan]}>{planLabels[l.plan]}</Badge>
            </Table.Td>
            <Table.Td>{planDetail(l, formatDate)}</Table.Td>
            {action && <Table.Td>{action(l)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
