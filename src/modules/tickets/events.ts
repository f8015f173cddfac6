import type { Actor } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { noteTicketClosed } from '../access-info/index.js';

export type TicketEventKind =
  | 'created'
  | 'status'
  | 'priority'
  | 'hotrush'
  | 'assigned'
  | 'type'
  | 'department'
  | 'solved'
  | 'rated'
  | 'merged'
  | 'message-moved';

export function actorLabel(actor: Actor): { actor_kind: string; actor_id: string | null; actor_label: string } {
  if (actor.kind === 'profile' || actor.kind === 'staff')
    return { actor_kind: actor.kind, actor_id: actor.id, actor_label: actor.name };
  return {
    actor_kind: actor.kind,
    actor_id: null,
    actor_label: actor.kind === 'system' ? (actor.name ?? 'Clientele') : 'anonymous',
  };
}

type NewTicketEvent = {
  ticketId: string;
  kind: TicketEventKind;
  actor: Actor;
  at: Date;
  from?: string | null;
  to?: string | null;
  internal?: boolean;
};

/** The row of a timeline event, for callers that write it together with other rows in one statement. */
export function ticketEventRow(e: NewTicketEvent) {
  return {
    ticket_id: e.ticketId,
    at: e.at,
    kind: e.kind,
    ...actorLabel(e.actor),
    from_value: e.from ?? null,
    to_value: e.to ?? null,
    internal: e.internal ?? false,
  };
}

/** T-3: one timeline event (who, when, from, to), in the transaction of the change. */
export async function recordTicketEvent(db: DbOrTrx, e: NewTicketEvent): Promise<void> {
  await db.insertInto('ticket_events').values(ticketEventRow(e)).execute();
  // T-18: access info is erased a number of days after the ticket closes; a re-open stops the count.
  if (e.kind === 'status' && (e.to === 'closed' || e.from === 'closed'))
    await noteTicketClosed(db, e.ticketId, e.to === 'closed' ? e.at : null);
}
