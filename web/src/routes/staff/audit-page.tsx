import { PageTitle } from '../../components/page-title';
import { Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { useAuditLog } from '../../api/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';

/** who did what, when, with the row before and after; newest first. */
export function AuditPage() {
  const [open, setOpen] = useState<string | null>(null);
  const phone = useIsPhone();
  const [filters, setFilters] = useState({ action: '', entity: '' });
  const [debounced] = useDebouncedValue(filters, 300);
  const action = debounced.action.trim();
  const entity = debounced.entity.trim();
  const list = useAuditLog(action, entity);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <PageTitle>Audit log</PageTitle>
      <Group align="flex-end">
        <TextInput
          label="Action"
          placeholder="profile.disabled"
          value={filters.action}
          onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value })}
        />
        <TextInput
          label="Entity"
          placeholder="profile"
          value={filters.entity}
          onChange={(e) => setFilters({ ...filters, entity: e.currentTarget.value })}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {phone ? (
        <Stack gap="sm">
          {rows.map((e) => (
            <Card key={e.id} withBorder data-testid="audit-row" data-action={e.action}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Code>{e.action}</Code>
                  <Text size="sm" c="dimmed">
                    <Time value={e.at} />
                  </Text>
                </Group>
                <Text size="sm">
                  {e.actorLabel}{' '}
                  <Text span c="dimmed" size="xs">
                    ({e.actorKind})
                  </Text>
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {e.entity}{' '}
                  <Text span c="dimmed" size="xs">
                    {e.entityId}
                  </Text>
                </Text>
                {(e.before != null || e.after != null) && (
                  <Button
                    size="xs"
                    variant="subtle"
                    w="fit-content"
                    aria-expanded={open === e.id}
                    onClick={() => setOpen(open === e.id ? null : e.id)}
                  >
                    {open === e.id ? 'Hide' : 'Details'}
                  </Button>
                )}
                {open === e.id && (
                  <>
                    <JsonBlock label="Before" value={e.before} />
                    <JsonBlock label="After" value={e.after} />
                  </>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Entity</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Fragment key={e.id}>
                <Table.Tr data-testid="audit-row" data-action={e.action}>
                  <Table.Td>
                    <Time value={e.at} />
                  </Table.Td>
                  <Table.Td>
                    {e.actorLabel}{' '}
                    <Text span c="dimmed" size="xs">
                      ({e.actorKind})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {e.entity}{' '}
                    <Text span c="dimmed" size="xs">
                      {e.entityId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {(e.before != null || e.after != null) && (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-expanded={open === e.id}
                        onClick={() => setOpen(open === e.id ? null : e.id)}
                      >
                        {open === e.id ? 'Hide' : 'Details'}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open === e.id && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <SimpleGrid cols={{ base: 1, md: 2 }}>
                        <JsonBlock label="Before" value={e.before} />
                        <JsonBlock label="After" value={e.after} />
                      </SimpleGrid>
                      <Text size="xs" c="dimmed" mt="xs">
                        From {e.ip || 'unknown address'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!list.isLoading && rows.length === 0 && <Text c="dimmed">No entries.</Text>}
      {list.hasNextPage && (
        <Button variant="light" w="fit-content" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Stack>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block>{value == null ? '—' : JSON.stringify(value, null, 2)}</Code>
    </div>
  );
}
