import { ApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Alert, Anchor, Badge, Button, Card, Group, Radio, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage, fieldError } from '../../api/client';
import {
  changeTicket,
  type Priority,
  postMessage,
  rateTicket,
  type TicketChange,
  type TicketDetail,
  type TicketOptions,
  ticketKeys,
  useTicket,
  useTicketOptions,
} from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { customerStatus, priorityLabels } from '../../labels';
import { formatDateTime } from '../../format';
import { AttachmentPicker, attachmentsFit, useAttachmentProgress } from './attachment-picker';
import { SolvedNotice } from './solved-notice';
import { CustomerAccessInfoPanel } from '../access-info/customer-access-info';
import { TicketSupportCard } from '../assessment/ticket-support';
import { Timeline } from './timeline';

/** A ticket for its company: properties (T-7, T-10, T-12), timeline, reply (T-6), rating (T-13). */
export function TicketPage() {
  const { number = '' } = useParams();
  const [search] = useSearchParams();
  const qc = useQueryClient();
  const ticket = useTicket(number);
  const options = useTicketOptions();
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ticketKeys.ticket(number) });
    qc.invalidateQueries({ queryKey: ticketKeys.all });
  };
  const change = useMutation({
    mutationFn: (body: TicketChange) => changeTicket(number, body),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const t = ticket.data;
  if (!t && ticket.error instanceof ApiError && ticket.error.status === 404)
    return <NotFound what={`Ticket #${number}`} />;
  if (!t)
    return (
      <Stack>
        <Anchor component={Link} to="/tickets" size="sm">
          ← Communication center
        </Anchor>
        <ErrorAlert error={ticket.error} />
      </Stack>
    );
  const closed = t.status === 'closed';
  const badge = customerStatus(t);
  return (
    <Stack>
      <Anchor component={Link} to="/tickets" size="sm">
        ← Communication center
      </Anchor>
      <Group justify="space-between" align="start">
        <PageTitle>{`#${t.number} ${t.title}`}</PageTitle>
        <Badge size="lg" color={badge.color} data-testid="ticket-status">
          {badge.label}
        </Badge>
      </Group>
      <SolvedNotice ticket={t} who="you reply" />
      {t.expectedAnswerBy && (
        <Text size="sm" data-testid="expected-answer">
          Expected answer by {formatDateTime(t.expectedAnswerBy)} (support hours count, your time).
        </Text>
      )}
      <Card withBorder>
        <Group gap="xl" align="end">
          <Text size="sm">
            {t.type.name} · {t.department.name}
            {t.licenses.length > 0 && ` · ${t.licenses.join(', ')}`}
            {t.product && ` · ${t.product.name} ${t.version}`}
          </Text>
          {!t.readOnly && !t.mergedInto && (
            <>
              <Select
                label="Priority"
                size="xs"
                disabled={closed}
                data={(['major', 'normal', 'minor'] as Priority[]).map((p) => ({ value: p, label: priorityLabels[p] }))}
                value={t.priority}
                onChange={(v) => v && change.mutate({ priority: v as Priority })}
                allowDeselect={false}
                w={120}
              />
              {t.type.key === 'tech' && (
                <Switch
                  label={`HotRush${t.status !== 'submitted' ? ` (${t.hotrushDisablesLeft} disables left for your company)` : ''}`}
                  checked={t.hotrush}
                  disabled={closed}
                  onChange={(e) => change.mutate({ hotrush: e.currentTarget.checked })}
                />
              )}
              {closed ? null : t.status === 'pre_closed' ? (
                <Button size="xs" variant="default" onClick={() => change.mutate({ status: 'reopened' })}>
                  Re-open ticket
                </Button>
              ) : (
                <Button size="xs" variant="default" onClick={() => change.mutate({ status: 'closed' })}>
                  Close ticket
                </Button>
              )}
            </>
          )}
        </Group>
      </Card>
      {t.mergedInto && (
        <Alert color="gray" data-testid="merged-into">
          This ticket was a duplicate: its conversation continues in{' '}
          <Anchor component={Link} to={`/tickets/${t.mergedInto}`}>
            ticket #{t.mergedInto}
          </Anchor>
          .
        </Alert>
      )}
      {t.readOnly && (
        <Alert color="gray">This log ticket records the license's URL changes. It can be read but not answered.</Alert>
      )}
      {!t.readOnly && <CustomerAccessInfoPanel number={String(t.number)} status={t.status} />}
      {!t.readOnly && !t.mergedInto && <TicketSupportCard ticket={t} />}
      {t.canRate && <RateCard ticket={t} open={search.get('rate') === '1'} onDone={refresh} />}
      <Timeline items={t.timeline} attachmentUrl={(id) => `/api/v1/tickets/${t.number}/attachments/${id}`} />
      {!t.readOnly &&
        !t.mergedInto &&
        (closed ? (
          <Alert color="gray" title="This ticket is closed" data-testid="ticket-closed">
            <Stack gap="xs" align="start">
              <Text size="sm">Re-open it to write again, or open a new ticket.</Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  loading={change.isPending}
                  onClick={() => change.mutate({ status: 'reopened' })}
                >
                  Re-open ticket
                </Button>
                <Button size="xs" variant="subtle" component={Link} to="/tickets/new">
                  New ticket
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ReplyForm key={t.number} number={t.number} options={options.data} onDone={refresh} />
        ))}
    </Stack>
  );
}

/** What one send carries: the onSuccess clears the box only if it still holds exactly this. */
type Draft = { body: string; files: File[] };

function ReplyForm({
  number,
  options,
  onDone,
}: {
  number: number;
  options: TicketOptions | undefined;
  onDone: () => void;
}) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const progress = useAttachmentProgress(files);
  const maxFiles = options?.maxFiles ?? 10;
  const maxBytes = options?.maxFileBytes ?? 50 * 1024 * 1024;
  const send = useCreateMutation({
    mutationFn: (sent: Draft, key) => postMessage(String(number), sent.body, sent.files, key, progress.onProgress),
    onSuccess: (r, sent) => {
      // Only what was sent is cleared: a next message typed while this one was on its way stays.
      setBody((b) => (b === sent.body ? '' : b));
      setFiles((f) => (f === sent.files ? [] : f));
      progress.reset();
      onDone();
      notifications.show({ message: `Message ${r.messageId} sent.` });
    },
    onError: () => progress.reset(),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Checked before anything is sent: an empty reply or a file over the limit costs no upload.
        if (!body.trim()) return setMissing('Write your message.');
        if (!attachmentsFit(files, maxFiles, maxBytes)) return;
        setMissing(null);
        progress.start();
        send.mutate({ body, files });
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={send.error} fields={['body']} />
        <Textarea
          label="Your reply"
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
        <Group>
          <Button type="submit" loading={send.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RateCard({ ticket, open, onDone }: { ticket: TicketDetail; open: boolean; onDone: () => void }) {
  const [editing, setEditing] = useState(open || !ticket.rating);
  const [stars, setStars] = useState(ticket.rating ?? 0);
  const [comment, setComment] = useState(ticket.ratingComment);
  const rate = useMutation({
    mutationFn: () => rateTicket(String(ticket.number), { rating: stars, comment }),
    onSuccess: () => {
      setEditing(false);
      onDone();
      notifications.show({ message: 'Thank you for your rating.' });
    },
  });
  if (!editing) {
    return (
      <Group>
        <Text size="sm">Your rating: {'★'.repeat(ticket.rating ?? 0)}</Text>
        <Anchor component="button" size="sm" onClick={() => setEditing(true)}>
          Change rating
        </Anchor>
      </Group>
    );
  }
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={500}>Rate us</Text>
        <ErrorAlert error={rate.error} fields={['rating']} />
        <Radio.Group
          label="How many stars (5 is best)?"
          value={stars ? String(stars) : ''}
          onChange={(v) => setStars(Number(v))}
        >
          <Group mt="xs">
            {[1, 2, 3, 4, 5].map((n) => (
              <Radio key={n} value={String(n)} label={'★'.repeat(n)} aria-label={`${n} of 5`} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <Group>
          <Button disabled={stars < 1} loading={rate.isPending} onClick={() => rate.mutate()}>
            Send rating
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
