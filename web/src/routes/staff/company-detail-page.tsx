import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Me } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { staffKeys, unlockProfile, useStaffCompany } from '../../api/staff';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { LockedMark } from '../../components/locked-mark';
import { NotFound } from '../../components/not-found';
import { useIsPhone } from '../../components/responsive';
import { roleLabels } from '../../labels';
import { CompanySupportPanel } from '../support-staff/company-support-panel';

export function CompanyDetailPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { data, error } = useStaffCompany(id);
  const unlock = useMutation({
    mutationFn: (profileId: string) => unlockProfile(profileId),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: staffKeys.company(id) });
      notifications.show({ message: `${p.name} was unblocked.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const phone = useIsPhone();
  if (error instanceof ApiError && error.status === 404) return <NotFound what="This company" />;
  const unlockButton = (p: { id: string; locked: boolean }) =>
    p.locked &&
    can(me, 'staff.profiles.unlock') && (
      <Button
        size="xs"
        variant="light"
        color="orange"
        mt={4}
        loading={unlock.isPending && unlock.variables === p.id}
        onClick={() => unlock.mutate(p.id)}
      >
        Unlock
      </Button>
    );
  return (
    <Stack>
      <Anchor component={Link} to="/staff/companies" size="sm">
        ← Companies
      </Anchor>
      <ErrorAlert error={error} />
      {data && (
        <>
          <PageTitle>{data.company.name}</PageTitle>
          <Card withBorder>
            <Text>{data.company.address || 'No address'}</Text>
            <Text c="dimmed">
              {data.company.phone} {data.company.billingEmail && `· ${data.company.billingEmail}`}{' '}
              {data.company.taxId && `· Tax ID ${data.company.taxId}`}
            </Text>
          </Card>
          {phone ? (
            <Stack gap="sm">
              {data.profiles.map((p) => (
                <Card key={p.id} withBorder data-testid="profile-row" data-email={p.email}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600}>
                        {p.locked && <LockedMark />}
                        {p.name}
                      </Text>
                      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {p.email}
                      </Text>
                      <Text size="sm">{roleLabels[p.role]}</Text>
                    </div>
                    <StatusBadge status={p.status} />
                  </Group>
                  {unlockButton(p)}
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.profiles.map((p) => (
                  <Table.Tr key={p.id} data-testid="profile-row" data-email={p.email}>
                    <Table.Td>
                      {p.locked && <LockedMark />}
                      {p.name}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.email}</Table.Td>
                    <Table.Td>{roleLabels[p.role]}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td>{unlockButton(p)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <CompanySupportPanel me={me} companyId={data.company.id} />
        </>
      )}
    </Stack>
  );
}

function StatusBadge({ status }: { status: string }) {
  return status === 'disabled' ? <Badge color="gray">Disabled</Badge> : <Badge color="green">Active</Badge>;
}
