import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import { queueMails } from '../../core/mail/outbox.js';
import { enabledStaffContacts } from '../staff/index.js';
import { type TicketMailWhat, ticketMails } from './notify.js';
import { replyTokenKey } from './reply-token.js';
import type { Ticket } from './tables.js';

/**
 * T-15 / E-2: a customer's new message is mailed to the ticket's assigned agent (if enabled), with
 * the agent's own signed reply address: replying to it posts an answer to the customer (never an
 * internal note). A Message-ID of its own (`…s.r0@…`), threaded under the ticket's first mail.
 */
export async function notifyAssignee(
  ctx: AppContext,
  trx: Trx,
  ticket: Pick<Ticket, 'id' | 'number' | 'title' | 'assignee_id'>,
  what: Pick<TicketMailWhat, 'code' | 'headline' | 'body'>,
  now: Date,
): Promise<void> {
  if (!ticket.assignee_id) return;
  const [agent] = await enabledStaffContacts(trx, { id: ticket.assignee_id });
  if (!agent) return;
  const first = await trx
    .selectFrom('ticket_messages')
    .select('message_code')
    .where('ticket_id', '=', ticket.id)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const key = await replyTokenKey(ctx, trx);
  const [mail] = ticketMails(
    ctx,
    ticket,
    [{ id: ticket.assignee_id, email: agent.email, name: agent.name }],
    { ...what, kind: 'ticket-message-staff', staff: true },
    first?.message_code ?? null,
    key,
  );
  if (mail) await queueMails(trx, [mail], now, ctx.mailDomain);
}
