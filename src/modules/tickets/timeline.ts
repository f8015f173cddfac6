import type { DbOrTrx } from '../../core/db/index.js';
import { customerVisible } from './policy.js';
import { profileNamesTable } from '../accounts/index.js';
import { staffNamesTable } from '../staff/index.js';

export interface TimelineMessage {
  kind: 'message';
  id: string;
  messageId: string;
  at: string;
  author: { kind: 'profile' | 'staff' | 'system'; name: string };
  internal: boolean;
  body: string;
  source: string;
  attachments: { id: string; name: string; size: number; mediaType: string }[];
}

export interface TimelineEvent {
  kind: 'event';
  id: string;
  at: string;
  event: string;
  actor: string;
  from: string | null;
  to: string | null;
  internal: boolean;
}

/**
 * T-3 / T-5: a ticket's messages and events in time order. For customers (`staff` false) internal
 * notes and staff-only events are left out here, in the query, so no customer-facing response can
 * carry them.
 */
export async function loadTimeline(
  db: DbOrTrx,
  ticketId: string,
  staff: boolean,
): Promise<(TimelineMessage | TimelineEvent)[]> {
  let mq = db
    .selectFrom('ticket_messages as m')
    .leftJoin(profileNamesTable(db).as('p'), 'p.id', 'm.author_profile_id')
    .leftJoin(staffNamesTable(db).as('s'), 's.id', 'm.author_staff_id')
    .select([
      'm.id',
      'm.message_code',
      'm.created_at',
      'm.author_kind',
      'm.internal',
      'm.body',
      'm.source',
      'p.name as profile_name',
      's.name as staff_name',
    ])
    .where('m.ticket_id', '=', ticketId);
  let eq = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (!staff) {
    mq = customerVisible(mq, 'm.internal');
    eq = customerVisible(eq);
  }
  const [messages, events] = await Promise.all([
    mq.orderBy('m.seq').limit(5000).execute(),
    eq.orderBy('id').limit(5000).execute(),
  ]);
  const ids = messages.map((m) => m.id);
  const files = ids.length
    ? await db
        .selectFrom('ticket_attachments')
        .select(['id', 'message_id', 'name', 'size', 'media_type'])
        .where('message_id', 'in', ids)
        .orderBy('created_at')
        .execute()
    : [];
  const out: (TimelineMessage | TimelineEvent)[] = [
    ...messages.map(
      (m): TimelineMessage => ({
        kind: 'message',
        id: m.id,
        messageId: m.message_code,
        at: m.created_at.toISOString(),
        author: {
          kind: m.author_kind,
          name:
            m.author_kind === 'system'
              ? 'Clientele'
              : ((m.author_kind === 'staff' ? m.staff_name : m.profile_name) ?? ''),
        },
        internal: m.internal,
        body: m.body,
        source: m.source,
        attachments: files
          .filter((f) => f.message_id === m.id)
          .map((f) => ({ id: f.id, name: f.name, size: Number(f.size), mediaType: f.media_type })),
      }),
    ),
    ...events.map(
      (e): TimelineEvent => ({
        kind: 'event',
        id: String(e.id),
        at: e.at.toISOString(),
        event: e.kind,
        actor: e.actor_label,
        from: e.from_value,
        to: e.to_value,
        internal: e.internal,
      }),
    ),
  ];
  return out.sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1,
  );
}
