import { PageTitle } from '../../components/page-title';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlame, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type BulkResult,
  bulkChangeTickets,
  type Priority,
  type QueueItem,
  type QueueSort,
  type QueueView,
  type StaffTicket,
  type TicketStatus,
  ticketKeys,
  useAgents,
  useStaffQueue,
  useStaffTicketSearch,
} from '../../api/tickets';
import { useCompanyPicker } from '../../api/staff';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { priorityLabels, ticketStatusBadge, ticketStatusLabels } from '../../labels';
import { SlaBadge } from '../service-levels/sla-clock';

const views: { value: QueueView; label: string }[] = [
  { value: 'open', label: 'All open' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'mine', label: 'Mine' },
  { value: 'waiting', label: 'Waiting on customer' },
  { value: 'breaching', label: 'Past due' },
  { value: 'solved', label: 'Solved' },
];
const sorts: { value: QueueSort; label: string }[] = [
  { value: 'queue', label: 'Queue order' },
  { value: 'age', label: 'Oldest first' },
  { value: 'activity', label: 'Latest activity' },
];
const workStatuses: TicketStatus[] = ['submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed'];
/** The customer understands "Solved" for the T-8 Pre-closed state: it closes by itself unless they reply. */
const statusLabel = (s: TicketStatus) => (s === 'pre_closed' ? 'Solved' : ticketStatusLabels[s]);

/** The status word staff read (Solved for a ticket marked solved or pre-closed), on a filled badge. */
function StatusBadge({ ticket }: { ticket: { status: TicketStatus; solved?: boolean } }) {
  const badge = ticketStatusBadge(ticket);
  return (
    <Badge color={badge.color} style={{ overflow: 'visible' }}>
      {badge.label}
    </Badge>
  );
}
const nowrap = { whiteSpace: 'nowrap' } as const;
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

type Row = StaffTicket & Partial<Pick<QueueItem, 'waitingOn' | 'waitingSince'>>;

/**
 * Issue 11 / T-16: the queue as agents expect it. All departments or one; views with their counts;
 * sort by the queue order (T-11), age or last activity; filters by status, priority and company;
 * select tickets for a bulk assign or status; keyset "Load more". The choice lives in the address,
 * so the Overview's numbers link straight to a filtered queue.
 */
export function StaffQueuePage() {
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as QueueView | null) ?? 'open';
  const sort = (params.get('sort') as QueueSort | null) ?? 'queue';
  const department = params.get('department') ?? '';
  const status = list(params.get('status')) as TicketStatus[];
  const priority = list(params.get('priority')) as Priority[];
  const companyId = params.get('company') ?? '';
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 300);
  const [companyQ, setCompanyQ] = useState('');
  const [dCompanyQ] = useDebouncedValue(companyQ, 250);
  const companies = useCompanyPicker(dCompanyQ);
  const queue = useStaffQueue(
    { view, sort, department: department || undefined, status, priority, companyId: companyId || undefined },
    { enabled: !dq },
  );
  const found = useStaffTicketSearch(dq);
  const first = queue.data?.pages[0];
  const departments = first?.departments ?? [];
  const counts = first?.counts;
  const rows: Row[] = dq ? (found.data?.items ?? []) : (queue.data?.pages.flatMap((p) => p.items) ?? []);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const toggle = (n: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(n)) next.delete(n);
      else next.add(n);
      return next;
    });
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.number));
  const companyOptions = [
    ...(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    ...(companyId && !(companies.data?.items ?? []).some((c) => c.id === companyId)
      ? [{ value: companyId, label: 'The chosen company' }]
      : []),
  ];

  return (
    <Stack>
      <PageTitle>Tickets</PageTitle>
      <Tabs
        value={view}
        onChange={(v) => {
          if (!v) return;
          set('view', v === 'open' ? null : v);
          setSelected(new Set());
        }}
      >
        <Tabs.List aria-label="Views">
          {views.map((v) => (
            <Tabs.Tab
              key={v.value}
              value={v.value}
              rightSection={
                counts ? (
                  <Badge size="sm" variant={view === v.value ? 'filled' : 'light'} color="gray">
                    {counts[v.value].toLocaleString()}
                  </Badge>
                ) : null
              }
            >
              {v.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group align="end" gap="sm" wrap="wrap">
        <Select
          label="Department"
          w={{ base: '47%', sm: 170 }}
          data={[{ value: '', label: 'All departments' }, ...departments.map((d) => ({ value: d.key, label: d.name }))]}
          value={department}
          onChange={(v) => set('department', v || null)}
          allowDeselect={false}
        />
        <Select
          label="Sort"
          w={{ base: '47%', sm: 160 }}
          data={sorts}
          value={sort}
          onChange={(v) => set('sort', v === 'queue' ? null : v)}
          allowDeselect={false}
        />
        <MultiSelect
          label="Status"
          w={{ base: '47%', sm: 190 }}
          placeholder={status.length ? undefined : 'Any'}
          data={workStatuses.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={(v) => set('status', v.join(',') || null)}
          clearable
        />
        <MultiSelect
          label="Priority"
          w={{ base: '47%', sm: 170 }}
          placeholder={priority.length ? undefined : 'Any'}
          data={(['major', 'normal', 'minor'] as const).map((p) => ({ value: p, label: priorityLabels[p] }))}
          value={priority}
          onChange={(v) => set('priority', v.join(',') || null)}
          clearable
        />
        <Select
          label="Company"
          w={{ base: '47%', sm: 200 }}
          placeholder="Any company"
          searchable
          clearable
          data={companyOptions}
          value={companyId || null}
          onChange={(v) => set('company', v)}
          searchValue={companyQ}
          onSearchChange={setCompanyQ}
          nothingFoundMessage="No company by that name"
        />
        <TextInput
          label="Find"
          w={{ base: '47%', sm: 200 }}
          placeholder="Number, message ID, words"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </Group>
      <BulkBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      <ErrorAlert error={queue.error ?? found.error} />
      {rows.length === 0 && (queue.isSuccess || found.isSuccess) && (
        <Text c="dimmed">{dq ? 'Nothing found.' : 'No tickets in this view.'}</Text>
      )}
      {rows.length > 0 && (
        <>
          <Table striped highlightOnHover visibleFrom="md" verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="Select all tickets shown"
                    checked={allChecked}
                    indeterminate={!allChecked && rows.some((r) => selected.has(r.number))}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.number)))}
                  />
                </Table.Th>
                <Table.Th>Ticket</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Age</Table.Th>
                <Table.Th>Waiting since</Table.Th>
                <Table.Th>SLA</Table.Th>
                <Table.Th>Activity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((t) => (
                <Table.Tr key={t.number} data-testid="queue-row" data-number={t.number}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ticket ${t.number}`}
                      checked={selected.has(t.number)}
                      onChange={() => toggle(t.number)}
                    />
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Group gap={4} wrap="nowrap">
                      {t.hotrush && (
                        <Badge color="red" size="sm" leftSection={<IconFlame size={12} aria-hidden />}>
                          HotRush
                        </Badge>
                      )}
                      {t.vip && (
                        <Badge color="grape" size="sm">
                          VIP
                        </Badge>
                      )}
                      <Anchor component={Link} to={`/staff/tickets/${t.number}`} lineClamp={1} fz="sm">
                        {t.title}
                      </Anchor>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      #{t.number} · {t.company.name}
                      {department ? '' : ` · ${t.department.name}`}
                    </Text>
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <StatusBadge ticket={t} />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={`Queues as ${t.effectiveLabel} (${t.effective.toFixed(2)}), T-11`}>
                      <span>{priorityLabels[t.priority]}</span>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    {t.assignee?.name ?? (
                      <Text span c="dimmed" size="sm">
                        Nobody
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Time value={t.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <Waiting row={t} />
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <SlaBadge sla={t.sla} />
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Time value={t.lastActivityAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack hiddenFrom="md" gap="xs">
            {rows.map((t) => (
              <QueueCard key={t.number} t={t} checked={selected.has(t.number)} onToggle={() => toggle(t.number)} />
            ))}
          </Stack>
        </>
      )}
      {!dq && queue.hasNextPage && (
        <Button variant="default" onClick={() => queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
          Load more
        </Button>
      )}
      <Text size="xs" c="dimmed">
        Queue order: HotRush first, then VIP tickets, then the SLA due time (paused while the customer is to answer),
        then the effective priority: the ticket's priority (Major 3, Normal 2, Minor 1) minus the company's habit over
        its last 90 days (mean points − 2). A company that marks everything Major queues as Normal. The counts are per
        department; the filters narrow the list only.
      </Text>
    </Stack>
  );
}

/** Who is waiting and since when: the customer for an answer, or the team for the customer's reply. */
function Waiting({ row }: { row: Row }) {
  if (!row.waitingOn || !row.waitingSince)
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  return (
    <Text span size="sm" c={row.waitingOn === 'customer' ? 'dimmed' : undefined}>
      {row.waitingOn === 'staff' ? 'Customer · ' : 'On customer · '}
      <Time value={row.waitingSince} />
    </Text>
  );
}

function QueueCard({ t, checked, onToggle }: { t: Row; checked: boolean; onToggle: () => void }) {
  const qc = useQueryClient();
  const take = useMutation({
    mutationFn: () => bulkChangeTickets({ numbers: [t.number], assignee: 'me' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.queues }),
  });
  return (
    <Card withBorder padding="sm" data-testid="queue-card" data-number={t.number}>
      <Group justify="space-between" wrap="nowrap" align="start">
        <Group gap="xs" wrap="nowrap" align="start">
          <Checkbox aria-label={`Select ticket ${t.number}`} checked={checked} onChange={onToggle} mt={2} />
          <div>
            <Anchor component={Link} to={`/staff/tickets/${t.number}`} fw={600}>
              {t.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              #{t.number} · {t.company.name}
            </Text>
          </div>
        </Group>
        <Group gap={4} wrap="nowrap">
          {t.hotrush && (
            <Badge color="red" size="sm">
              HotRush
            </Badge>
          )}
          {t.vip && (
            <Badge color="grape" size="sm">
              VIP
            </Badge>
          )}
        </Group>
      </Group>
      <Group gap="xs" mt="xs">
        <StatusBadge ticket={t} />
        <SlaBadge sla={t.sla} />
        <Text size="sm">{priorityLabels[t.priority]}</Text>
        <Text size="sm" c="dimmed">
          opened <Time value={t.createdAt} />
        </Text>
      </Group>
      <Group justify="space-between" mt="xs">
        <Text size="sm">{t.assignee?.name ?? 'Nobody'}</Text>
        {!t.assignee && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserCheck size={14} aria-hidden />}
            loading={take.isPending}
            onClick={() => take.mutate()}
          >
            Assign to me
          </Button>
        )}
      </Group>
    </Card>
  );
}

/** The bulk bar: assign to me, to someone or to nobody, or set a status, for the selected tickets. */
function BulkBar({ selected, onDone }: { selected: number[]; onDone: () => void }) {
  const qc = useQueryClient();
  const agents = useAgents();
  const [failed, setFailed] = useState<BulkResult[]>([]);
  const change = useMutation({
    mutationFn: bulkChangeTickets,
    onSuccess: (r) => {
      setFailed(r.items.filter((i) => !i.ok));
      qc.invalidateQueries({ queryKey: ticketKeys.queues });
      onDone();
    },
  });
  const run = (body: { assignee?: string | null; status?: TicketStatus }) =>
    change.mutate({ numbers: selected, ...body });
  return (
    <>
      {selected.length > 0 && (
        <Paper withBorder p="xs" role="region" aria-label="Change the selected tickets">
          <Group gap="sm" wrap="wrap">
            <Text fw={600} size="sm">
              {selected.length} selected
            </Text>
            <Button size="xs" onClick={() => run({ assignee: 'me' })} loading={change.isPending}>
              Assign to me
            </Button>
            <Select
              size="xs"
              aria-label="Assign to"
              placeholder="Assign to…"
              w={170}
              data={[
                { value: 'nobody', label: 'Nobody (unassign)' },
                ...(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
              ]}
              value={null}
              onChange={(v) => v && run({ assignee: v === 'nobody' ? null : v })}
            />
            <Select
              size="xs"
              aria-label="Set status"
              placeholder="Set status…"
              w={150}
              data={(['assigned', 'in_progress', 'pre_closed', 'closed', 'reopened'] as TicketStatus[]).map((s) => ({
                value: s,
                label: statusLabel(s),
              }))}
              value={null}
              onChange={(v) => v && run({ status: v as TicketStatus })}
            />
            <Button size="xs" variant="subtle" onClick={onDone}>
              Clear the selection
            </Button>
          </Group>
        </Paper>
      )}
      <ErrorAlert error={change.error} />
      {failed.length > 0 && (
        <Alert color="orange" title="Some tickets were not changed" withCloseButton onClose={() => setFailed([])}>
          <List size="sm">
            {failed.map((f) => (
              <List.Item key={f.number}>
                #{f.number}: {f.detail}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}
