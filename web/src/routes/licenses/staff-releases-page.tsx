import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Badge, Button, Card, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, fieldError } from '../../api/client';
import { addRelease, licenseKeys, useCatalogue, useReleases, withdrawRelease } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { formatDay, today } from '../../format';

/** L-9 release management: versions, branches and release dates, with the marks customers see. */
export function StaffReleasesPage() {
  const catalogue = useCatalogue();
  const options = (catalogue.data?.brands ?? []).map((b) => ({
    group: b.name,
    items: b.products.map((p) => ({ value: p.id, label: `${p.name} (${p.kind})` })),
  }));
  const [productId, setProductId] = useState<string | null>(null);
  return (
    <Stack>
      <PageTitle>Releases</PageTitle>
      <ErrorAlert error={catalogue.error} />
      <Select
        label="Product"
        placeholder="Choose a product"
        data={options}
        value={productId}
        onChange={setProductId}
        searchable
        maw={420}
      />
      {productId && <ProductReleasesCard productId={productId} />}
    </Stack>
  );
}

function ProductReleasesCard({ productId }: { productId: string }) {
  const qc = useQueryClient();
  const releases = useReleases(productId);
  const [form, setForm] = useState({ version: '', branch: '', releasedOn: today() });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: licenseKeys.releases(productId) });
    qc.invalidateQueries({ queryKey: licenseKeys.catalogue });
  };
  const add = useCreateMutation({
    mutationFn: (_: void, key) => addRelease(productId, form, key),
    onSuccess: () => {
      refresh();
      notifications.show({ message: `Version ${form.version} published.` });
      setForm({ ...form, version: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => withdrawRelease(id),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Card withBorder>
      <Stack>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Group align="end">
            <TextInput
              label="Version"
              placeholder="4.7.3"
              value={form.version}
              onChange={(e) => setForm({ ...form, version: e.currentTarget.value })}
              error={fieldError(add.error, 'version')}
            />
            <TextInput
              label="Branch"
              placeholder="4.7"
              value={form.branch}
              onChange={(e) => setForm({ ...form, branch: e.currentTarget.value })}
              error={fieldError(add.error, 'branch')}
            />
            <TextInput
              label="Release date"
              type="date"
              value={form.releasedOn}
              onChange={(e) => setForm({ ...form, releasedOn: e.currentTarget.value })}
              error={fieldError(add.error, 'releasedOn')}
            />
            <Button type="submit" loading={add.isPending}>
              Publish release
            </Button>
          </Group>
        </form>
        <ErrorAlert error={releases.error ?? add.error} fields={['version', 'branch', 'releasedOn']} />
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Branch</Table.Th>
              <Table.Th>Released</Table.Th>
              <Table.Th>Marks</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {releases.data?.releases.map((r) => (
              <Table.Tr key={r.id} data-testid="release-row" data-version={r.version}>
                <Table.Td>{r.version}</Table.Td>
                <Table.Td>{r.branch}</Table.Td>
                <Table.Td>{formatDay(r.releasedOn)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.latest && <Badge color="green">latest</Badge>}
                    {r.obsolete && <Badge color="yellow">obsolete</Badge>}
                    {r.outOfGuarantee && <Badge color="gray">out of guarantee</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(r.id)}>
                    Withdraw
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
