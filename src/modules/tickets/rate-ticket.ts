import { inTransaction } from '../../core/db/transaction.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket } from './tables.js';
import { AppError } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import type { ProfileActor } from '../../core/policy.js';
import { recordTicketEvent } from './events.js';
import { canRate } from './policy.js';
import { findCompanyTicket, mergedConflict } from './queries.js';
import { enabledStaffContacts } from '../staff/index.js';

/**
 * T-13: a Closed ticket (work has finished) is rated 1–5 with a comment; the rating can be changed
 * while the ticket stays closed. The rating and comment go to the head of the ticket's department
 * (or, when none is set, to every department head).
 */
export async function rateTicket(
  ctx: AppContext,
  actor: ProfileActor,
  number: string,
  input: { rating: number; comment?: string },
): Promise<Ticket> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await findCompanyTicket(trx, actor.companyId, number, true);
    if (t.type_key === 'license_log') throw new AppError('unprocessable', 'A license log ticket cannot be rated.');
    if (t.status !== 'closed')
      throw new AppError('conflict', 'Only a Closed ticket can be rated: close it when the work is finished.');
    if (t.merged_into_id) throw await mergedConflict(trx, t);
    if (!canRate(t))
      throw new AppError('conflict', 'Nobody from our team worked on this ticket, so there is nothing to rate yet.');
    const after = await trx
      .updateTable('tickets')
      .set({ rating: input.rating, rating_comment: input.comment ?? '', rated_at: now, updated_at: now })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTicketEvent(trx, {
      ticketId: t.id,
      kind: 'rated',
      actor,
      at: now,
      from: t.rating ? String(t.rating) : null,
      to: String(input.rating),
    });
    const dept = await trx
      .selectFrom('departments')
      .select(['name', 'head_staff_id'])
      .where('key', '=', t.department_key)
      .executeTakeFirstOrThrow();
    const heads = await enabledStaffContacts(
      trx,
      dept.head_staff_id ? { id: dept.head_staff_id } : { role: 'department_head' },
    );
    for (const h of heads) {
      await queueMail(
        trx,
        {
          to: h.email,
          kind: 'ticket-rated',
          subject: `[#${t.number}] rated ${input.rating}/5 by ${actor.name}`,
          text: `Hello ${h.name},\n\nTicket #${t.number} "${t.title}" (${dept.name}) was rated ${input.rating} of 5${t.rating ? ` (before: ${t.rating})` : ''}.\n\nComment: ${input.comment || '(none)'}\n\n${ctx.config.publicUrl}/staff/tickets/${t.number}\n`,
        },
        now,
        ctx.mailDomain,
      );
    }
    return after;
  });
}
