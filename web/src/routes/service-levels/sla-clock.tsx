import { Badge, Card, List, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { StaffTicket, StaffTicketDetail } from '../../api/tickets';
import { formatDateTime, formatDuration } from '../../format';

type Sla = StaffTicket['sla'];

const planLabels = { credit: 'Credit-based', period: 'Period-based', vip: 'VIP' } as const;
/** The last hour before a due is yellow (the default warning lead), a passed due red, a paused clock gray. */
const soonSeconds = 3600;

/** Business time as hours and minutes ("24 h", "2 h 30 min"): a business day is not 24 hours, so never days. */
export function businessSpan(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  if (!h) return `${m} min`;
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** S-6: what the clock says now, in words and a theme color (docs/ui.md: palette names only). */
export function slaState(sla: Sla, now: Date = new Date()): { label: string; color: string; detail: string } {
  if (!sla) return { label: 'No SLA', color: 'gray', detail: 'This ticket has no SLA clock.' };
  if (sla.state === 'stopped') return { label: 'Stopped', color: 'gray', detail: 'Closed or solved: nothing is due.' };
  if (sla.state === 'paused' || !sla.dueAt)
    return sla.pausedFor === 'agreement'
      ? { label: 'Paused', color: 'gray', detail: 'Paused while the customer decides on a credit agreement.' }
      : { label: 'Paused', color: 'gray', detail: 'Paused: waiting for the customer to answer.' };
  const left = (new Date(sla.dueAt).getTime() - now.getTime()) / 1000;
  const what = sla.awaiting === 'first' ? 'First response' : 'Next response';
  const due = `${what} due ${formatDateTime(sla.dueAt)}`;
  if (sla.breached || left <= 0) return { label: `Breached ${formatDuration(-left)} ago`, color: 'red', detail: due };
  return { label: `${formatDuration(left)} left`, color: left <= soonSeconds ? 'yellow' : 'green', detail: due };
}

/** S-6: the clock in the queue: time left, paused or breached, the due on hover. */
export function SlaBadge({ sla }: { sla: Sla }) {
  const s = slaState(sla);
  return (
    <Tooltip label={s.detail} withArrow openDelay={300}>
      <Badge color={s.color} variant="light" tt="none">
        {s.label}
      </Badge>
    </Tooltip>
  );
}

/** S-6 / T-16: the ticket page's SLA card: the clock, the plan, the first response and the time agents spent. */
export function SlaClockCard({ ticket }: { ticket: StaffTicketDetail }) {
  const sla = ticket.sla;
  const s = slaState(sla);
  const codes = new Map(ticket.timeline.flatMap((i) => (i.kind === 'message' ? [[i.id, i.messageId] as const] : [])));
  const spent = ticket.timeSpent;
  return (
    <Card withBorder component="section" aria-labelledby="sla-title">
      <Stack gap={6}>
        <Title order={2} size="h5" id="sla-title">
          Service level
        </Title>
        <div>
          <Badge color={s.color} variant="light" tt="none">
            {s.label}
          </Badge>
        </div>
        <Text size="sm">{s.detail}</Text>
        {sla && (
          <Text size="sm">
            Plan: {planLabels[sla.plan]}
            {ticket.hotrush ? ', HotRush' : ''}
            {sla.targetMinutes ? `; target ${businessSpan(sla.targetMinutes)} of business time` : ''}
          </Text>
        )}
        {sla?.firstResponseAt && (
          <Text size="sm">
            First response {formatDateTime(sla.firstResponseAt)}
            {sla.firstResponseMinutes !== null
              ? ` (after ${businessSpan(sla.firstResponseMinutes)} of business time)`
              : ''}
          </Text>
        )}
        {sla && sla.breaches > 0 && (
          <Text size="sm" c="red">
            {sla.breaches === 1 ? '1 breach recorded' : `${sla.breaches} breaches recorded`}
          </Text>
        )}
        <Title order={3} size="h6" mt="xs">
          Time spent: {spent.totalMinutes ? formatDuration(spent.totalMinutes * 60) : 'none recorded'}
        </Title>
        {spent.perMessage.length > 0 && (
          <List size="sm" spacing={2} data-testid="time-spent">
            {spent.perMessage.map((m) => (
              <List.Item key={m.id}>
                {codes.get(m.id) ?? 'Message'}: {m.minutes} min
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
