// S-2…S-4: an agent assesses (or re-assesses) a ticket.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../core/audit.js';
import type { DbOrTrx } from '../../../core/db/index.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/errors.js';
import type { StaffActor } from '../../../core/policy.js';
import { recordTicketEvent, type TicketForSupport, ticketForSupport } from '../../tickets/index.js';
import type { Assessment, AssessmentState } from '../tables.js';
import { chargeCredits, refundCredits } from '../wallet.js';
import { categoryInfo } from './cost.js';
import { type AssessmentInput, priceAssessment } from './price-assessment.js';
import { setAgreementPending, ticketSupport } from './ticket-support.js';
import { releaseVipAllowance, takeVipAllowance } from './vip-usage.js';

/** Assessments that are the ticket's current one (a newer assessment supersedes them). */
export const liveStates: AssessmentState[] = ['pending', 'charged', 'refunded', 'covered'];

/** S-2: a closed (or merged) ticket is neither assessed nor agreed to. */
export function assertOpenForSupport(t: Pick<TicketForSupport, 'status' | 'mergedIntoId'>): void {
  if (t.mergedIntoId) throw new AppError('conflict', 'This ticket was merged into another: assess that one.');
  if (t.status === 'closed') throw new AppError('conflict', 'This ticket is closed: re-open it first.');
}

/**
 * S-2: the agent assigns a category (and for a code modification the price, for an upgrade the versions).
 * The new assessment supersedes the current one; against what the ticket has cost so far (`net_charged`):
 * - cheaper: the difference is refunded at once;
 * - dearer: the difference is charged at once for category 1 or when the customer's pre-agreement covers
 *   the price, else it waits for the customer's Agree (an agreement pending, S-6); a balance that does
 *   not cover an immediate charge leaves it waiting too, with the buy-credits hint for the customer;
 * - a VIP allowance that covers it (S-4) is taken and what was charged before is refunded.
 * Not due under the ticket's plan (period: categories 1–2; VIP: all but modifications and upgrades) is a
 * 409 and nothing is written. The ticket's support row is locked first, so assessments and agreements of
 * one ticket never interleave and credits are charged once.
 */
export async function assessTicket(
  db: DbOrTrx,
  number: string,
  input: AssessmentInput,
  actor: StaffActor,
  at: Date,
): Promise<Assessment> {
  return inTransaction(db, async (trx) => {
    const t = await ticketForSupport(trx, number);
    assertOpenForSupport(t);
    const st = await ticketSupport(trx, t, true);
    const priced = await priceAssessment(trx, t, st, input, at);
    const info = categoryInfo(priced.category);
    const id = randomUUID();

    // The current assessment is superseded; a VIP allowance it took is given back.
    const superseded = await trx
      .updateTable('support_assessments')
      .set({ state: 'superseded', superseded_at: at })
      .where('ticket_id', '=', t.id)
      .where('state', 'in', liveStates)
      .returning(['id', 'state', 'covered_by', 'covered_period'])
      .execute();
    for (const s of superseded)
      if (s.covered_by && s.covered_period)
        await releaseVipAllowance(trx, {
          kind: s.covered_by,
          ownerId: s.covered_by === 'vip-modification' ? t.companyId : (st.plan_license_id ?? ''),
          period: s.covered_period,
        });

    const covered = priced.covered ? await takeVipAllowance(trx, priced.covered) : false;
    const price = covered ? 0 : priced.credits;
    const diff = price - st.net_charged;
    const money = { companyId: t.companyId, actor, at, ticketId: t.id, licenseId: st.plan_license_id };
    const reason = `Ticket #${t.number}: category ${priced.category}`;
    let state: AssessmentState;
    let charged = 0;
    let decided: Pick<Assessment, 'decided_kind' | 'decided_by' | 'decided_by_name' | 'decided_at'> = {
      decided_kind: null,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
    };
    if (diff < 0) {
      await refundCredits(trx, {
        ...money,
        credits: -diff,
        reason: `${reason}, refund`,
        source: `assessment:${id}:refund`,
      });
      state = covered ? 'covered' : 'refunded';
      charged = diff;
    } else if (diff === 0) {
      state = covered ? 'covered' : 'charged';
    } else {
      const preAgreed = st.pre_agree_up_to !== null && price <= st.pre_agree_up_to;
      state = 'pending';
      if (!info.needsAgreement || preAgreed) {
        try {
          await chargeCredits(trx, { ...money, credits: diff, reason, source: `assessment:${id}` });
          state = 'charged';
          charged = diff;
          decided = {
            decided_kind: info.needsAgreement ? 'pre-agreement' : 'no-confirmation',
            decided_by: null,
            decided_by_name: null,
            decided_at: at,
          };
        } catch (e) {
          // Not covered by the balance: nothing was written; it waits until credits are bought and agreed to.
          if (!(e instanceof AppError && e.code === 'insufficient-credits')) throw e;
        }
      }
    }
    const row = await trx
      .insertInto('support_assessments')
      .values({
        id,
        ticket_id: t.id,
        company_id: t.companyId,
        category: priced.category,
        credits: price,
        charged,
        from_version: priced.fromVersion,
        to_version: priced.toVersion,
        patch_steps: priced.patchSteps,
        note: input.note?.trim() ?? '',
        state,
        covered_by: covered ? (priced.covered?.kind ?? null) : null,
        covered_period: covered ? (priced.covered?.period ?? null) : null,
        assessed_by: actor.id,
        assessed_by_name: actor.name,
        assessed_at: at,
        ...decided,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (state !== 'pending')
      await trx
        .updateTable('support_tickets')
        .set({ net_charged: price, updated_at: at })
        .where('ticket_id', '=', t.id)
        .execute();
    await setAgreementPending(trx, t.id, state === 'pending', at);
    const event = { ticketId: t.id, actor, at };
    await recordTicketEvent(trx, {
      ...event,
      kind: 'assessed',
      to: `category ${priced.category}, ${covered ? 'free under VIP care' : `${price} credits`}${state === 'pending' ? ', waiting for the customer' : ''}`,
    });
    if (charged > 0) await recordTicketEvent(trx, { ...event, kind: 'credits-charged', to: String(charged) });
    if (charged < 0) await recordTicketEvent(trx, { ...event, kind: 'credits-refunded', to: String(-charged) });
    await recordAudit(trx, {
      actor,
      action: superseded.length ? 'support.reassess' : 'support.assess',
      entity: 'ticket',
      entityId: t.id,
      companyId: t.companyId,
      before: { netCharged: st.net_charged, superseded: superseded.map((s) => s.id) },
      after: { assessment: id, category: priced.category, credits: price, state, charged },
      at,
    });
    return row;
  });
}
