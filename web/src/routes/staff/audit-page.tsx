import { Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { get } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';

export function AuditPage() {
  const [open, setOpen] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['staff-audit'],
    initialPageParam: '',
    queryFn: ({ pageParam }) => get<Page<AuditEntry>>(`/staff/audit?limit=50${pageParam ? `&cursor=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>Audit log</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Fragment key={e.id}>
              <Table.Tr>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>
                  {e.actorLabel} <Text span c="dimmed" size="xs">({e.actorKind})</Text>
                </Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>
                  {e.entity} <Text span c="dimmed" size="xs">{e.entityId}</Text>
                </Table.Td>
                <Table.Td>
                  {(e.before !== null || e.after !== null) && (
                    <Button size="xs" variant="subtle" onClick={() => setOpen(open === e.id ? null : e.id)}>
                      {open === e.id ? 'Hide' : 'Details'}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
              {open === e.id && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="xs" fw={600}>
                      Before
                    </Text>
                    <Code block>{JSON.stringify(e.before, null, 2)}</Code>
                    <Text size="xs" fw={600}>
                      After
                    </Text>
                    <Code block>{JSON.stringify(e.after, null, 2)}</Code>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Button variant="light" w="fit-content" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
