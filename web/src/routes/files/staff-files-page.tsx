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
import { useIsPhone } from '../../components/responsive';
import { Time } from '../../components/time';
import { formatBytes } from '../../format';

type Kind = 'package' | 'upgrade' | 'patch';

/** F-1, F-5, F-7 for content staff: upload product files (packages, upgrade files, security patches), list and remove them. */
type ProductFile = NonNullable<ReturnType<typeof useStaffProductFiles>['data']>['items'][number];
const versionOf = (f: ProductFile) => (f.kind === 'upgrade' ? `${f.fromVersion} → ${f.toVersion}` : (f.version ?? '—'));

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
  // On a phone, product, version, size and date go under the name: two columns fit 390 px.
  const compact = useIsPhone();
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
          noValidate
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
      <Table striped aria-label="Product files">
        <Table.Thead>
          <Table.Tr>
            {!compact && <Table.Th>Product</Table.Th>}
            {!compact && <Table.Th>Version</Table.Th>}
            <Table.Th>Name</Table.Th>
            {!compact && <Table.Th>Size</Table.Th>}
            {!compact && <Table.Th>Date</Table.Th>}
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((f) => (
            <Table.Tr key={f.id}>
              {!compact && <Table.Td>{f.productName}</Table.Td>}
              {!compact && <Table.Td>{versionOf(f)}</Table.Td>}
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {f.name}
                {f.securityPatch && (
                  <Text span c="red" size="xs">
                    {' '}
                    security
                  </Text>
                )}
                {compact && (
                  <Text size="xs" c="dimmed">
                    {f.productName} {versionOf(f)} · {formatBytes(f.size)} · <Time value={f.createdAt} />
                  </Text>
                )}
              </Table.Td>
              {!compact && <Table.Td>{formatBytes(f.size)}</Table.Td>}
              {!compact && (
                <Table.Td>
                  <Time value={f.createdAt} />
                </Table.Td>
              )}
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
    </Stack>
  );
}
