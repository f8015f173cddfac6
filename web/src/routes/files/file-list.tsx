import { Anchor, Badge, Button, Group, Stack, Table, Text, Textarea, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { errorMessage } from '../../api/client';
import {
  deleteCompanyFile,
  type FileItem,
  fileKeys,
  type Order,
  type Sort,
  updateFileDescription,
  useFolderFiles,
} from '../../api/files';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
import { formatBytes } from '../../format';

/** F-2: the files of one folder, sortable by name, size and date, each with its description. */
export function FileList({ listUrl, editable }: { listUrl: string; editable: boolean }) {
  const [sort, setSort] = useState<Sort>('name');
  const [order, setOrder] = useState<Order>('asc');
  const security = listUrl.startsWith('/files/security-patches');
  const query = useFolderFiles(listUrl, sort, order);
  // On a phone, size and date go under the name: two columns fit 390 px without scrolling sideways.
  const compact = useIsPhone();
  let items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (security) items = [...items].sort(compare(sort, order));
  const header = (key: Sort, label: string) => (
    <Table.Th aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        fw={600}
        onClick={() => {
          if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
          else {
            setSort(key);
            setOrder('asc');
          }
        }}
      >
        {label} {sort === key ? (order === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
  return (
    <Stack>
      <ErrorAlert error={query.error} />
      <Table striped aria-label="Files">
        <Table.Thead>
          <Table.Tr>
            {header('name', 'Name')}
            {!compact && header('size', 'Size')}
            {!compact && header('date', 'Date')}
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <FileRow
              key={f.id}
              file={f}
              editable={editable && 'uploadedBy' in f && f.uploadedBy.kind === 'profile'}
              listUrl={listUrl}
              compact={compact}
            />
          ))}
          {!query.isLoading && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={compact ? 2 : 4}>
                <Text c="dimmed" size="sm">
                  No files in this folder.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {query.hasNextPage && (
        <Button
          variant="default"
          onClick={() => query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          w="fit-content"
        >
          More files
        </Button>
      )}
    </Stack>
  );
}

function compare(sort: Sort, order: Order) {
  return (a: FileItem, b: FileItem) => {
    const d =
      sort === 'name'
        ? a.name.localeCompare(b.name)
        : sort === 'size'
          ? a.size - b.size
          : a.createdAt.localeCompare(b.createdAt);
    return order === 'asc' ? d : -d;
  };
}

function FileRow({
  file,
  editable,
  listUrl,
  compact,
}: {
  file: FileItem;
  editable: boolean;
  listUrl: string;
  compact: boolean;
}) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(file.description);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: fileKeys.folder(listUrl) });
    qc.invalidateQueries({ queryKey: fileKeys.tree });
  };
  const save = useMutation({
    mutationFn: () => updateFileDescription(file.id, text),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteCompanyFile(file.id),
    onSuccess: () => {
      refresh();
      notifications.show({ message: `${file.name} was deleted.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Fragment>
      <Table.Tr data-testid="file-row" data-name={file.name}>
        <Table.Td>
          <Anchor href={file.downloadUrl} download={file.name} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {file.name}
          </Anchor>
          {'securityPatch' in file && file.securityPatch && (
            <Badge color="red" size="xs" ml={6}>
              Security
            </Badge>
          )}
          {'kind' in file && file.kind === 'upgrade' && (
            <Text span size="xs" c="dimmed">
              {' '}
              upgrade {file.fromVersion} → {file.toVersion}
            </Text>
          )}
          {compact && (
            <Text size="xs" c="dimmed">
              {formatBytes(file.size)} · <Time value={file.createdAt} />
            </Text>
          )}
        </Table.Td>
        {!compact && <Table.Td>{formatBytes(file.size)}</Table.Td>}
        {!compact && (
          <Table.Td>
            <Time value={file.createdAt} />
          </Table.Td>
        )}
        <Table.Td>
          <Group gap={4} wrap={compact ? 'wrap' : 'nowrap'}>
            <Button
              size="compact-xs"
              variant="subtle"
              aria-expanded={open}
              aria-label={`${open ? 'Hide' : 'Show'} description of ${file.name}`}
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide description' : 'Description'}
            </Button>
            {editable && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={`Delete ${file.name}`}
                loading={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Delete
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={compact ? 2 : 4}>
            {editing ? (
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate();
                }}
              >
                <Stack gap="xs">
                  <ErrorAlert error={save.error} />
                  <Textarea
                    label={`Description of ${file.name}`}
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    maxLength={2000}
                    autosize
                    minRows={2}
                  />
                  <Group gap="xs">
                    <Button type="submit" size="xs" loading={save.isPending}>
                      Save description
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                      Cancel
                    </Button>
                  </Group>
                </Stack>
              </form>
            ) : (
              <Group justify="space-between">
                <Text size="sm" c={file.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                  {file.description || 'No description.'}
                </Text>
                {editable && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
                    Edit description
                  </Button>
                )}
              </Group>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
