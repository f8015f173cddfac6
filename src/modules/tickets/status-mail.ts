import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { Ticket, TicketStatus } from './tables.js';
import { notifyCustomers } from './notify.js';
import { customerVisible } from './policy.js';

export const statusLabels: Record<TicketStatus, string> = {
  submitted: 'Submitted',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pre_closed: 'Pre-closed',
  closed: 'Closed',
  reopened: 'Re-opened',
};

/** T-15: tells the customers of a status change; the subject carries the ticket's latest message ID. */
export async function notifyStatus(
  ctx: AppContext,
  trx: Trx,
  t: Ticket,
  to: TicketStatus,
  now: Date,
  extra?: string,
): Promise<void> {
  const last = await trx
    .selectFrom('ticket_messages')
    .select('message_code')
    .where('ticket_id', '=', t.id)
    .$call(customerVisible)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return;
  await notifyCustomers(
    ctx,
    trx,
    t,
    {
      code: last.message_code,
      kind: `ticket-${to.replace('_', '-')}`,
      headline: `Ticket #${t.number} is now ${statusLabels[to]}.`,
      body: '',
      extra,
      status: true,
      closed: to === 'closed',
    },
    now,
  );
}
