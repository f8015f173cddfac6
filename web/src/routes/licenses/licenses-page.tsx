import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import {
  type HolderStatus,
  type License,
  type LicenseChange,
  type LicenseState,
  licenseKeys,
  registerLicense,
  updateLicense,
  useLicenses,
} from '../../api/licenses';
import { can } from '../../auth';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { dayOf, formatDate } from '../../format';
import { licenseStateColors, licenseStateLabels } from '../../labels';
import { AcceptModal } from './accept-modal';
import { IncomingTransfers } from './incoming-transfers';
import { VersionSelect } from './version-select';

/** L-2: My licenses, with the URL, brand and status filters; actions by A-2. */
export function LicensesPage({ me }: { me: Me }) {
  const [url, setUrl] = useState('');
  const [brand, setBrand] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [state, setState] = useState<LicenseState | null>(null);
  const [debouncedUrl] = useDebouncedValue(url, 250);
  const [accepting, setAccepting] = useState<License | null>(null);
  const manage = can(me, 'licenses.manage');
  const query = useLicenses({
    url: debouncedUrl.trim() || undefined,
    brand: brand ?? undefined,
    status: status ?? undefined,
    state: state ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const statuses = query.data?.pages[0]?.holderStatuses ?? [];
  // Brands of the licenses seen so far (the filter offers what the company has).
  const [brands, setBrands] = useState<Record<string, string>>({});
  const unseen = items.filter((l) => !brands[l.brand.id]);
  if (unseen.length) setBrands({ ...brands, ...Object.fromEntries(unseen.map((l) => [l.brand.id, l.brand.name])) });

  return (
    <Stack>
      <PageTitle>My licenses</PageTitle>
      {manage && <IncomingTransfers />}
      <Group align="end">
        <TextInput
          label="URL"
          placeholder="Part of the store address"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <Select
          label="Brand"
          placeholder="Select brand"
          clearable
          data={Object.entries(brands).map(([value, label]) => ({ value, label }))}
          value={brand}
          onChange={setBrand}
        />
        <Select
          label="Status"
          placeholder="Select status"
          clearable
          data={statuses}
          value={status}
          onChange={setStatus}
        />
        <Select
          label="State"
          placeholder="Held now"
          clearable
          data={(Object.keys(licenseStateLabels) as LicenseState[]).map((s) => ({
            value: s,
            label: licenseStateLabels[s],
          }))}
          value={state}
          onChange={(v) => setState(v as LicenseState | null)}
        />
        {(url || brand || status || state) && (
          <Button
            variant="subtle"
            onClick={() => {
              setUrl('');
              setBrand(null);
              setStatus(null);
              setState(null);
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <ErrorAlert error={query.error} />
      {query.isSuccess && items.length === 0 && <Text c="dimmed">No licenses match.</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={1150}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>License key</Table.Th>
                <Table.Th>URL</Table.Th>
                <Table.Th>Products</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((l) => (
                <LicenseRow key={l.key} license={l} me={me} statuses={statuses} onAccept={() => setAccepting(l)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          More licenses
        </Button>
      )}
      {accepting && <AcceptModal license={accepting} onClose={() => setAccepting(null)} />}
    </Stack>
  );
}

function LicenseRow({
  license: l,
  me,
  statuses,
  onAccept,
}: {
  license: License;
  me: Me;
  statuses: string[];
  onAccept: () => void;
}) {
  const qc = useQueryClient();
  const manage = can(me, 'licenses.manage');
  const held = l.state !== 'transferred';
  const usable = l.state === 'active' || l.state === 'not_accepted';
  const update = useMutation({
    mutationFn: (body: LicenseChange) => updateLicense(l.key, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: licenseKeys.all }),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const register = useMutation({
    mutationFn: () => registerLicense(l.key),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      notifications.show({ message: `The installation of ${l.key} is registered.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Table.Tr data-testid="license-row" data-key={l.key}>
      <Table.Td>
        <Text ff="monospace" size="sm">
          {l.key}
        </Text>
        <Text size="xs" c="dimmed">
          {l.brand.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="license-url">
          {l.url || '—'}
        </Text>
        {manage && held && usable && !l.openTransfer && (
          <Anchor component={Link} to={`/licenses/${l.key}/url`} size="xs">
            Change URL
          </Anchor>
        )}
        {l.pendingUrlChange && (
          <Text size="xs" c="orange">
            Waiting for the renewal fee: {l.pendingUrlChange.toUrl}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {l.products.map((p) => (
          <Text size="sm" key={p.productId}>
            {p.name}{' '}
            {p.version && (
              <Text span c="dimmed">
                {p.version}
              </Text>
            )}
          </Text>
        ))}
        {l.subscriptions.map((s) => (
          <Text size="xs" key={s.id} c={s.expired ? 'red' : 'dimmed'}>
            {s.name}: {s.expired ? 'expired' : 'until'} {dayOf(s.expiresAt)}
          </Text>
        ))}
        {l.addMoreUrl && held && (
          <Anchor href={l.addMoreUrl} target="_blank" rel="noopener noreferrer" size="xs">
            Add more to this license
          </Anchor>
        )}
      </Table.Td>
      <Table.Td>
        <Badge
          color={licenseStateColors[l.state]}
          variant="light"
          style={{ flexShrink: 0, overflow: 'visible' }}
          miw="fit-content"
        >
          {licenseStateLabels[l.state]}
        </Badge>
        {l.registeredAt && (
          <Text size="xs" c="dimmed">
            Registered {formatDate(l.registeredAt)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {held ? (
          <Select
            aria-label={`Status of ${l.key}`}
            placeholder="Select status"
            size="xs"
            clearable
            clearButtonProps={{ 'aria-label': `Clear the status of ${l.key}` }}
            miw={150}
            data={statuses}
            value={l.holderStatus || null}
            // The options are the server's holderStatuses.
            onChange={(v) => update.mutate({ holderStatus: (v ?? '') as HolderStatus })}
          />
        ) : (
          l.holderStatus
        )}
      </Table.Td>
      <Table.Td>
        {held ? (
          <VersionSelect
            productId={l.productId}
            label={`Version of ${l.key}`}
            value={l.holderVersion}
            onChange={(v) => update.mutate({ holderVersion: v })}
          />
        ) : (
          l.holderVersion
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <Anchor component={Link} to={`/licenses/${l.key}/history`} size="sm">
            History
          </Anchor>
          {manage && l.state === 'not_accepted' && (
            <Anchor component="button" size="sm" onClick={onAccept}>
              Accept
            </Anchor>
          )}
          {manage && l.state === 'active' && !l.registeredAt && l.url && (
            <Confirm
              title={`Register ${l.key} at ${l.url}?`}
              confirmLabel="Register"
              onConfirm={() => register.mutate()}
              trigger={(open) => (
                <Anchor component="button" size="sm" onClick={open}>
                  Register
                </Anchor>
              )}
            >
              Registering records {l.url} as the installation of this license. From then on, one move to another domain
              is free; later ones need a license renewal fee. Moves to another folder or third-level domain stay free.
            </Confirm>
          )}
          {manage && held && usable && !l.openTransfer && (
            <Anchor component={Link} to={`/licenses/${l.key}/transfer`} size="sm">
              Transfer
            </Anchor>
          )}
          {can(me, 'licenses.upgradePack') && l.state === 'active' && me.sections.includes('files') && (
            <Anchor component={Link} to={`/files?upgradePack=${l.key}`} size="sm">
              Get upgrade pack
            </Anchor>
          )}
          {l.openTransfer && (
            <Text size="xs" c="orange">
              Transfer to {l.openTransfer.toEmail} requested
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
