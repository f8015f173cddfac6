import { PageTitle } from '../../components/page-title';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconCheck,
  IconDots,
  IconExternalLink,
  IconHistory,
  IconLink,
  IconPackage,
  IconPlugConnected,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
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
import { ErrorAlert } from '../../components/error-alert';
import { dayOf, formatDate } from '../../format';
import { licenseStateLabels } from '../../labels';
import { AcceptModal } from './accept-modal';
import { IncomingTransfers } from './incoming-transfers';
import { lifecycleColors, lifecycleHints, lifecycleLabels, lifecycleOf } from './lifecycle';
import { VersionSelect } from './version-select';

/**
 * L-2: My licenses, with the URL, brand, lifecycle and "your label" filters, and "needs action"
 * (`?needs=action`, the home page's link). At 1280 px nothing scrolls sideways: the actions sit in
 * a row menu; on a phone each license is a card.
 */
export function LicensesPage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const needsAction = params.get('needs') === 'action';
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
    needs: needsAction ? 'action' : undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const statuses = query.data?.pages[0]?.holderStatuses ?? [];
  // Brands of the licenses seen so far (the filter offers what the company has).
  const [brands, setBrands] = useState<Record<string, string>>({});
  const unseen = items.filter((l) => !brands[l.brand.id]);
  if (unseen.length) setBrands({ ...brands, ...Object.fromEntries(unseen.map((l) => [l.brand.id, l.brand.name])) });
  const setNeedsAction = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('needs', 'action');
    else next.delete('needs');
    setParams(next, { replace: true });
  };
  const row = { me, statuses, onAccept: setAccepting };

  return (
    <Stack>
      <PageTitle>My licenses</PageTitle>
      {manage && <IncomingTransfers />}
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          label="URL"
          description="Part of the store address"
          placeholder="shop.example.com"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <Select
          label="Brand"
          description="Product line"
          placeholder="Any brand"
          clearable
          data={Object.entries(brands).map(([value, label]) => ({ value, label }))}
          value={brand}
          onChange={setBrand}
        />
        <Select
          label="Status"
          description="Where the license stands"
          placeholder="Held now"
          clearable
          data={(Object.keys(licenseStateLabels) as LicenseState[]).map((s) => ({
            value: s,
            label: licenseStateLabels[s],
          }))}
          value={state}
          onChange={(v) => setState(v as LicenseState | null)}
        />
        <Select
          label="Your label"
          description="Set by your company"
          placeholder="Any label"
          clearable
          data={statuses}
          value={status}
          onChange={setStatus}
        />
        <Stack gap={4} justify="flex-end">
          <Switch
            label="Needs action"
            checked={needsAction}
            onChange={(e) => setNeedsAction(e.currentTarget.checked)}
            mb={8}
          />
        </Stack>
      </SimpleGrid>
      {(url || brand || status || state || needsAction) && (
        <Group>
          <Button
            variant="subtle"
            onClick={() => {
              setUrl('');
              setBrand(null);
              setStatus(null);
              setState(null);
              setNeedsAction(false);
            }}
          >
            Clear filters
          </Button>
        </Group>
      )}
      <ErrorAlert error={query.error} />
      {query.isSuccess && items.length === 0 && (
        <Text c="dimmed">{needsAction ? 'Nothing needs your action.' : 'No licenses match.'}</Text>
      )}
      {items.length > 0 && (
        <>
          <Table striped verticalSpacing="sm" visibleFrom="md" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="28%">License</Table.Th>
                <Table.Th>Products</Table.Th>
                <Table.Th w={150}>Status</Table.Th>
                <Table.Th w={210}>Your label and version</Table.Th>
                <Table.Th w={130}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((l) => (
                <LicenseRow key={l.key} license={l} {...row} />
              ))}
            </Table.Tbody>
          </Table>
          <Stack hiddenFrom="md" gap="sm">
            {items.map((l) => (
              <LicenseCard key={l.key} license={l} {...row} />
            ))}
          </Stack>
        </>
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

interface RowProps {
  license: License;
  me: Me;
  statuses: string[];
  onAccept: (l: License) => void;
}

function LifecycleBadge({ license: l }: { license: License }) {
  const life = lifecycleOf(l);
  // A dot of the colour and the word in the text colour: light orange, green or yellow badges stay under 4.5:1.
  return (
    <Tooltip label={lifecycleHints[life]} withArrow multiline maw={260}>
      <Badge
        color={lifecycleColors[life]}
        variant="dot"
        size="lg"
        tt="none"
        style={{ overflow: 'visible' }}
        miw="fit-content"
      >
        {lifecycleLabels[life]}
      </Badge>
    </Tooltip>
  );
}

/** The key, brand and URL of a license, with what is under way on it. */
function LicenseIdentity({ license: l }: { license: License }) {
  return (
    <Stack gap={2}>
      <Text ff="monospace" size="sm">
        {l.key}
      </Text>
      <Text size="xs" c="dimmed">
        {l.brand.name}
      </Text>
      <Text size="sm" data-testid="license-url" style={{ overflowWrap: 'anywhere' }}>
        {l.url || 'No URL yet'}
      </Text>
      {l.pendingUrlChange && (
        <Text size="xs" c="orange.9" style={{ overflowWrap: 'anywhere' }}>
          Waiting for the renewal fee: {l.pendingUrlChange.toUrl}
        </Text>
      )}
      {l.openTransfer && (
        <Text size="xs" c="orange.9" style={{ overflowWrap: 'anywhere' }}>
          Transfer to {l.openTransfer.toEmail} requested
        </Text>
      )}
    </Stack>
  );
}

function LicenseProducts({ license: l }: { license: License }) {
  return (
    <Stack gap={2}>
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
        <Text size="xs" key={s.id} c={s.expired ? 'red.9' : 'dimmed'}>
          {s.name}: {s.expired ? 'expired' : 'until'} {dayOf(s.expiresAt)}
        </Text>
      ))}
    </Stack>
  );
}

/** L-1: the holder's own bookkeeping, which changes nothing about the license. */
function HolderFields({ license: l, statuses }: { license: License; statuses: string[] }) {
  const qc = useQueryClient();
  const update = useMutation({
    mutationFn: (body: LicenseChange) => updateLicense(l.key, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: licenseKeys.all }),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  if (l.state === 'transferred')
    return (
      <Text size="sm">
        {[l.holderStatus, l.holderVersion].filter(Boolean).join(' · ') || (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </Text>
    );
  return (
    <Stack gap={4}>
      <Select
        aria-label={`Your label for ${l.key}`}
        placeholder="Your label"
        size="xs"
        clearable
        clearButtonProps={{ 'aria-label': `Clear your label for ${l.key}` }}
        data={statuses}
        value={l.holderStatus || null}
        // The options are the server's holderStatuses.
        onChange={(v) => update.mutate({ holderStatus: (v ?? '') as HolderStatus })}
      />
      <VersionSelect
        productId={l.productId}
        label={`Your version of ${l.key}`}
        compact
        value={l.holderVersion}
        onChange={(v) => update.mutate({ holderVersion: v })}
      />
    </Stack>
  );
}

/**
 * The actions on a license by A-2, in one menu ("Actions for <key>"), with the one that needs doing
 * (accept the agreement) also as a button beside it.
 */
function LicenseActions({ license: l, me, onAccept }: RowProps) {
  const qc = useQueryClient();
  const manage = can(me, 'licenses.manage');
  const held = l.state !== 'transferred';
  const usable = l.state === 'active' || l.state === 'not_accepted';
  const [registering, setRegistering] = useState(false);
  const register = useMutation({
    mutationFn: () => registerLicense(l.key),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      notifications.show({ message: `The installation of ${l.key} is registered.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const mayAccept = manage && l.state === 'not_accepted';
  const mayRegister = manage && l.state === 'active' && !l.registeredAt && !!l.url;
  const mayChange = manage && held && usable && !l.openTransfer;
  const mayPack = can(me, 'licenses.upgradePack') && l.state === 'active' && me.sections.includes('files');
  return (
    <Group gap="xs" wrap="nowrap">
      {mayAccept && (
        <Button size="xs" onClick={() => onAccept(l)}>
          Accept
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" aria-label={`Actions for ${l.key}`}>
            <IconDots size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component={Link} to={`/licenses/${l.key}/history`} leftSection={<IconHistory size={14} />}>
            History
          </Menu.Item>
          {mayAccept && (
            <Menu.Item leftSection={<IconCheck size={14} />} onClick={() => onAccept(l)}>
              Accept the agreement
            </Menu.Item>
          )}
          {mayRegister && (
            <Menu.Item leftSection={<IconPlugConnected size={14} />} onClick={() => setRegistering(true)}>
              Register
            </Menu.Item>
          )}
          {mayChange && (
            <Menu.Item component={Link} to={`/licenses/${l.key}/url`} leftSection={<IconLink size={14} />}>
              Change URL
            </Menu.Item>
          )}
          {mayChange && (
            <Menu.Item
              component={Link}
              to={`/licenses/${l.key}/transfer`}
              leftSection={<IconArrowsExchange size={14} />}
            >
              Transfer
            </Menu.Item>
          )}
          {mayPack && (
            <Menu.Item component={Link} to={`/files?upgradePack=${l.key}`} leftSection={<IconPackage size={14} />}>
              Get upgrade pack
            </Menu.Item>
          )}
          {l.addMoreUrl && held && (
            <Menu.Item
              component="a"
              href={l.addMoreUrl}
              target="_blank"
              rel="noopener noreferrer"
              leftSection={<IconExternalLink size={14} />}
            >
              Add more to this license
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={registering}
        onClose={() => setRegistering(false)}
        title={`Register ${l.key} at ${l.url}?`}
        centered
      >
        <Stack>
          <Text size="sm">
            Registering records {l.url} as the installation of this license. From then on, one move to another domain is
            free; later ones need a license renewal fee. Moves to another folder or third-level domain stay free.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRegistering(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                setRegistering(false);
                register.mutate();
              }}
            >
              Register
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

function Registered({ license: l }: { license: License }) {
  if (!l.registeredAt) return null;
  return (
    <Text size="xs" c="dimmed">
      Registered {formatDate(l.registeredAt)}
    </Text>
  );
}

function LicenseRow(props: RowProps) {
  const l = props.license;
  return (
    <Table.Tr data-testid="license-row" data-key={l.key}>
      <Table.Td>
        <LicenseIdentity license={l} />
      </Table.Td>
      <Table.Td>
        <LicenseProducts license={l} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <LifecycleBadge license={l} />
          <Registered license={l} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <HolderFields license={l} statuses={props.statuses} />
      </Table.Td>
      <Table.Td>
        <LicenseActions {...props} />
      </Table.Td>
    </Table.Tr>
  );
}

/** A phone's view of a license: key, product, status and the actions. */
function LicenseCard(props: RowProps) {
  const l = props.license;
  const main = l.products.find((p) => p.productId === l.productId) ?? l.products[0];
  return (
    <Card withBorder padding="sm" data-testid="license-card" data-key={l.key}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} miw={0}>
            <Text ff="monospace" size="sm">
              {l.key}
            </Text>
            <Text size="sm" fw={600}>
              {main ? `${main.name} ${main.version}`.trim() : l.brand.name}
              {l.products.length > 1 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  + {l.products.length - 1} more
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {l.url || 'No URL yet'}
            </Text>
          </Stack>
          <LifecycleBadge license={l} />
        </Group>
        <Registered license={l} />
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Anchor component={Link} to={`/licenses/${l.key}/history`} size="sm">
            History
          </Anchor>
          <LicenseActions {...props} />
        </Group>
      </Stack>
    </Card>
  );
}
