import { inTransaction } from '../../core/db/transaction.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket, TicketMessage, TicketStatus } from './tables.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import type { ReceivedFile } from '../../core/storage/receive-uploads.js';
import { recordTicketEvent } from './events.js';
import { insertMessage } from './insert-message.js';
import { notifyCustomers } from './notify.js';
import { notifyAssignee } from './staff-mail.js';
import { findCompanyTicket, findTicket } from './queries.js';
import { canCustomerPost } from './policy.js';
import { recordTimeSpent, updateTicketSla } from '../service-levels/index.js';

export const closedTicket = () =>
  new AppError('conflict', 'This ticket is closed. Re-open it to post a message, or create a new ticket.');

/**
 * T-6: a customer posts a message. Not in a Closed ticket (re-open it first, T-7); a Pre-closed
 * ticket goes back to In progress; not in a license log ticket (T-17, read only). A new message
 * withdraws an agent's "solved" mark (T-8 counts silence after it).
 */
export async function postCustomerMessage(
  ctx: AppContext,
  actor: ProfileActor,
  number: string,
  input: { body: string; source?: 'web' | 'email' | 'api'; emailMessageId?: string | null },
  files: ReceivedFile[] = [],
): Promise<{ ticket: Ticket; message: TicketMessage }> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await findCompanyTicket(trx, actor.companyId, number, true);
    if (t.type_key === 'license_log')
      throw new AppError('forbidden', 'A license log ticket can be read but not answered.');
    if (!canCustomerPost(t)) throw closedTicket();
    const status: TicketStatus = t.status === 'pre_closed' ? 'in_progress' : t.status;
    const m = await insertMessage(trx, {
      ticketId: t.id,
      companyId: t.company_id,
      author: { kind: 'profile', id: actor.id },
      body: input.body,
      source: input.source ?? 'web',
      emailMessageId: input.emailMessageId,
      files,
      at: now,
    });
    // S-6: the customer answered: a next response is due (the clock resumes).
    const due = await updateTicketSla(trx, { ...t, status }, now, { kind: 'customer-message' });
    const after = await trx
      .updateTable('tickets')
      .set({
        status,
        due_at: due,
        solved_at: null,
        pre_closed_at: null,
        last_message_at: now,
        last_activity_at: now,
        updated_at: now,
      })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status !== t.status)
      await recordTicketEvent(trx, { ticketId: t.id, kind: 'status', actor, at: now, from: t.status, to: status });
    const what = { code: m.message_code, headline: `${actor.name} wrote in ticket #${t.number}:`, body: input.body };
    await notifyCustomers(ctx, trx, after, { ...what, kind: 'ticket-message' }, now);
    await notifyAssignee(ctx, trx, after, what, now);
    return { ticket: after, message: m };
  });
}

/**
 * T-6 / T-16: staff answer (the customer is told, T-15) or add an internal note (never shown or
 * mailed to customers). An answer puts the ticket In progress and, when nobody owns it, assigns it
 * to the answering agent. Staff may answer a Closed ticket only after re-opening it. By e-mail
 * (E-2: a reply to the agent's signed reply address) it is always an answer.
 */
export async function postStaffMessage(
  ctx: AppContext,
  actor: StaffActor,
  number: string,
  input: {
    body: string;
    internal: boolean;
    source?: 'web' | 'email';
    emailMessageId?: string | null;
    /** T-16: the minutes the agent spent on it. */
    timeSpent?: number;
  },
  files: ReceivedFile[] = [],
): Promise<{ ticket: Ticket; message: TicketMessage }> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await findTicket(trx, number, true);
    // T-17: a license log is written by the system alone; nobody answers or annotates it.
    if (t.type_key === 'license_log')
      throw new AppError('forbidden', 'A license log ticket is written by the system; it takes no messages or notes.');
    if (t.status === 'closed' && !input.internal) throw closedTicket();
    const m = await insertMessage(trx, {
      ticketId: t.id,
      companyId: t.company_id,
      author: { kind: 'staff', id: actor.id },
      body: input.body,
      internal: input.internal,
      source: input.source ?? 'web',
      emailMessageId: input.emailMessageId,
      files,
      at: now,
    });
    if (input.timeSpent !== undefined)
      await recordTimeSpent(trx, {
        ticketId: t.id,
        messageId: m.id,
        staffId: actor.id,
        minutes: input.timeSpent,
        at: now,
      });
    if (input.internal) {
      await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', t.id).execute();
      return { ticket: t, message: m };
    }
    const status: TicketStatus = 'in_progress';
    const assignee = t.assignee_id ?? actor.id;
    // S-6: the awaited response is given; the ticket waits on the customer, nothing is due.
    const due = await updateTicketSla(trx, { ...t, status }, now, { kind: 'staff-answer' });
    const after = await trx
      .updateTable('tickets')
      .set({
        status,
        assignee_id: assignee,
        pre_closed_at: null,
        due_at: due,
        first_answer_at: t.first_answer_at ?? now,
        last_message_at: now,
        last_activity_at: now,
        updated_at: now,
      })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!t.assignee_id)
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'assigned',
        actor,
        at: now,
        from: null,
        to: actor.name,
        internal: true,
      });
    if (t.status !== status)
      await recordTicketEvent(trx, { ticketId: t.id, kind: 'status', actor, at: now, from: t.status, to: status });
    await notifyCustomers(
      ctx,
      trx,
      after,
      {
        code: m.message_code,
        kind: 'ticket-message',
        headline: `${actor.name} (support) answered in ticket #${t.number}:`,
        body: input.body,
      },
      now,
    );
    return { ticket: after, message: m };
  });
}
