import { ApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsSplit, IconDots, IconGitMerge } from '@tabler/icons-react';
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
  ticketKeys,
  useCannedReplies,
  useStaffTicket,
} from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { formatDateTime } from '../../format';
import { ticketStatusBadge } from '../../labels';
import { AttachmentPicker, attachmentsFit, useAttachmentProgress } from './attachment-picker';
import { StaffAccessInfoPanel } from '../access-info/staff-access-info';
import { CustomerContext, RatingCard, TicketProperties } from './staff-ticket-side';
import { SlaClockCard } from '../service-levels/sla-clock';
import { SolvedNotice } from './solved-notice';
import { StaffTicketSupportCard } from '../assessment/staff-ticket-support';
import { Timeline } from './timeline';

const maxFiles = 10;
const maxBytes = 50 * 1024 * 1024;

/**
 * T-16: the agent's workspace for one ticket: the reply box first, then the conversation (newest
 * first, internal notes included); merge and move in menus; a side panel with the ticket's
 * properties ("Assign to me", status, solved mark), the customer (company, licenses, other open
 * tickets) and the rating with its comment.
 */
export function StaffTicketPage() {
  const { number = '' } = useParams();
  const qc = useQueryClient();
  const ticket = useStaffTicket(number);
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
  const [merging, setMerging] = useState(false);
  const t = ticket.data;
  if (!t && ticket.error instanceof ApiError && ticket.error.status === 404)
    return <NotFound what={`Ticket #${number}`} />;
  if (!t)
    return (
      <Stack>
        <Anchor component={Link} to="/staff/tickets" size="sm">
          ← Tickets
        </Anchor>
        <ErrorAlert error={ticket.error} />
      </Stack>
    );
  const badge = ticketStatusBadge(t);
  const logTicket = t.type.key === 'license_log';
  const canMerge = !logTicket && !t.mergedInto && t.status !== 'closed';
  return (
    <Stack>
      <Anchor component={Link} to="/staff/tickets" size="sm">
        ← Tickets
      </Anchor>
      <Group justify="space-between" align="start">
        <PageTitle>{`#${t.number} ${t.title}`}</PageTitle>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {t.hotrush && <Badge color="red.9">HotRush</Badge>}
          <Badge size="lg" color={badge.color} data-testid="ticket-status">
            {badge.label}
          </Badge>
          {canMerge && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="More ticket actions">
                  <IconDots size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconGitMerge size={16} aria-hidden />} onClick={() => setMerging(true)}>
                  Merge into another ticket…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      <SolvedNotice ticket={t} who="the customer replies" />
      {t.mergedInto && (
        <Alert color="gray" data-testid="merged-into">
          Merged into{' '}
          <Anchor component={Link} to={`/staff/tickets/${t.mergedInto}`}>
            ticket #{t.mergedInto}
          </Anchor>
          ; the conversation continues there.
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {logTicket ? (
              // T-17: the system alone writes a license log; the server refuses answers and notes here.
              <Text size="sm" c="dimmed">
                This is a license log: the system writes it. Answers and internal notes go in the customer's other
                tickets.
              </Text>
            ) : t.status === 'closed' ? (
              <Alert color="gray" title="This ticket is closed" data-testid="ticket-closed">
                <Stack gap="xs" align="start">
                  <Text size="sm">
                    {t.closedAt ? `Closed ${formatDateTime(t.closedAt)}. ` : ''}
                    {t.mergedInto
                      ? 'A merged ticket stays closed.'
                      : 'Re-open it to answer the customer, or ask them to open a new ticket.'}
                  </Text>
                  {!t.mergedInto && (
                    <Button
                      size="xs"
                      variant="default"
                      loading={change.isPending}
                      onClick={() => change.mutate({ status: 'reopened' })}
                    >
                      Re-open ticket
                    </Button>
                  )}
                </Stack>
              </Alert>
            ) : (
              <StaffReply key={t.number} ticket={t} onDone={refresh} />
            )}
            <Timeline
              items={t.timeline}
              newestFirst
              attachmentUrl={(id) => `/api/v1/staff/tickets/${t.number}/attachments/${id}`}
              messageMenu={(code, internal) =>
                internal || logTicket || t.mergedInto ? null : (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" size="sm" aria-label={`Actions for message ${code}`}>
                        <IconDots size={14} aria-hidden />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconArrowsSplit size={16} aria-hidden />}
                        onClick={() => setMoving(code)}
                      >
                        Move to a new ticket…
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )
              }
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <TicketProperties ticket={t} change={(body) => change.mutate(body)} busy={change.isPending} />
            <StaffTicketSupportCard number={String(t.number)} />
            <SlaClockCard ticket={t} />
            <RatingCard ticket={t} />
            <StaffAccessInfoPanel ticket={t} />
            <CustomerContext ticket={t} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MoveModal number={t.number} code={moving} onClose={() => setMoving(null)} onMoved={refresh} />
      <MergeModal number={t.number} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}

function MoveModal({
  number,
  code,
  onClose,
  onMoved,
}: {
  number: number;
  code: string | null;
  onClose: () => void;
  onMoved: () => void;
}) {
  const [title, setTitle] = useState('');
  const navigate = useNavigate();
  const move = useCreateMutation({
    mutationFn: (_: void, key) => moveMessage(String(number), code ?? '', title, key),
    onSuccess: (created) => {
      onClose();
      setTitle('');
      onMoved();
      notifications.show({ message: `Moved to the new ticket #${created.number}; the customer is told.` });
      navigate(`/staff/tickets/${created.number}`);
    },
  });
  return (
    <Modal opened={!!code} onClose={onClose} title={`Move message ${code} to a new ticket`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          move.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={move.error} fields={['title']} />
          <TextInput
            label="Brief description of the new ticket"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(move.error, 'title')}
            withAsterisk
          />
          <Button type="submit" loading={move.isPending}>
            Move to a new ticket
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function MergeModal({ number, opened, onClose }: { number: number; opened: boolean; onClose: () => void }) {
  const [into, setInto] = useState('');
  const target = into.trim().replace(/^#/, '');
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const merge = useMutation({
    mutationFn: () => mergeTicket(String(number), target),
    onSuccess: (t) => {
      onClose();
      notifications.show({ message: `Merged into #${t.number}.` });
      navigate(`/staff/tickets/${t.number}`);
    },
    onSettled: () => setConfirming(false),
  });
  const close = () => {
    setConfirming(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Merge #${number} into another ticket`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!confirming) setConfirming(true);
          else merge.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Ticket number to merge into"
            placeholder="e.g. 1042"
            value={into}
            onChange={(e) => {
              setInto(e.currentTarget.value);
              setConfirming(false);
            }}
            error={fieldError(merge.error, 'into') ?? (merge.error ? errorMessage(merge.error) : undefined)}
            data-autofocus
          />
          {confirming && (
            <Alert color="orange" title={`Merge #${number} into #${target}?`}>
              Its messages and attachments move to ticket #{target} and this ticket is closed for good; the customer is
              told. A merge cannot be undone.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={confirming ? 'orange.9' : undefined}
              disabled={!target}
              loading={merge.isPending}
            >
              {confirming ? 'Merge for good' : 'Merge'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What one send carries: the onSuccess clears the box only if it still holds exactly this. */
type StaffDraft = { body: string; internal: boolean; files: File[]; timeSpent?: number };

function StaffReply({ ticket, onDone }: { ticket: StaffTicketDetail; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  // T-16: the minutes spent on this answer (optional; whole minutes, the server checks 0…1440).
  const [spent, setSpent] = useState<string | number>('');
  const [missing, setMissing] = useState<string | null>(null);
  const progress = useAttachmentProgress(files);
  const canned = useCannedReplies(ticket.department.key);
  const send = useCreateMutation({
    mutationFn: (sent: StaffDraft, key) =>
      postStaffMessage(
        String(ticket.number),
        { body: sent.body, internal: sent.internal, timeSpent: sent.timeSpent },
        sent.files,
        key,
        progress.onProgress,
      ),
    onSuccess: (r, sent) => {
      // Only what was sent is cleared: a next answer typed while this one was on its way stays.
      setBody((b) => (b === sent.body ? '' : b));
      setFiles((f) => (f === sent.files ? [] : f));
      setSpent((m) => (m === sent.timeSpent ? '' : m));
      progress.reset();
      onDone();
      notifications.show({ message: `${sent.internal ? 'Note' : 'Answer'} ${r.messageId} saved.` });
    },
    onError: () => progress.reset(),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Checked here first: nothing is sent (no upload) for an empty message or a file over the limit.
        if (!body.trim()) return setMissing(internal ? 'Write the note.' : 'Write your answer.');
        if (!attachmentsFit(files, maxFiles, maxBytes)) return setMissing(null);
        setMissing(null);
        progress.start();
        send.mutate({ body, internal, files, timeSpent: spent === '' ? undefined : Number(spent) });
      }}
      data-testid="staff-reply"
    >
      <Stack gap="xs">
        <ErrorAlert error={send.error} fields={['body', 'timeSpent']} />
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
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setMissing(null);
          }}
          error={missing ?? fieldError(send.error, 'body')}
        />
        <AttachmentPicker
          files={files}
          onChange={setFiles}
          maxFiles={maxFiles}
          maxBytes={maxBytes}
          percents={send.isPending ? progress.percents : null}
        />
        <NumberInput
          label="Time spent (minutes)"
          description="Optional: the minutes you spent on this answer."
          w={220}
          min={0}
          max={1440}
          allowDecimal={false}
          allowNegative={false}
          value={spent}
          onChange={setSpent}
          error={fieldError(send.error, 'timeSpent')}
        />
        <Group>
          <Checkbox label="Internal note" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
          <Button
            type="submit"
            loading={send.isPending}
            color={internal ? 'yellow.3' : undefined}
            c={internal ? 'dark.9' : undefined}
          >
            {internal ? 'Save note' : 'Send answer'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
