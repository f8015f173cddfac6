import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, fieldError } from '../../api/client';
import {
  mergeTicket,
  moveMessage,
  postStaffMessage,
  type StaffTicketChange,
  type StaffTicketDetail,
  staffChangeTicket,
  type TicketStatus,
  ticketKeys,
  useAgents,
  useCannedReplies,
  useDepartments,
  useStaffTicket,
} from '../../api/tickets';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { priorityLabels, ticketStatusColors, ticketStatusLabels, ticketTypeLabels } from '../../labels';
import { AttachmentPicker } from './attachment-picker';
import { Timeline } from './timeline';

/** T-16: a ticket for staff: assign, set status, mark solved, change type/department, answer or note. */
export function StaffTicketPage() {
  const { number = '' } = useParams();
  const qc = useQueryClient();
  const ticket = useStaffTicket(number);
  const agents = useAgents();
  const departments = useDepartments();
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ticketKeys.staffTicket(number) });
    qc.invalidateQueries({ queryKey: ticketKeys.queues });
  };
  const change = useMutation({
    mutationFn: (body: StaffTicketChange) => staffChangeTicket(number, body),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const [moving, setMoving] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const navigate = useNavigate();
  const move = useCreateMutation({
    mutationFn: (_: void, key) => moveMessage(number, moving ?? '', newTitle, key),
    onSuccess: (created) => {
      setMoving(null);
      setNewTitle('');
      refresh();
      notifications.show({ message: `Moved to the new ticket #${created.number}; the customer is told.` });
      navigate(`/staff/tickets/${created.number}`);
    },
  });
  const t = ticket.data;
  if (!t)
    return (
      <Stack>
        <Anchor component={Link} to="/staff/tickets" size="sm">
          ← Queue
        </Anchor>
        <ErrorAlert error={ticket.error} />
      </Stack>
    );
  return (
    <Stack>
      <Anchor component={Link} to="/staff/tickets" size="sm">
        ← Tickets
      </Anchor>
      <Group justify="space-between" align="start">
        <PageTitle>{`#${t.number} ${t.title}`}</PageTitle>
        <Group>
          {t.hotrush && <Badge color="red">HotRush</Badge>}
          <Badge size="lg" color={ticketStatusColors[t.status]} data-testid="ticket-status">
            {ticketStatusLabels[t.status]}
          </Badge>
        </Group>
      </Group>
      <Card withBorder>
        <Stack gap="xs">
          <Text size="sm">
            <Anchor component={Link} to={`/staff/companies/${t.company.id}`}>
              {t.company.name}
            </Anchor>{' '}
            · {t.author} · {t.licenses.join(', ')} {t.product && `· ${t.product.name} ${t.version}`} ·{' '}
            {priorityLabels[t.priority]}, queues as {t.effectiveLabel} ({t.effective.toFixed(2)})
            {t.solvedAt && ` · marked solved ${formatDateTime(t.solvedAt)}`}
          </Text>
          <Group align="end">
            <Select
              label="Agent"
              size="xs"
              clearable
              clearButtonProps={{ 'aria-label': 'Unassign' }}
              data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              value={t.assignee?.id ?? null}
              onChange={(v) => change.mutate({ assigneeId: v })}
            />
            <Select
              label="Status"
              size="xs"
              allowDeselect={false}
              data={(Object.keys(ticketStatusLabels) as TicketStatus[]).map((s) => ({
                value: s,
                label: ticketStatusLabels[s],
              }))}
              value={t.status}
              onChange={(v) => v && change.mutate({ status: v as TicketStatus })}
            />
            <Select
              label="Department"
              size="xs"
              allowDeselect={false}
              data={(departments.data ?? []).map((d) => ({ value: d.key, label: d.name }))}
              value={t.department.key}
              onChange={(v) => v && change.mutate({ department: v })}
            />
            <Select
              label="Type"
              size="xs"
              allowDeselect={false}
              data={Object.entries(ticketTypeLabels)
                .filter(([key]) => key !== 'license_log' || t.type.key === 'license_log')
                .map(([value, label]) => ({ value, label }))}
              value={t.type.key}
              onChange={(v) => v && change.mutate({ type: v })}
            />
            {t.solvedAt ? (
              <Button size="xs" variant="default" onClick={() => change.mutate({ solved: false })}>
                Withdraw solved mark
              </Button>
            ) : (
              <Button
                size="xs"
                color="green"
                onClick={() => change.mutate({ solved: true })}
                disabled={t.status === 'closed' || t.status === 'pre_closed'}
              >
                Mark solved
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      <Timeline
        items={t.timeline}
        attachmentUrl={(id) => `/api/v1/staff/tickets/${t.number}/attachments/${id}`}
        onMove={setMoving}
      />
      <MergeForm number={t.number} />
      <Modal opened={!!moving} onClose={() => setMoving(null)} title={`Move message ${moving} to a new ticket`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate();
          }}
        >
          <Stack>
            <ErrorAlert error={move.error} fields={['title']} />
            <TextInput
              label="Brief description of the new ticket"
              value={newTitle}
              onChange={(e) => setNewTitle(e.currentTarget.value)}
              error={fieldError(move.error, 'title')}
              required
            />
            <Button type="submit" loading={move.isPending}>
              Move to a new ticket
            </Button>
          </Stack>
        </form>
      </Modal>
      {t.type.key === 'license_log' ? (
        // T-17: the system alone writes a license log; the server refuses answers and notes here.
        <Text size="sm" c="dimmed">
          This is a license log: the system writes it. Answers and internal notes go in the customer's other tickets.
        </Text>
      ) : (
        <StaffReply ticket={t} onDone={refresh} />
      )}
    </Stack>
  );
}

function MergeForm({ number }: { number: number }) {
  const [into, setInto] = useState('');
  const navigate = useNavigate();
  const merge = useMutation({
    mutationFn: () => mergeTicket(String(number), into.replace(/^#/, '')),
    onSuccess: (target) => {
      notifications.show({ message: `Merged into #${target.number}.` });
      navigate(`/staff/tickets/${target.number}`);
    },
  });
  return (
    <Confirm
      title={`Merge #${number} into #${into.replace(/^#/, '')}?`}
      confirmLabel="Merge"
      onConfirm={() => merge.mutate()}
      trigger={(open) => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            open();
          }}
        >
          <Group align="end">
            <TextInput
              label="Merge this duplicate into ticket #"
              size="xs"
              value={into}
              onChange={(e) => setInto(e.currentTarget.value)}
              error={fieldError(merge.error, 'into') ?? (merge.error ? errorMessage(merge.error) : undefined)}
            />
            <Button size="xs" variant="default" type="submit" loading={merge.isPending} disabled={!into}>
              Merge
            </Button>
          </Group>
        </form>
      )}
    >
      Its messages and attachments move to ticket #{into.replace(/^#/, '')} and this ticket is closed for good; the
      customer is told. A merge cannot be undone.
    </Confirm>
  );
}

function StaffReply({ ticket, onDone }: { ticket: StaffTicketDetail; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const canned = useCannedReplies(ticket.department.key);
  const send = useCreateMutation({
    mutationFn: (_: void, key) => postStaffMessage(String(ticket.number), { body, internal }, files, key),
    onSuccess: (r) => {
      setBody('');
      setFiles([]);
      onDone();
      notifications.show({ message: `${internal ? 'Note' : 'Answer'} ${r.messageId} saved.` });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={send.error} fields={['body']} />
        {(canned.data?.items.length ?? 0) > 0 && (
          <Select
            label="Canned reply"
            placeholder="Insert a canned reply"
            data={(canned.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={null}
            onChange={(id) => {
              const c = canned.data?.items.find((x) => x.id === id);
              if (c) setBody((b) => (b ? `${b}\n\n${c.body}` : c.body));
            }}
          />
        )}
        <Textarea
          label={internal ? 'Internal note (never shown to the customer)' : 'Answer to the customer'}
          autosize
          minRows={4}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError(send.error, 'body')}
        />
        <AttachmentPicker files={files} onChange={setFiles} maxFiles={10} maxBytes={50 * 1024 * 1024} />
        <Group>
          <Checkbox label="Internal note" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
          <Button type="submit" loading={send.isPending} color={internal ? 'yellow' : undefined}>
            {internal ? 'Save note' : 'Send answer'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
