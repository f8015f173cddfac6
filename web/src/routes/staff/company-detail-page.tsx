import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Card, Stack, Table, Text, } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { staffKeys, unlockProfile, useStaffCompany } from '../../api/staff';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { LockedMark } from '../../components/locked-mark';
import { roleLabels } from '../../labels';

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
          <Table.ScrollContainer minWidth={600}>
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
                    <Table.Td>{p.email}</Table.Td>
                    <Table.Td>{roleLabels[p.role]}</Table.Td>
                    <Table.Td>
                      {p.status === 'disabled' ? (
                        <Badge color="gray">Disabled</Badge>
                      ) : (
                        <Badge color="green">Active</Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.locked && can(me, 'staff.profiles.unlock') && (
                        <Button
                          size="xs"
                          variant="light"
                          color="orange"
                          loading={unlock.isPending && unlock.variables === p.id}
                          onClick={() => unlock.mutate(p.id)}
                        >
                          Unlock
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
