import { Anchor, Badge, Button, Card, Group, Rating, Select, Stack, Text, Title } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { client, data } from '../../api/client';
import { useStaffLicenses } from '../../api/licenses';
import {
  type StaffTicketChange,
  type StaffTicketDetail,
  type TicketStatus,
  useAgents,
  useDepartments,
} from '../../api/tickets';
import { Time } from '../../components/time';
import { formatDateTime } from '../../format';
import {
  licenseStateLabels,
  priorityLabels,
  ticketStatusBadge,
  ticketStatusLabels,
  ticketTypeLabels,
} from '../../labels';

const openStatuses: TicketStatus[] = ['submitted', 'assigned', 'in_progress', 'pre_closed', 'reopened'];

/** T-16: the ticket's properties: owner (with "Assign to me"), status, department, type, solved mark. */
export function TicketProperties({
  ticket: t,
  change,
  busy,
}: {
  ticket: StaffTicketDetail;
  change: (body: StaffTicketChange) => void;
  busy: boolean;
}) {
  const me = useMe().data;
  const agents = useAgents();
  const departments = useDepartments();
  const frozen = t.type.key === 'license_log' || !!t.mergedInto;
  const mine = !!me && t.assignee?.id === me.id;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h5">
          Ticket
        </Title>
        <Text size="sm">
          {priorityLabels[t.priority]} priority, queues as {t.effectiveLabel} ({t.effective.toFixed(2)})
        </Text>
        {!frozen && me?.kind === 'staff' && !mine && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserCheck size={16} aria-hidden />}
            onClick={() => change({ assigneeId: me.id })}
            loading={busy}
          >
            Assign to me
          </Button>
        )}
        <Select
          label="Agent"
          size="xs"
          clearable
          disabled={frozen}
          clearButtonProps={{ 'aria-label': 'Unassign' }}
          data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={t.assignee?.id ?? null}
          placeholder="Nobody"
          onChange={(v) => change({ assigneeId: v })}
        />
        <Select
          label="Status"
          size="xs"
          allowDeselect={false}
          disabled={frozen}
          data={(Object.keys(ticketStatusLabels) as TicketStatus[]).map((s) => ({
            value: s,
            label: ticketStatusLabels[s],
          }))}
          value={t.status}
          onChange={(v) => v && change({ status: v as TicketStatus })}
        />
        <Select
          label="Department"
          size="xs"
          allowDeselect={false}
          disabled={frozen}
          data={(departments.data ?? []).map((d) => ({ value: d.key, label: d.name }))}
          value={t.department.key}
          onChange={(v) => v && change({ department: v })}
        />
        <Select
          label="Type"
          size="xs"
          allowDeselect={false}
          disabled={frozen}
          data={Object.entries(ticketTypeLabels)
            .filter(([key]) => key !== 'license_log' || t.type.key === 'license_log')
            .map(([value, label]) => ({ value, label }))}
          value={t.type.key}
          onChange={(v) => v && change({ type: v })}
        />
        {!frozen &&
          (t.solvedAt ? (
            <Button size="xs" variant="default" onClick={() => change({ solved: false })} loading={busy}>
              Withdraw solved mark
            </Button>
          ) : (
            <Button
              size="xs"
              color="teal.9"
              onClick={() => change({ solved: true })}
              disabled={t.status === 'closed' || t.status === 'pre_closed'}
              loading={busy}
            >
              Mark solved
            </Button>
          ))}
        {t.solvedAt && (
          <Text size="xs" c="dimmed">
            Marked solved {formatDateTime(t.solvedAt)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The company's other tickets, newest activity first (open ones are listed). */
function useCompanyTickets(companyId: string) {
  return useQuery({
    queryKey: ['staff-company-tickets', companyId],
    queryFn: () => data(client.GET('/api/v1/staff/tickets', { params: { query: { companyId, limit: 50 } } })),
  });
}

/** Customer context: the company, its licenses and its other open tickets (support plans come with module S). */
export function CustomerContext({ ticket: t }: { ticket: StaffTicketDetail }) {
  const me = useMe().data;
  const tickets = useCompanyTickets(t.company.id);
  const others = (tickets.data?.items ?? []).filter((x) => x.number !== t.number && openStatuses.includes(x.status));
  return (
    <Card withBorder data-testid="customer-context">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Customer
        </Title>
        <Anchor component={Link} to={`/staff/companies/${t.company.id}`} fw={500}>
          {t.company.name}
        </Anchor>
        {t.author && <Text size="sm">Written by {t.author}</Text>}
        {t.product && (
          <Text size="sm">
            {t.product.name} {t.version}
          </Text>
        )}
        {/* Licenses need the licenses permission; without it the list is not shown. */}
        {me?.permissions.includes('staff.licenses.view') && <CompanyLicenses ticket={t} />}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Other open tickets ({others.length})
          </Text>
          {tickets.data && others.length === 0 && (
            <Text size="sm" c="dimmed">
              None
            </Text>
          )}
          {others.slice(0, 10).map((x) => {
            const badge = ticketStatusBadge(x);
            return (
              <Group key={x.number} gap="xs" wrap="nowrap" justify="space-between">
                <Anchor component={Link} to={`/staff/tickets/${x.number}`} size="sm" lineClamp={1}>
                  #{x.number} {x.title}
                </Anchor>
                <Badge size="xs" color={badge.color} style={{ flexShrink: 0, overflow: 'visible' }}>
                  {badge.label}
                </Badge>
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Card>
  );
}

/** T-13: the customer's rating and comment, for staff. */
export function RatingCard({ ticket: t }: { ticket: StaffTicketDetail }) {
  if (t.rating === null) return null;
  return (
    <Card withBorder data-testid="ticket-rating">
      <Stack gap={4}>
        <Title order={2} size="h5">
          Rating
        </Title>
        <Group gap="xs">
          <Rating value={t.rating} readOnly role="img" aria-label={`Rated ${t.rating} of 5`} />
          <Text size="sm">{t.rating}/5</Text>
        </Group>
        {t.ratingComment ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            “{t.ratingComment}”
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No comment
          </Text>
        )}
        {t.ratedAt && (
          <Text size="xs" c="dimmed">
            <Time value={t.ratedAt} />
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function CompanyLicenses({ ticket: t }: { ticket: StaffTicketDetail }) {
  const licenses = useStaffLicenses({ companyId: t.company.id });
  if (!licenses.data) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Licenses ({licenses.data.items.length})
      </Text>
      {licenses.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          None
        </Text>
      )}
      {licenses.data.items.slice(0, 10).map((l) => (
        <Group key={l.key} gap="xs" wrap="nowrap">
          <Text size="sm" fw={t.licenses.includes(l.key) ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
            {l.key}
          </Text>
          <Badge size="xs" variant="default">
            {licenseStateLabels[l.state]}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
}
