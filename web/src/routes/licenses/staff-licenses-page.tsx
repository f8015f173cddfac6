import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import {
  approveTransfer,
  issueLicense,
  licenseKeys,
  type NewLicense,
  type StaffLicense,
  staffLicenseAction,
  useCatalogue,
  useFeeDueLicenses,
  useStaffLicenses,
  useStaffTransfers,
  waiveUrlChangeFee,
} from '../../api/licenses';
import { useCompanyPicker } from '../../api/staff';
import { can } from '../../auth';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { useFormErrors } from '../../components/use-field-errors';
import { licenseStateColors, licenseStateLabels } from '../../labels';
import { VersionSelect } from './version-select';

type Action = 'verify' | 'revoke' | 'waive';

/** Staff: find licenses by key or company, issue, verify, revoke; waive URL fees; approve transfers. */
export function StaffLicensesPage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const companyId = params.get('companyId') ?? '';
  const [key, setKey] = useState('');
  const [debouncedKey] = useDebouncedValue(key.trim(), 300);
  const manage = can(me, 'staff.licenses.manage');
  const list = useStaffLicenses({ key: debouncedKey || undefined, companyId: companyId || undefined });
  const feeDue = useFeeDueLicenses();
  return (
    <Stack>
      <PageTitle>Licenses</PageTitle>
      {manage && <IssueLicenseCard companyId={companyId} />}
      <OpenTransfers manage={manage} />
      {(feeDue.data?.items.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={4}>URL changes waiting for the renewal fee</Title>
          <LicenseTable rows={feeDue.data?.items ?? []} manage={manage} />
        </Card>
      )}
      <Group align="end">
        <TextInput label="License key" value={key} onChange={(e) => setKey(e.currentTarget.value)} />
        {companyId && (
          <Button variant="subtle" onClick={() => setParams({})}>
            All companies
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} />
      <LicenseTable rows={list.data?.items ?? []} manage={manage} />
    </Stack>
  );
}

function LicenseTable({ rows, manage }: { rows: StaffLicense[]; manage: boolean }) {
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: ({ key, action }: { key: string; action: Action }) =>
      action === 'waive' ? waiveUrlChangeFee(key) : staffLicenseAction(key, action),
    onSuccess: (l) => {
      qc.invalidateQueries({ queryKey: licenseKeys.staffLicenses });
      notifications.show({ message: `${l.key}: ${licenseStateLabels[l.state]}` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const phone = useIsPhone();
  // The row's actions: history link, verify, waive the URL fee, revoke (the same on a phone's card).
  const actions = (l: StaffLicense) => (
    <Group gap="xs">
      <Anchor component={Link} to={`/staff/licenses/${l.key}/history`} size="sm">
        History
      </Anchor>
      {manage && l.state === 'pending' && (
        <Button size="compact-xs" onClick={() => act.mutate({ key: l.key, action: 'verify' })}>
          Verify purchase
        </Button>
      )}
      {manage && l.pendingUrlChange && (
        <Button size="compact-xs" onClick={() => act.mutate({ key: l.key, action: 'waive' })}>
          Waive fee
        </Button>
      )}
      {manage && l.state !== 'revoked' && (
        <Confirm
          title={`Revoke ${l.key}?`}
          confirmLabel="Revoke"
          color="red"
          onConfirm={() => act.mutate({ key: l.key, action: 'revoke' })}
          trigger={(open) => (
            <Button size="compact-xs" color="red" variant="light" onClick={open}>
              Revoke
            </Button>
          )}
        >
          The license stops working: its check answers "revoked", its files are no longer offered, and an open transfer
          of it ends. This cannot be undone here.
        </Confirm>
      )}
    </Group>
  );
  if (phone)
    return (
      <Stack gap="sm">
        {rows.map((l) => (
          <Card key={l.key} withBorder data-testid="staff-license-row" data-key={l.key}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {l.key}
                </Text>
                <Badge color={licenseStateColors[l.state]} variant="light">
                  {licenseStateLabels[l.state]}
                </Badge>
              </Group>
              <Anchor component={Link} to={`/staff/companies/${l.company.id}`} size="sm">
                {l.company.name}
              </Anchor>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {l.url || 'No URL yet'}
              </Text>
              {l.pendingUrlChange && (
                <Text size="xs" c="orange" style={{ overflowWrap: 'anywhere' }}>
                  Fee due for → {l.pendingUrlChange.toUrl}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {l.products.map((p) => `${p.name} ${p.version}`).join(', ')}
              </Text>
              {actions(l)}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>URL</Table.Th>
            <Table.Th>Products</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((l) => (
            <Table.Tr key={l.key} data-testid="staff-license-row" data-key={l.key}>
              <Table.Td ff="monospace">{l.key}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/staff/companies/${l.company.id}`} size="sm">
                  {l.company.name}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {l.url || '—'}
                {l.pendingUrlChange && (
                  <Text size="xs" c="orange">
                    Fee due for → {l.pendingUrlChange.toUrl}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{l.products.map((p) => `${p.name} ${p.version}`).join(', ')}</Table.Td>
              <Table.Td>
                <Badge color={licenseStateColors[l.state]} variant="light">
                  {licenseStateLabels[l.state]}
                </Badge>
              </Table.Td>
              <Table.Td>{actions(l)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OpenTransfers({ manage }: { manage: boolean }) {
  const qc = useQueryClient();
  const { data } = useStaffTransfers();
  const approve = useMutation({
    mutationFn: (id: string) => approveTransfer(id),
    onSuccess: (t) => {
      qc.invalidateQueries({ queryKey: licenseKeys.staffTransfers });
      qc.invalidateQueries({ queryKey: licenseKeys.staffLicenses });
      notifications.show({ message: `${t.licenseKey} now belongs to ${t.toCompany}; its owner is invited.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  if (!data?.items.length) return null;
  return (
    <Card withBorder>
      <Title order={4}>Open transfer requests</Title>
      {data.items.map((t) => (
        <Group key={t.id} justify="space-between" py={4}>
          <Text size="sm">
            {t.licenseKey}: {t.fromCompany} → {t.toCompany ?? t.toEmail}{' '}
            {t.newCustomer ? '(new customer)' : '(the receiving owner accepts)'}
          </Text>
          {manage && t.newCustomer && (
            <Button size="compact-sm" onClick={() => approve.mutate(t.id)}>
              Approve and invite
            </Button>
          )}
        </Group>
      ))}
    </Card>
  );
}

function IssueLicenseCard({ companyId }: { companyId: string }) {
  const qc = useQueryClient();
  const [company, setCompany] = useState<string | null>(companyId || null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [productId, setProductId] = useState<string | null>(null);
  const [version, setVersion] = useState('');
  const [url, setUrl] = useState('');
  const [state, setState] = useState<NewLicense['state'] | null>('pending');
  const companies = useCompanyPicker(debounced);
  const catalogue = useCatalogue();
  const mains = (catalogue.data?.brands ?? []).flatMap((b) =>
    b.products.filter((p) => p.kind === 'main').map((p) => ({ value: p.id, label: `${b.name} — ${p.name}` })),
  );
  const issue = useCreateMutation({
    mutationFn: (_: void, key) =>
      issueLicense(
        {
          companyId: company ?? '',
          productId: productId ?? '',
          version: version || undefined,
          url: url || undefined,
          state: state ?? undefined,
        },
        key,
      ),
    onSuccess: (l) => {
      qc.invalidateQueries({ queryKey: licenseKeys.staffLicenses });
      notifications.show({ message: `License ${l.key} issued to ${l.company.name}.` });
      setUrl('');
    },
  });
  const errors = useFormErrors(issue.error);
  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const ok = errors.validate({
            companyId: !company && 'Choose the company.',
            productId: !productId && 'Choose the product.',
          });
          if (ok) issue.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={4}>Issue a license</Title>
          <ErrorAlert
            error={errors.hasClientErrors ? null : issue.error}
            fields={['companyId', 'productId', 'version', 'url']}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Company"
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={company}
              onChange={(v) => {
                errors.touch('companyId');
                setCompany(v);
              }}
              error={errors.errorFor('companyId')}
            />
            <Select
              label="Product"
              data={mains}
              value={productId}
              onChange={(v) => {
                errors.touch('productId');
                setProductId(v);
              }}
              error={errors.errorFor('productId')}
            />
            {productId && (
              <VersionSelect productId={productId} label="Version" size="sm" value={version} onChange={setVersion} />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
            <TextInput
              label="Store URL"
              value={url}
              onChange={(e) => {
                errors.touch('url');
                setUrl(e.currentTarget.value);
              }}
              error={errors.errorFor('url')}
            />
            <Select
              label="Purchase"
              data={[
                { value: 'pending', label: 'Not verified yet (Pending)' },
                { value: 'not_accepted', label: 'Verified (Not accepted)' },
              ]}
              value={state}
              onChange={(v) => setState(v as NewLicense['state'] | null)}
            />
            <Button type="submit" loading={issue.isPending}>
              Issue license
            </Button>
          </SimpleGrid>
        </Stack>
      </form>
    </Card>
  );
}
