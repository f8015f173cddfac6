// S-2…S-4: each ticket's support record: the plan it was asked under, the pre-agreement, what it costs.
import type { DbOrTrx } from '../../../core/db/index.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { invalid } from '../../../core/errors.js';
import { holdTicketForAgreement } from '../../tickets/index.js';
import { ticketPlanFor } from '../plans.js';
import type { SupportTicket } from '../tables.js';

export interface TicketSupportInput {
  ticketId: string;
  companyId: string;
  licenseIds: readonly string[];
  /** "I agree in advance to assessments up to N credits" (whole, 0…1000), or none. */
  preAgreeUpTo?: number | null | undefined;
  /** When the question was asked: the plan in force then applies to the whole ticket (S-3). */
  at: Date;
}

/** The largest pre-agreement a customer can give on a new ticket. */
export const maxPreAgreement = 1000;

/**
 * S-1 / S-3: records the plan a ticket is asked under (the best plan in force among its licenses at
 * `at`: a question asked during a free period is answered to its end after it) and the customer's
 * pre-agreement. The tickets module calls it in the transaction that opens the ticket; a second call
 * for the same ticket changes nothing.
 */
export async function recordTicketSupport(trx: DbOrTrx, input: TicketSupportInput): Promise<void> {
  const pre = input.preAgreeUpTo ?? null;
  if (pre !== null && (!Number.isSafeInteger(pre) || pre < 0 || pre > maxPreAgreement))
    throw invalid({ field: 'preAgreeUpTo', message: `Enter a whole number of credits from 0 to ${maxPreAgreement}.` });
  const plan = await ticketPlanFor(trx, input.companyId, input.licenseIds, input.at);
  await trx
    .insertInto('support_tickets')
    .values({
      ticket_id: input.ticketId,
      company_id: input.companyId,
      plan: plan.plan,
      plan_license_id: plan.licenseId,
      plan_until: plan.until,
      pre_agree_up_to: pre,
      created_at: input.at,
      updated_at: input.at,
    })
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .execute();
}

/**
 * The ticket's support record, written now if the ticket was opened without one (by mail, split off
 * another ticket, before issue 12): the plan in force when it was opened. `lock`: FOR UPDATE, so that the
 * assessments, agreements and declines of one ticket happen one after another.
 */
export async function ticketSupport(
  trx: DbOrTrx,
  t: { id: string; companyId: string; licenseIds: readonly string[]; createdAt: Date },
  lock: boolean,
): Promise<SupportTicket> {
  const read = () => {
    let q = trx.selectFrom('support_tickets').selectAll().where('ticket_id', '=', t.id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  };
  const found = await read();
  if (found) return found;
  await recordTicketSupport(trx, { ticketId: t.id, companyId: t.companyId, licenseIds: t.licenseIds, at: t.createdAt });
  const row = await read();
  if (!row) throw new Error('support record missing after insert');
  return row;
}

/**
 * S-6: the one place where "an agreement is pending" changes for a ticket (an assessment waits for the
 * customer's Agree, or stops waiting). While it is on the SLA clock pauses: the service-levels module's
 * hold is called from here.
 */
export async function setAgreementPending(trx: DbOrTrx, ticketId: string, on: boolean, at: Date): Promise<boolean> {
  const changed = await trx
    .updateTable('support_tickets')
    .set({ agreement_pending: on, updated_at: at })
    .where('ticket_id', '=', ticketId)
    .where('agreement_pending', '=', !on)
    .returning('ticket_id')
    .executeTakeFirst();
  // S-6: while the customer's Agree is pending the SLA clock is held (and resumes when it is decided).
  if (changed) await inTransaction(trx, (t) => holdTicketForAgreement(t, ticketId, on, at));
  return changed !== undefined;
}

/** S-6: whether the ticket waits for the customer's Agree to an assessment. */
export async function agreementPending(db: DbOrTrx, ticketId: string): Promise<boolean> {
  const row = await db
    .selectFrom('support_tickets')
    .select('agreement_pending')
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row?.agreement_pending ?? false;
}
