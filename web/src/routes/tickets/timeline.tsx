import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { TicketStatus, TimelineItem } from '../../api/tickets';
import { Time } from '../../components/time';
import { formatBytes } from '../../format';
import { ticketStatusLabels } from '../../labels';

const cap = (v: string | null) => (v ? v.charAt(0).toUpperCase() + v.slice(1) : '');

const eventText = (e: Extract<TimelineItem, { kind: 'event' }>): string => {
  const label = (v: string | null) =>
    v && v in ticketStatusLabels ? ticketStatusLabels[v as TicketStatus] : (v ?? '');
  switch (e.event) {
    case 'created':
      return 'opened the ticket';
    case 'status':
      return `changed the status from ${label(e.from)} to ${label(e.to)}`;
    case 'priority':
      return `changed the priority from ${cap(e.from)} to ${cap(e.to)}`;
    case 'hotrush':
      return e.to === 'true' ? 'turned HotRush on' : 'turned HotRush off';
    case 'assigned':
      return `assigned the ticket to ${e.to}`;
    case 'type':
      return `changed the type from ${e.from} to ${e.to}`;
    case 'department':
      return `moved the ticket from ${e.from} to ${e.to}`;
    case 'solved':
      return e.to ? 'marked the issue solved' : 'withdrew the solved mark';
    case 'merged':
      return `merged ticket ${e.from} into ${e.to}`;
    case 'message-moved':
      return `moved message ${e.from} to the new ticket ${e.to}`;
    case 'rated':
      return `rated the ticket ${e.to}/5`;
    case 'assessed':
      return `assessed the ticket: ${e.to}`;
    case 'assessment-agreed':
      return `agreed to the assessment: ${e.to}`;
    case 'assessment-declined':
      return `declined the assessment: ${e.to}`;
    case 'credits-charged':
      return `charged ${e.to} support credits`;
    case 'credits-refunded':
      return `refunded ${e.to} support credits`;
    default:
      return `${e.event} ${e.from ?? ''} → ${e.to ?? ''}`;
  }
};

/** T-3 / T-5: messages (with their message IDs and attachments) and status events, in time order. */
export function Timeline({
  items,
  attachmentUrl,
  messageMenu,
  newestFirst = false,
}: {
  items: TimelineItem[];
  attachmentUrl: (id: string) => string;
  /** Staff: the actions on one message (move it to a new ticket), as a menu. */
  messageMenu?: (messageId: string, internal: boolean) => ReactNode;
  /** Staff read the newest first, right under the reply box. */
  newestFirst?: boolean;
}) {
  const shown = newestFirst ? [...items].reverse() : items;
  return (
    <Stack gap="sm">
      {shown.map((x) =>
        x.kind === 'message' ? (
          <Card
            key={x.id}
            withBorder
            bg={x.internal ? 'yellow.0' : x.author.kind === 'staff' ? 'blue.0' : undefined}
            data-testid="timeline-message"
            data-message-id={x.messageId}
            data-internal={x.internal}
          >
            <Group justify="space-between" mb={4}>
              <Text fw={500} size="sm">
                {x.author.name}
                {x.author.kind === 'staff' && ' (support)'}
                {x.internal && (
                  // Dark text on light yellow: over 4.5:1 (white on yellow is under 2:1).
                  <Badge ml="xs" color="yellow.3" c="dark.9" size="sm">
                    Internal note
                  </Badge>
                )}
                {x.source === 'email' && (
                  <Badge ml="xs" variant="light" size="sm">
                    by e-mail
                  </Badge>
                )}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed">
                  <Time value={x.at} /> · Message ID <span data-testid="message-id">{x.messageId}</span>
                </Text>
                {messageMenu?.(x.messageId, x.internal)}
              </Group>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {x.body}
            </Text>
            {x.attachments.length > 0 && (
              <Stack gap={2} mt="xs">
                {x.attachments.map((a) => (
                  <Anchor
                    key={a.id}
                    href={attachmentUrl(a.id)}
                    size="sm"
                    data-testid="attachment-link"
                    style={{ display: 'inline-flex', alignItems: 'center', gap: 4, overflowWrap: 'anywhere' }}
                  >
                    <IconPaperclip size={14} aria-hidden />
                    {a.name} ({formatBytes(a.size)})
                  </Anchor>
                ))}
              </Stack>
            )}
          </Card>
        ) : (
          <Text key={`e${x.id}`} size="xs" c="dimmed" data-testid="timeline-event" data-event={x.event}>
            <Time value={x.at} /> — {x.actor} {eventText(x)}
          </Text>
        ),
      )}
    </Stack>
  );
}
