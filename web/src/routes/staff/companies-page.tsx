import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useStaffCompanies } from '../../api/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { formatDate } from '../../format';

export function CompaniesPage() {
  const phone = useIsPhone();
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 250);
  const list = useStaffCompanies(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <PageTitle>Companies</PageTitle>
      <TextInput
        label="Search"
        description="The start of a company name, or a person's exact e-mail"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
      />
      <ErrorAlert error={list.error} />
      {phone ? (
        <Stack gap="sm">
          {rows.map((c) => (
            <Card key={c.id} withBorder data-testid="company-row">
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/staff/companies/${c.id}`} fw={600}>
                  {c.name}
                </Anchor>
                {c.preSales && <Badge variant="light">Pre-sales</Badge>}
              </Group>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {c.billingEmail}
              </Text>
              <Text size="sm" c="dimmed">
                Since {formatDate(c.createdAt)}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Company</Table.Th>
              <Table.Th>Billing e-mail</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-testid="company-row">
                <Table.Td>
                  <Anchor component={Link} to={`/staff/companies/${c.id}`} size="sm">
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.billingEmail}</Table.Td>
                <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                <Table.Td>{c.preSales && <Badge variant="light">Pre-sales</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!list.isLoading && rows.length === 0 && <Text c="dimmed">No company matches.</Text>}
      {list.hasNextPage && (
        <Button variant="light" w="fit-content" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
