// S-2: the customer agrees to or declines an assessment that waits for them.
import { recordAudit } from '../../../core/audit.js';
import type { DbOrTrx } from '../../../core/db/index.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { ProfileActor } from '../../../core/policy.js';
import { recordTicketEvent, ticketForSupport } from '../../tickets/index.js';
import type { Assessment } from '../tables.js';
import { chargeCredits, creditBalance } from '../wallet.js';
import { buyCreditsHint as shopHint } from '../hints.js';
import { assertOpenForSupport } from './assess-ticket.js';
import { setAgreementPending, ticketSupport } from './ticket-support.js';

/**
 * S-2: what the customer is told when the balance does not cover a charge. One constant, so the
 * support module's shop hint (a link to buy credits once the shop exists) replaces it in one place.
 */
export const buyCreditsHint = shopHint().message;

/** S-2: the 409 of an Agree the balance does not cover; nothing was charged. */
export function agreeShortOfCredits(needed: number, balance: number): AppError {
  return new AppError(
    'insufficient-credits',
    `Agreeing needs ${needed} credits and your company has ${balance}; nothing was charged. ${buyCreditsHint}`,
    [{ field: 'credits', message: `${needed - balance} more credits are needed.` }],
  );
}

const notPending: Record<string, string> = {
  charged: 'You already agreed to this assessment; nothing was charged again.',
  refunded: 'This assessment is settled; nothing waits for your agreement.',
  covered: 'Your support plan covers this assessment; nothing waits for your agreement.',
  declined: 'You declined this assessment. Ask the agent to assess the ticket again.',
  superseded: 'This assessment was replaced by a newer one: see the current assessment.',
};

async function pendingAssessment(trx: DbOrTrx, number: string, assessmentId: string, actor: ProfileActor) {
  const t = await ticketForSupport(trx, number, actor.companyId);
  const st = await ticketSupport(trx, t, true);
  const a = /^[0-9a-f-]{36}$/i.test(assessmentId)
    ? await trx
        .selectFrom('support_assessments')
        .selectAll()
        .where('id', '=', assessmentId)
        .where('ticket_id', '=', t.id)
        .executeTakeFirst()
    : undefined;
  if (!a) throw notFound('This assessment');
  if (a.state !== 'pending') throw new AppError('conflict', notPending[a.state] ?? 'This assessment is settled.');
  assertOpenForSupport(t);
  return { t, st, a };
}

/**
 * S-2: the customer (any profile of the company with tickets.use) agrees: the difference between the
 * assessment's price and what the ticket has cost so far is charged (source `assessment:<id>`, so it is
 * charged once however often Agree is clicked, also at once). A second Agree is a 409, a balance that
 * does not cover it a 409 'insufficient-credits' with the buy-credits hint; nothing is written then.
 */
export async function agreeToAssessment(
  db: DbOrTrx,
  number: string,
  assessmentId: string,
  actor: ProfileActor,
  at: Date,
): Promise<Assessment> {
  return inTransaction(db, async (trx) => {
    const { t, st, a } = await pendingAssessment(trx, number, assessmentId, actor);
    const diff = a.credits - st.net_charged;
    if (diff > 0) {
      try {
        await chargeCredits(trx, {
          companyId: t.companyId,
          credits: diff,
          actor,
          at,
          ticketId: t.id,
          licenseId: st.plan_license_id,
          reason: `Ticket #${t.number}: category ${a.category}, agreed`,
          source: `assessment:${a.id}`,
        });
      } catch (e) {
        if (e instanceof AppError && e.code === 'insufficient-credits')
          throw agreeShortOfCredits(diff, await creditBalance(trx, t.companyId));
        throw e;
      }
    }
    const row = await trx
      .updateTable('support_assessments')
      .set({
        state: 'charged',
        charged: Math.max(0, diff),
        decided_kind: 'profile',
        decided_by: actor.id,
        decided_by_name: actor.name,
        decided_at: at,
      })
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('support_tickets')
      .set({ net_charged: Math.max(a.credits, st.net_charged), updated_at: at })
      .where('ticket_id', '=', t.id)
      .execute();
    await setAgreementPending(trx, t.id, false, at);
    await recordTicketEvent(trx, {
      ticketId: t.id,
      actor,
      at,
      kind: 'assessment-agreed',
      to: `category ${a.category}, ${a.credits} credits`,
    });
    if (diff > 0)
      await recordTicketEvent(trx, { ticketId: t.id, actor, at, kind: 'credits-charged', to: String(diff) });
    await recordAudit(trx, {
      actor,
      action: 'support.agree',
      entity: 'ticket',
      entityId: t.id,
      after: { assessment: a.id, credits: a.credits, charged: Math.max(0, diff) },
      at,
    });
    return row;
  });
}

/**
 * S-2: the customer declines: nothing is charged (what the ticket cost before stays), the agreement is no
 * longer pending, and the ticket is answered only as category 1 allows. The agent may assess again.
 */
export async function declineAssessment(
  db: DbOrTrx,
  number: string,
  assessmentId: string,
  actor: ProfileActor,
  at: Date,
): Promise<Assessment> {
  return inTransaction(db, async (trx) => {
    const { t, a } = await pendingAssessment(trx, number, assessmentId, actor);
    const row = await trx
      .updateTable('support_assessments')
      .set({
        state: 'declined',
        decided_kind: 'profile',
        decided_by: actor.id,
        decided_by_name: actor.name,
        decided_at: at,
      })
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setAgreementPending(trx, t.id, false, at);
    await recordTicketEvent(trx, {
      ticketId: t.id,
      actor,
      at,
      kind: 'assessment-declined',
      to: `category ${a.category}, ${a.credits} credits`,
    });
    await recordAudit(trx, {
      actor,
      action: 'support.decline',
      entity: 'ticket',
      entityId: t.id,
      after: { assessment: a.id, credits: a.credits },
      at,
    });
    return row;
  });
}
