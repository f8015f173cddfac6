import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { addRelease, licenseKeys, useCatalogue, useReleases, withdrawRelease } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { required, useFormErrors } from '../../components/use-field-errors';
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
  const errors = useFormErrors(add.error);
  const phone = useIsPhone();
  const withdraw = (id: string) => (
    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(id)}>
      Withdraw
    </Button>
  );
  return (
    <Card withBorder>
      <Stack>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const ok = errors.validate({
              version: required(form.version, 'Enter the version, e.g. 4.7.3.'),
              branch: required(form.branch, 'Enter the branch, e.g. 4.7.'),
              releasedOn: required(form.releasedOn, 'Enter the release date.'),
            });
            if (ok) add.mutate();
          }}
        >
          <Group align="end">
            <TextInput
              label="Version"
              placeholder="4.7.3"
              value={form.version}
              onChange={(e) => {
                errors.touch('version');
                setForm({ ...form, version: e.currentTarget.value });
              }}
              error={errors.errorFor('version')}
            />
            <TextInput
              label="Branch"
              placeholder="4.7"
              value={form.branch}
              onChange={(e) => {
                errors.touch('branch');
                setForm({ ...form, branch: e.currentTarget.value });
              }}
              error={errors.errorFor('branch')}
            />
            <TextInput
              label="Release date"
              type="date"
              value={form.releasedOn}
              onChange={(e) => {
                errors.touch('releasedOn');
                setForm({ ...form, releasedOn: e.currentTarget.value });
              }}
              error={errors.errorFor('releasedOn')}
            />
            <Button type="submit" loading={add.isPending}>
              Publish release
            </Button>
          </Group>
        </form>
        <ErrorAlert
          error={releases.error ?? (errors.hasClientErrors ? null : add.error)}
          fields={['version', 'branch', 'releasedOn']}
        />
        {phone ? (
          <Stack gap="sm">
            {releases.data?.releases.map((r) => (
              <Card key={r.id} withBorder padding="sm" data-testid="release-row" data-version={r.version}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>
                    {r.version}{' '}
                    <Text span size="sm" c="dimmed">
                      branch {r.branch} · {formatDay(r.releasedOn)}
                    </Text>
                  </Text>
                  {withdraw(r.id)}
                </Group>
                {marks(r)}
              </Card>
            ))}
          </Stack>
        ) : (
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
                  <Table.Td>{marks(r)}</Table.Td>
                  <Table.Td>{withdraw(r.id)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

function marks(r: { latest: boolean; obsolete: boolean; outOfGuarantee: boolean }) {
  return (
    <Group gap={4}>
      {r.latest && <Badge color="green">latest</Badge>}
      {r.obsolete && <Badge color="yellow">obsolete</Badge>}
      {r.outOfGuarantee && <Badge color="gray">out of guarantee</Badge>}
    </Group>
  );
}
