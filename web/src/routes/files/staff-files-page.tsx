import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Me } from '../../api/auth';
import { errorMessage, fieldError } from '../../api/client';
import { deleteProductFile, fileKeys, uploadProductFile, useStaffProductFiles } from '../../api/files';
import { useCatalogue } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { formatBytes, formatDateTime } from '../../format';

type Kind = 'package' | 'upgrade' | 'patch';

/** F-1, F-5, F-7 for content staff: upload product files (packages, upgrade files, security patches), list and remove them. */
export function StaffFilesPage(_: { me: Me }) {
  const qc = useQueryClient();
  const catalogue = useCatalogue();
  const productOptions = (catalogue.data?.brands ?? []).map((b) => ({
    group: b.name,
    items: b.products.map((p) => ({ value: p.id, label: `${p.name} (${p.kind})` })),
  }));
  const [productId, setProductId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('package');
  const [version, setVersion] = useState('');
  const [fromVersion, setFromVersion] = useState('');
  const [toVersion, setToVersion] = useState('');
  const [securityPatch, setSecurityPatch] = useState(false);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const list = useStaffProductFiles(productId);
  const uploadFile = useCreateMutation({
    mutationFn: (_: void, key) => {
      const form = new FormData();
      form.append('productId', productId ?? '');
      form.append('kind', kind);
      if (kind === 'upgrade') {
        form.append('fromVersion', fromVersion);
        form.append('toVersion', toVersion);
      } else form.append('version', version);
      form.append('securityPatch', String(securityPatch));
      form.append('description', description);
      if (file) form.append('file', file, file.name);
      return uploadProductFile(form, key);
    },
    onSuccess: (f) => {
      notifications.show({ message: `${f.name} was uploaded.` });
      setFile(null);
      setDescription('');
      qc.invalidateQueries({ queryKey: fileKeys.productFiles });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteProductFile(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: fileKeys.productFiles }),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const err = uploadFile.error;
  return (
    <Stack>
      <PageTitle>Product files</PageTitle>
      <ErrorAlert error={catalogue.error} />
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            uploadFile.mutate();
          }}
        >
          <Stack gap="sm" maw={560}>
            <Title order={4}>Upload a product file</Title>
            <ErrorAlert error={err} fields={['productId', 'version', 'fromVersion', 'toVersion', 'description']} />
            <Select
              label="Product"
              placeholder="Choose a product"
              data={productOptions}
              value={productId}
              onChange={setProductId}
              searchable
              error={fieldError(err, 'productId')}
            />
            <Select
              label="Kind"
              data={[
                { value: 'package', label: 'Distribution package' },
                { value: 'upgrade', label: 'Upgrade file (part of an upgrade pack)' },
                { value: 'patch', label: 'Patch' },
              ]}
              value={kind}
              onChange={(v) => setKind((v as Kind) ?? 'package')}
              allowDeselect={false}
            />
            {kind === 'upgrade' ? (
              <Group grow>
                <TextInput
                  label="From version"
                  value={fromVersion}
                  onChange={(e) => setFromVersion(e.currentTarget.value)}
                  error={fieldError(err, 'fromVersion')}
                />
                <TextInput
                  label="To version"
                  value={toVersion}
                  onChange={(e) => setToVersion(e.currentTarget.value)}
                  error={fieldError(err, 'toVersion')}
                />
              </Group>
            ) : (
              <TextInput
                label="Version"
                description="Empty for files of no particular version"
                value={version}
                onChange={(e) => setVersion(e.currentTarget.value)}
                error={fieldError(err, 'version')}
              />
            )}
            <Checkbox
              label="Security patch (announced to subscribed customers)"
              checked={securityPatch}
              onChange={(e) => setSecurityPatch(e.currentTarget.checked)}
            />
            <Textarea
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <FileInput label="File" placeholder="Choose a file" value={file} onChange={setFile} />
            <Group>
              <Button type="submit" loading={uploadFile.isPending} disabled={!file || !productId}>
                Upload product file
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Product files">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Date</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.productName}</Table.Td>
                <Table.Td>{f.kind === 'upgrade' ? `${f.fromVersion} → ${f.toVersion}` : (f.version ?? '—')}</Table.Td>
                <Table.Td>
                  {f.name}
                  {f.securityPatch && (
                    <Text span c="red" size="xs">
                      {' '}
                      security
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatBytes(f.size)}</Table.Td>
                <Table.Td>{formatDateTime(f.createdAt)}</Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    c="red"
                    size="sm"
                    aria-label={`Remove ${f.name}`}
                    onClick={() => remove.mutate(f.id)}
                  >
                    Remove
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
