import { inTransaction } from '../../core/db/transaction.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket, TicketPriority, TicketStatus } from './tables.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { reweighOpenTickets } from './effective.js';
import { canRate, canReopen } from './policy.js';
import { countHotRushDisable } from './hotrush.js';
import { updateTicketSla } from '../service-levels/index.js';
import { recordTicketEvent } from './events.js';
import { findCompanyTicket, mergedConflict } from './queries.js';
import { notifyStatus } from './status-mail.js';

export const hotrushDisableLimit = 3;

export interface ChangeTicketInput {
  status?: 'closed' | 'reopened';
  priority?: TicketPriority;
  hotrush?: boolean;
}

/**
 * The customer's ticket properties: close it, or re-open a Closed or Pre-closed one (T-7); change
 * the priority while it is not Closed (T-10); set HotRush on a tech-support ticket, or take it off
 * — freely while Submitted, otherwise at most 3 times per company, ever (T-12); nothing once Closed.
 */
export async function changeTicket(
  ctx: AppContext,
  actor: ProfileActor,
  number: string,
  input: ChangeTicketInput,
): Promise<Ticket> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await findCompanyTicket(trx, actor.companyId, number, true);
    if (t.type_key === 'license_log') throw new AppError('forbidden', 'A license log ticket cannot be changed.');
    const set: Partial<{
      status: TicketStatus;
      priority: TicketPriority;
      hotrush: boolean;
      due_at: Date | null;
      closed_at: Date | null;
      pre_closed_at: Date | null;
      solved_at: Date | null;
    }> = {};
    let status = t.status;
    if (input.status === 'reopened') {
      if (t.merged_into_id) throw await mergedConflict(trx, t);
      if (!canReopen(t)) throw new AppError('conflict', 'Only a Closed or Pre-closed ticket can be re-opened.');
      status = 'reopened';
      Object.assign(set, { status, closed_at: null, pre_closed_at: null, solved_at: null });
    }
    const closedNow = status === 'closed';
    if (
      (input.priority !== undefined && input.priority !== t.priority) ||
      (input.hotrush !== undefined && input.hotrush !== t.hotrush)
    ) {
      if (closedNow)
        throw new AppError(
          'conflict',
          'The priority and HotRush of a Closed ticket cannot be changed; re-open it first.',
        );
    }
    if (input.priority !== undefined && input.priority !== t.priority) {
      set.priority = input.priority;
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'priority',
        actor,
        at: now,
        from: t.priority,
        to: input.priority,
      });
    }
    if (input.hotrush !== undefined && input.hotrush !== t.hotrush) {
      const type = await trx
        .selectFrom('ticket_types')
        .select('hotrush_allowed')
        .where('key', '=', t.type_key)
        .executeTakeFirstOrThrow();
      if (input.hotrush && !type.hotrush_allowed)
        throw new AppError('validation-failed', 'HotRush is for tech support questions only.', [
          { field: 'hotrush', message: 'Not for this type of ticket.' },
        ]);
      if (!input.hotrush && t.status !== 'submitted') {
        // Counted per company, forever; the conditional update makes the limit hold under concurrency.
        if (!(await countHotRushDisable(trx, t.company_id, hotrushDisableLimit))) {
          throw new AppError(
            'unprocessable',
            `Your company has used all ${hotrushDisableLimit} of its HotRush disables on tickets that were being worked on (they are counted per company, forever).`,
            [{ field: 'hotrush', message: `All ${hotrushDisableLimit} HotRush disables are used.` }],
          );
        }
      }
      set.hotrush = input.hotrush;
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'hotrush',
        actor,
        at: now,
        from: String(t.hotrush),
        to: String(input.hotrush),
      });
    }
    if (input.status === 'closed') {
      if (t.status === 'closed') throw new AppError('conflict', 'This ticket is already closed.');
      status = 'closed';
      Object.assign(set, { status, closed_at: now });
    }
    if (Object.keys(set).length === 0) return t;
    // S-6: a new priority, HotRush or status moves the SLA clock (T-12: HotRush's 2 business hours
    // count while a response is awaited); the queue orders by the due it returns.
    set.due_at = await updateTicketSla(trx, { ...t, ...set }, now, { kind: 'change' });
    const after = await trx
      .updateTable('tickets')
      .set({ ...set, last_activity_at: now, updated_at: now })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // T-11: a new priority changes the company's habit: all its open tickets (this one too) are weighed again.
    if (set.priority !== undefined) {
      await reweighOpenTickets(trx, t.company_id, now).execute();
      const weighed = await trx.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
      Object.assign(after, weighed);
    }
    if (status !== t.status) {
      await recordTicketEvent(trx, { ticketId: t.id, kind: 'status', actor, at: now, from: t.status, to: status });
      await notifyStatus(ctx, trx, after, status, now, status === 'closed' ? await rateLine(ctx, after) : undefined);
    }
    return after;
  });
}

/** T-13: the line of the "closed" mail that rates the ticket in one click. */
export async function rateLine(ctx: AppContext, t: Ticket): Promise<string | undefined> {
  return canRate(t) ? `How did we do? Rate this ticket: ${ctx.config.publicUrl}/tickets/${t.number}?rate=1` : undefined;
}
